import "server-only";

import { eq } from "drizzle-orm";

import { accounts } from "@/db/schema";

import type { AdminCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import { DomainError } from "../errors";
import { maskPhone } from "../privacy/mask";
import type { TTaskPhone } from "./tasks.schema";

/** 账号设置's 待办 SMS section: the phone masked (it is sealed at rest like any PII) and the opt-in. */
export async function taskPhoneOf({
  deps,
  staff: session,
}: Pick<AdminCtx, "deps" | "staff">): Promise<{ phone: string | null; taskSms: boolean }> {
  const [a] = await deps.database.db
    .select({ phoneEnc: accounts.phoneEnc, taskSms: accounts.taskSms })
    .from(accounts)
    .where(eq(accounts.id, session.accountId));
  return {
    phone: a?.phoneEnc ? maskPhone(deps.pii.decrypt(a.phoneEnc)) : null,
    taskSms: a?.taskSms ?? false,
  };
}

/** Saves the handler's phone (sealed, with its blind index) and 接收待办短信; audited without the number. */
export async function setTaskPhone(
  { deps, actor, staff: session }: Pick<AdminCtx, "deps" | "actor" | "staff">,
  input: TTaskPhone,
): Promise<{ phone: string | null; taskSms: boolean }> {
  const keep = input.keep && input.phone === "";
  const phone = input.phone || null;
  return deps.database.write(async (tx) => {
    const [a] = await tx
      .select({ phoneEnc: accounts.phoneEnc })
      .from(accounts)
      .where(eq(accounts.id, session.accountId));
    const kept = keep && a?.phoneEnc ? deps.pii.decrypt(a.phoneEnc) : null;
    if (keep && !kept && input.taskSms)
      throw new DomainError("invalid", "接收待办短信须先填写手机号", { field: "phone" });
    const number = keep ? kept : phone;
    await tx
      .update(accounts)
      .set({
        phoneEnc: number ? deps.pii.encrypt(number) : null,
        phoneHash: number ? deps.pii.blindIndex("phone", number) : null,
        taskSms: input.taskSms,
      })
      .where(eq(accounts.id, session.accountId));
    await audit(
      deps,
      actor,
      {
        action: "account.task_phone",
        target: `account:${session.accountId}`,
        orgId: session.orgId,
        detail: { phone: number !== null, taskSms: input.taskSms },
      },
      tx,
    );
    return { phone: number ? maskPhone(number) : null, taskSms: input.taskSms };
  });
}
