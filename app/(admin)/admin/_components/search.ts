export type Search = Record<string, string | string[] | undefined>;

/** A page's search params, one value each (the first of a repeated one). */
export const firstValues = (s: Search): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

/** The filters kept in a link (empty ones dropped), with some fields replaced or (undefined) removed. */
export function keptQuery(
  raw: Record<string, string | undefined>,
  set: Record<string, string | undefined>,
): string {
  const merged = { ...raw, ...set };
  return new URLSearchParams(
    Object.entries(merged).filter((e): e is [string, string] => !!e[1]),
  ).toString();
}
