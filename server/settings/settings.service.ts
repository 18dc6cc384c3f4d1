import "server-only";

import { inArray } from "drizzle-orm";
import { z } from "zod";

import { settings } from "@/db/schema";

import { type TAssessmentRules, ZAssessmentRules } from "../assessment/assessment.rules";
import { type Actor, audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";

/**
 * The bureau's settings, each with its schema and default (an absent row takes the default).
 * Article 21 ¶2: 意见较集中 when `alertCount` 差评 of one item share a tag within `alertDays`.
 */
export const SETTINGS = {
  "analysis.alertCount": {
    schema: z.number().int().min(2).max(1000),
    default: 3,
    label: "意见较集中：差评条数",
  },
  "analysis.alertDays": {
    schema: z.number().int().min(1).max(366),
    default: 30,
    label: "意见较集中：统计天数",
  },
  // article 22: 12345 operators belong to no org of the catalogue; this org's admins appeal their ratings
  "appeals.hotlineOrgCode": {
    schema: z.string().trim().min(1).max(64),
    default: "440781",
    label: "12345 热线接线员的人员管理单位（机构代码）",
  },
  // article 4 coercion flags (SPEC §9)
  "flags.deviceApplicants": {
    schema: z.number().int().min(2).max(100),
    default: 3,
    label: "同一设备：不同申请人数",
  },
  "flags.fastSeconds": {
    schema: z.number().int().min(5).max(3600),
    default: 60,
    label: "办结后多少秒内的非常满意",
  },
  "flags.fastShare": {
    schema: z.number().min(0.1).max(1),
    default: 0.5,
    label: "一天中快速非常满意的比例",
  },
  "flags.fastMinimum": {
    schema: z.number().int().min(1).max(1000),
    default: 5,
    label: "一天中快速非常满意的最少条数",
  },
  // back-office accounts (SPEC §8, 等保 level 3): sessions and password age
  "auth.idleMinutes": {
    schema: z.number().int().min(5).max(240),
    default: 30,
    label: "会话空闲多少分钟后结束",
  },
  "auth.maxHours": {
    schema: z.number().int().min(1).max(24),
    default: 12,
    label: "会话最长小时数",
  },
  "auth.passwordMaxAgeDays": {
    schema: z.number().int().min(0).max(365),
    default: 90,
    label: "密码多少天后须更换（0 为不限）",
  },
  "pii.retentionYears": {
    schema: z.number().int().min(1).max(30),
    default: 3,
    label: "个人信息保存年限",
  },
  // article 24: the assessment rules of each year, by year (server/assessment/assessment.rules.ts)
  "assessment.rules": {
    schema: z.record(z.string().regex(/^\d{4}$/), ZAssessmentRules),
    default: {} as Record<string, TAssessmentRules>,
    label: "考核规则",
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;

/** Several settings in one read (a session check on every request reads two). */
export async function getSettings<K extends SettingKey>(
  deps: Deps,
  keys: readonly K[],
): Promise<{ [P in K]: SettingValue<P> }> {
  const rows = await deps.database.db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, [...keys]));
  const out = {} as { [P in K]: SettingValue<P> };
  for (const key of keys) {
    const row = rows.find((r) => r.key === key);
    const parsed = row ? SETTINGS[key].schema.safeParse(JSON.parse(row.value)) : null;
    out[key] = (parsed?.success ? parsed.data : SETTINGS[key].default) as SettingValue<typeof key>;
  }
  return out;
}

export async function getSetting<K extends SettingKey>(
  deps: Deps,
  key: K,
): Promise<SettingValue<K>> {
  return (await getSettings(deps, [key]))[key];
}

/** A change of settings is audited with the old and new value (SPEC §9). */
export async function setSetting<K extends SettingKey>(
  deps: Deps,
  actor: Actor,
  key: K,
  value: unknown,
): Promise<SettingValue<K>> {
  const parsed = SETTINGS[key].schema.safeParse(value);
  if (!parsed.success)
    throw new DomainError(
      "invalid",
      `${SETTINGS[key].label}：${parsed.error.issues[0]?.message ?? "取值无效"}`,
      { field: key },
    );
  const before = await getSetting(deps, key);
  const now = deps.clock.now();
  await deps.database.write(async (tx) => {
    await tx
      .insert(settings)
      .values({ key, value: JSON.stringify(parsed.data), updatedAt: now, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: JSON.stringify(parsed.data), updatedAt: now, updatedBy: actor.id },
      });
    await audit(
      deps,
      actor,
      {
        action: "settings.change",
        target: `setting:${key}`,
        detail: { before, after: parsed.data },
      },
      tx,
    );
  });
  return parsed.data as SettingValue<K>;
}
