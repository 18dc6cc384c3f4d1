/**
 * A small time-bounded memo, one per database, for lookups every request repeats and that
 * change rarely (catalogue codes, API keys). Misses are never cached, so a new code works at once.
 */
export function scopedTtlCache<V>(ttlMs: number) {
  const scopes = new WeakMap<object, Map<string, { value: V; until: number }>>();
  const get = async (scope: object, key: string, load: () => Promise<V>): Promise<V> => {
    let map = scopes.get(scope);
    if (!map) scopes.set(scope, (map = new Map<string, { value: V; until: number }>()));
    const now = Date.now();
    const hit = map.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = await load();
    if (value === undefined) return value;
    if (map.size > 10_000) map.clear();
    map.set(key, { value, until: now + ttlMs });
    return value;
  };
  /** what is memoised and still fresh, without waiting: a hot path's way around a promise */
  const peek = (scope: object, key: string): V | undefined => {
    const hit = scopes.get(scope)?.get(key);
    return hit && hit.until > Date.now() ? hit.value : undefined;
  };
  /** forgets what this process memoised for the scope (after a change it made itself) */
  const forget = (scope: object): void => void scopes.delete(scope);
  return Object.assign(get, { forget, peek });
}
