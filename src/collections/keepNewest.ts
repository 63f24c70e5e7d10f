// Bounded caches kept in a Map or Set: both iterate in insertion order, so the first key is the oldest one. One rule
// for every cache of the bot: the entry set last is the newest (setting a key again moves it there), and past `max`
// entries the oldest are dropped. Imports nothing, so any layer may use it.

/** Drops the oldest entries (first inserted) until at most `max` are left. */
export function dropOldest(kept: Map<unknown, unknown> | Set<unknown>, max: number): void {
  while (kept.size > max) kept.delete(kept.keys().next().value);
}

/** Sets `key` to `value` as the newest entry (a key already there moves to newest), then keeps the newest `max`. */
export function keepNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  dropOldest(map, max);
}

/** Adds `value` as the newest member (one already there moves to newest), then keeps the newest `max`. */
export function keepNewestMember<T>(set: Set<T>, value: T, max: number): void {
  set.delete(value);
  set.add(value);
  dropOldest(set, max);
}
