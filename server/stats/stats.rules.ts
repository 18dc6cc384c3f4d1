import { badCount, type Level, LEVELS } from "../ratings/vocabulary";
import type { TStatsRow } from "./stats.schema";

/**
 * Article 23 (SPEC §9), pure: summed rollup cells → the API's row. A cell is (source, level,
 * part, n, scoreSum); `not_adopted` cells count only in notAdopted.
 */
export interface Cell {
  source: string;
  level: string;
  part: string;
  n: number;
  scoreSum: number;
}

export interface Acc {
  ratings: number;
  active: number;
  defaults: number;
  notAdopted: number;
  levels: Record<Level, number>;
  scoreSum: number;
  activeScoreSum: number;
  workOrders: TStatsRow["workOrders"];
}

export function emptyAcc(): Acc {
  return {
    ratings: 0,
    active: 0,
    defaults: 0,
    notAdopted: 0,
    levels: {
      very_satisfied: 0,
      satisfied: 0,
      basic: 0,
      unsatisfied: 0,
      very_unsatisfied: 0,
    } satisfies Record<Level, number>,
    scoreSum: 0,
    activeScoreSum: 0,
    workOrders: { opened: 0, closed: 0, closedOnTime: 0, overdue: 0 },
  };
}

/** Adds a cell; without defaults, default ratings (article 17) are left out entirely. */
export function addCell(acc: Acc, c: Cell, includeDefaults: boolean): void {
  if (c.part === "not_adopted") {
    acc.notAdopted += c.n;
    return;
  }
  const isDefault = c.source === "default";
  if (isDefault && !includeDefaults) return;
  acc.ratings += c.n;
  acc.scoreSum += c.scoreSum;
  if (isDefault) acc.defaults += c.n;
  else {
    acc.active += c.n;
    acc.activeScoreSum += c.scoreSum;
  }
  if (c.level in acc.levels) acc.levels[c.level as Level] += c.n;
}

export function mergeAcc(into: Acc, a: Acc): void {
  into.ratings += a.ratings;
  into.active += a.active;
  into.defaults += a.defaults;
  into.notAdopted += a.notAdopted;
  into.scoreSum += a.scoreSum;
  into.activeScoreSum += a.activeScoreSum;
  for (const l of LEVELS) into.levels[l] += a.levels[l];
  for (const k of ["opened", "closed", "closedOnTime", "overdue"] as const)
    into.workOrders[k] += a.workOrders[k];
}

/** A fraction with 4 decimals; null when the denominator is 0 (SPEC §6). */
export function rate(num: number, den: number): number | null {
  return den === 0 ? null : Math.round((num / den) * 10_000) / 10_000;
}

/** A mean score (0–10) with 2 decimals; null with nothing to average. */
export function mean(sum: number, n: number): number | null {
  return n === 0 ? null : Math.round((sum / n) * 100) / 100;
}

export function toRow(key: string, name: string, a: Acc): TStatsRow {
  const good = a.levels.very_satisfied + a.levels.satisfied + a.levels.basic;
  const bad = badCount(a.levels);
  return {
    key,
    name,
    ratings: a.ratings,
    active: a.active,
    defaults: a.defaults,
    notAdopted: a.notAdopted,
    levels: { ...a.levels },
    average: mean(a.scoreSum, a.ratings),
    averageActive: mean(a.activeScoreSum, a.active),
    goodRate: rate(good, a.ratings),
    badRate: rate(bad, a.ratings),
    activeRate: rate(a.active, a.ratings),
    workOrders: { ...a.workOrders },
  };
}

export const CHANNEL_NAMES: Record<string, string> = {
  qr: "扫码评价",
  window_qr: "窗口扫码评价",
  window_device: "窗口评价器",
  terminal: "自助终端",
  system: "默认评价",
  phone: "12345 电话",
  sms: "12345 短信",
};
