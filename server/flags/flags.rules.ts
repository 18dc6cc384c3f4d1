/**
 * Article 4 (第四条): 不得强迫或干扰评价人的评价行为. Two patterns the bureau is shown (SPEC §9),
 * as pure functions over rating facts; a flag is evidence for a person to review and never
 * changes a rating.
 *
 * - `device`: one phone (device) rating cases of `minApplicants` (3) or more different
 *   applicants within 24 h — someone rating on applicants' behalf.
 * - `window_fast`: most of a window's 非常满意 of a day arriving within `seconds` (60) of their
 *   cases' completion — ratings made at the counter, under the staff's eyes.
 */

export const HOUR = 3600_000;
export const WINDOW_24H = 24 * HOUR;

export interface DeviceRating {
  id: string;
  deviceHash: string;
  applicantId: string;
  serialNo: string | null;
  createdAt: number;
}

export interface DeviceRun {
  deviceHash: string;
  /** the ratings within 24 h of the first, in time order */
  ratings: DeviceRating[];
  applicants: number;
}

/** Runs of one device's ratings within 24 h that reach `minApplicants` different applicants; each rating in at most one run. */
export function deviceRuns(rows: DeviceRating[], minApplicants: number): DeviceRun[] {
  const byDevice = new Map<string, DeviceRating[]>();
  for (const r of rows) byDevice.set(r.deviceHash, [...(byDevice.get(r.deviceHash) ?? []), r]);
  const runs: DeviceRun[] = [];
  for (const [deviceHash, list] of byDevice) {
    list.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    let i = 0;
    while (i < list.length) {
      let j = i;
      while (j + 1 < list.length && list[j + 1]!.createdAt - list[i]!.createdAt <= WINDOW_24H) j++;
      const slice = list.slice(i, j + 1);
      const applicants = new Set(slice.map((r) => r.applicantId)).size;
      if (applicants >= minApplicants) {
        runs.push({ deviceHash, ratings: slice, applicants });
        i = j + 1;
      } else i++;
    }
  }
  return runs;
}

export interface WindowRating {
  id: string;
  windowId: string;
  day: string;
  level: string | null;
  serialNo: string | null;
  completedAt: number | null;
  createdAt: number;
}

export interface FastDay {
  windowId: string;
  day: string;
  verySatisfied: number;
  fast: WindowRating[];
  share: number;
}

/** Days on which most (> `share`) of a window's 非常满意 came within `seconds` of completion, at least `minimum` of them. */
export function fastDays(
  rows: WindowRating[],
  opts: { seconds: number; share: number; minimum: number },
): FastDay[] {
  const groups = new Map<string, WindowRating[]>();
  for (const r of rows) {
    if (r.level !== "very_satisfied") continue;
    const key = `${r.windowId}|${r.day}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: FastDay[] = [];
  for (const list of groups.values()) {
    const fast = list.filter(
      (r) =>
        r.completedAt !== null &&
        r.createdAt >= r.completedAt &&
        r.createdAt - r.completedAt <= opts.seconds * 1000,
    );
    const share = fast.length / list.length;
    if (fast.length >= opts.minimum && share > opts.share) {
      fast.sort((a, b) => a.createdAt - b.createdAt);
      out.push({
        windowId: list[0]!.windowId,
        day: list[0]!.day,
        verySatisfied: list.length,
        fast,
        share,
      });
    }
  }
  return out;
}
