import "server-only";

import { z } from "zod";

import { ZSignInHistory } from "../auth/account.router";
import { clientOf } from "../auth/auth.router";
import { securitySettings, setSecuritySettings } from "../auth/security-settings";
import { signInHistory } from "../auth/sign-in-events";
import { revokeDevices } from "../device/device.service";
import { smsHealth } from "../sms/sms.health";
import { bureauProcedure, router } from "../trpc/init";
import {
  createAccount,
  endAccountSessions,
  listAccounts,
  resetAccountSecondFactor,
  resetPassword,
  setAccountActive,
  setAccountOrg,
} from "./accounts.service";
import { importYear, monthDays, setDay } from "./calendar.service";
import {
  addTag,
  editTag,
  listVersions,
  newDraft,
  publishVersion,
  retireTag,
  versionDetail,
} from "./catalog.manage";
import {
  createEntity,
  KINDS,
  listEntities,
  setRetired,
  updateEntity,
  ZListEntities,
} from "./entities.service";
import {
  createClient,
  listClients,
  listKeys,
  listOutbox,
  queryAudit,
  retryOutbox,
  revokeClient,
  revokeQrCode,
  revokeSigningKey,
  rotateClient,
  rotateSigningKey,
  ZAuditQuery,
  ZListOutbox,
} from "./platform.service";

/**
 * The bureau's management desk (/admin/manage, article 5). Every procedure is the bureau's
 * alone; form fields arrive as `unknown` and are checked by the services, whose messages name
 * the field and the reason. Imports of staff and items go through
 * app/api/admin/manage/import/route.ts (a file upload).
 */
const form = z.unknown();
const kind = z.enum(KINDS);

export const manageRouter = router({
  catalog: router({
    versions: bureauProcedure.query(({ ctx }) => listVersions(ctx.deps)),
    version: bureauProcedure
      .input(z.object({ version: z.number().int() }))
      .query(({ ctx, input }) => versionDetail(ctx.deps, input.version)),
    newDraft: bureauProcedure.input(form).mutation(({ ctx, input }) => newDraft(ctx, input)),
    editTag: bureauProcedure.input(form).mutation(({ ctx, input }) => editTag(ctx, input)),
    addTag: bureauProcedure.input(form).mutation(({ ctx, input }) => addTag(ctx, input)),
    retireTag: bureauProcedure.input(form).mutation(({ ctx, input }) => retireTag(ctx, input)),
    publish: bureauProcedure.input(form).mutation(({ ctx, input }) => publishVersion(ctx, input)),
  }),
  entities: router({
    list: bureauProcedure
      .input(z.object({ kind }).extend(ZListEntities.shape))
      .query(({ ctx, input }) => listEntities(ctx.deps, input.kind, input)),
    create: bureauProcedure
      .input(z.object({ kind, values: form }))
      .mutation(({ ctx, input }) => createEntity(ctx, input.kind, input.values)),
    update: bureauProcedure
      .input(z.object({ kind, id: z.string().min(1).max(64), values: form }))
      .mutation(({ ctx, input }) => updateEntity(ctx, input.kind, input.id, input.values)),
    retire: bureauProcedure
      .input(z.object({ kind, id: z.string().min(1).max(64), retired: z.boolean() }))
      .mutation(({ ctx, input }) => setRetired(ctx, input.kind, input.id, input.retired)),
    /** a lost or stolen screen or kiosk: every device enrolled for it so far is refused from now on */
    revokeDevices: bureauProcedure
      .input(z.object({ kind: z.enum(["windows", "terminals"]), id: z.string().min(1).max(64) }))
      .mutation(({ ctx, input }) =>
        revokeDevices(ctx, {
          kind: input.kind === "windows" ? "window" : "terminal",
          id: input.id,
        }),
      ),
  }),
  accounts: router({
    list: bureauProcedure.query(({ ctx }) => listAccounts(ctx.deps)),
    create: bureauProcedure.input(form).mutation(({ ctx, input }) => createAccount(ctx, input)),
    resetPassword: bureauProcedure
      .input(form)
      .mutation(({ ctx, input }) => resetPassword(ctx, input, clientOf(ctx))),
    setActive: bureauProcedure
      .input(form)
      .mutation(({ ctx, input }) => setAccountActive(ctx, input, clientOf(ctx))),
    setOrg: bureauProcedure
      .input(form)
      .mutation(({ ctx, input }) => setAccountOrg(ctx, input, clientOf(ctx))),
    endSessions: bureauProcedure
      .input(form)
      .mutation(({ ctx, input }) => endAccountSessions(ctx, input, clientOf(ctx))),
    /** everyone's sign-in history, newest first: read only, for nobody edits it */
    signInHistory: bureauProcedure
      .output(ZSignInHistory)
      .query(({ ctx }) => signInHistory(ctx.deps, {})),
    security: bureauProcedure.query(({ ctx }) => securitySettings(ctx.deps)),
    setSecurity: bureauProcedure
      .input(form)
      .mutation(({ ctx, input }) => setSecuritySettings(ctx, input)),
    resetSecondFactor: bureauProcedure
      .input(form)
      .mutation(({ ctx, input }) => resetAccountSecondFactor(ctx, input, clientOf(ctx))),
  }),
  calendar: router({
    month: bureauProcedure
      .input(z.object({ month: z.string().max(7) }))
      .query(({ ctx, input }) => monthDays(ctx.deps, input.month)),
    setDay: bureauProcedure.input(form).mutation(({ ctx, input }) => setDay(ctx, input)),
    importYear: bureauProcedure.input(form).mutation(({ ctx, input }) => importYear(ctx, input)),
  }),
  clients: router({
    list: bureauProcedure.query(({ ctx }) => listClients(ctx.deps)),
    create: bureauProcedure.input(form).mutation(({ ctx, input }) => createClient(ctx, input)),
    rotate: bureauProcedure.input(form).mutation(({ ctx, input }) => rotateClient(ctx, input)),
    revoke: bureauProcedure.input(form).mutation(({ ctx, input }) => revokeClient(ctx, input)),
  }),
  keys: router({
    list: bureauProcedure.query(({ ctx }) => listKeys(ctx.deps)),
    rotate: bureauProcedure.mutation(({ ctx }) => rotateSigningKey(ctx)),
    revokeKey: bureauProcedure
      .input(form)
      .mutation(({ ctx, input }) => revokeSigningKey(ctx, input)),
    revokeCode: bureauProcedure.input(form).mutation(({ ctx, input }) => revokeQrCode(ctx, input)),
  }),
  outbox: router({
    list: bureauProcedure.input(ZListOutbox).query(({ ctx, input }) => listOutbox(ctx.deps, input)),
    retry: bureauProcedure.input(form).mutation(({ ctx, input }) => retryOutbox(ctx, input)),
    smsHealth: bureauProcedure.query(({ ctx }) => smsHealth(ctx.deps)),
  }),
  audit: router({
    list: bureauProcedure.input(ZAuditQuery).query(({ ctx, input }) => queryAudit(ctx.deps, input)),
  }),
});
