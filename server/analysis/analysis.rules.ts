import { SINGLE_CHAR_KEYWORDS, STOP_WORDS } from "./stopwords";

/**
 * Concentrated complaints (article 21 ¶2, SPEC §9): pure rules over the period's 差评 — the
 * masking of numbers in a reason, its keywords by TF-IDF, and the 意见较集中 alert.
 */

const DAY = 24 * 3600_000;

/**
 * A reason may hold a phone or ID number someone typed (电话13902221234…, 身份证号4407…0027X).
 * Every run of digits goes before segmentation — ASCII or full-width, with the spaces and dashes
 * people put inside a number, and the X that ends an ID — and so does a run of five or more
 * Chinese numerals (一三九零二二…). No keyword can then hold any part of a number.
 */
export function maskNumbers(text: string): string {
  return text
    .replace(/[0-9０-９](?:[0-9０-９ \-－]*[0-9０-９])?[xXｘＸ]?/g, " ")
    .replace(/[零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖]{5,}/g, " ");
}

/** A segment worth showing: Chinese characters or letters only, not a stop word, two characters or one of the few telling ones. */
export function isKeyword(token: string): boolean {
  const t = token.trim();
  if (!/^[\p{Script=Han}A-Za-z]+$/u.test(t)) return false;
  if (STOP_WORDS.has(t)) return false;
  return [...t].length >= 2 ? true : SINGLE_CHAR_KEYWORDS.has(t);
}

/** A reason's keyword candidates, in order; `cut` is the word segmenter (jieba in the service). */
export function reasonTerms(text: string, cut: (s: string) => string[]): string[] {
  return cut(maskNumbers(text))
    .filter(isKeyword)
    .map((t) => t.trim());
}

export interface Keyword {
  word: string;
  /** the summed TF-IDF weight over the period's reasons, rounded to 3 decimals */
  weight: number;
  /** how many reasons use the word */
  reasons: number;
}

/**
 * TF-IDF over the period's reasons, one reason = one document: tf = 0.5 + 0.5 × (times the
 * reason uses the word ÷ times it uses its most used word) — bounded, so one reason repeating a
 * word (态度差，态度差，态度差) weighs at most one reason; idf = ln((1 + N) / (1 + df)), + 1
 * (smoothed, so a word in every reason still counts); a keyword's weight is the sum of its
 * tf·idf over all reasons. What many reasons share ranks first — that is what "concentrated"
 * means — and within a reason its main words count more. Ties go to the word more reasons use.
 */
export function tfidfKeywords(docs: string[][], top = 20): Keyword[] {
  const n = docs.filter((d) => d.length > 0).length;
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const d of docs) {
    if (d.length === 0) continue;
    const tf = new Map<string, number>();
    for (const w of d) tf.set(w, (tf.get(w) ?? 0) + 1);
    const most = Math.max(...tf.values());
    for (const [w, c] of tf)
      weight.set(
        w,
        (weight.get(w) ?? 0) +
          (0.5 + (0.5 * c) / most) * (Math.log((1 + n) / (1 + df.get(w)!)) + 1),
      );
  }
  return [...weight]
    .map(([word, w]) => ({ word, weight: Math.round(w * 1000) / 1000, reasons: df.get(word)! }))
    .sort(
      (a, b) =>
        b.weight - a.weight || b.reasons - a.reasons || a.word.localeCompare(b.word, "zh-CN"),
    )
    .slice(0, top);
}

/** One tag on one 差评: the facts the alert and the rankings need. */
export interface BadTag {
  itemId: string | null;
  tagCode: string;
  at: number;
}

export interface Concentration {
  itemId: string;
  tagCode: string;
  /** the most 差评 of this item with this tag inside one span of `days` days */
  count: number;
  firstAt: number;
  lastAt: number;
}

/**
 * 意见较集中: `count` or more 差评 of one item share a tag within `days` days (both bureau
 * settings). For each (item, tag) the densest span of `days` days is found by a sliding window
 * over the times (first and last less than `days` × 24 h apart); when it reaches `count` it is
 * an alert. Most 差评 first, then the most recent.
 */
export function concentrations(
  tags: BadTag[],
  o: { count: number; days: number },
): Concentration[] {
  const groups = new Map<string, BadTag[]>();
  for (const t of tags) {
    if (!t.itemId) continue;
    const key = `${t.itemId}\u0000${t.tagCode}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const out: Concentration[] = [];
  for (const g of groups.values()) {
    const times = g.map((t) => t.at).sort((a, b) => a - b);
    let best: { count: number; firstAt: number; lastAt: number } | null = null;
    let i = 0;
    for (let j = 0; j < times.length; j++) {
      while (times[j]! - times[i]! >= o.days * DAY) i++;
      const count = j - i + 1;
      if (!best || count >= best.count) best = { count, firstAt: times[i]!, lastAt: times[j]! };
    }
    if (best && best.count >= o.count)
      out.push({ itemId: g[0]!.itemId!, tagCode: g[0]!.tagCode, ...best });
  }
  return out.sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}

/** Counts by key, most first (ties by key, so the order is stable). */
export function ranked<K extends string>(keys: K[]): { key: K; count: number }[] {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
