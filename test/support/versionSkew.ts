// Rolling deploys: a record as the next version of the bot would write it. Every object in the value gains a field
// this version does not know, and the record says it was written by the next shape version; `keptNextFields` checks
// that a record this version wrote back still carries all of them (src/storage/storedShape.ts has the rules).
import type { RecordsStore } from '../../src/storage/recordsStore';

export const NEXT_FIELD = 'addedByNextVersion';

/** The value with an unknown field in every object (arrays' objects included), and the next shape version. */
export function asNextVersion<T>(value: T, version: number, options: { readableFrom?: number } = {}): T {
  const mark = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(mark);
    if (item === null || typeof item !== 'object') return item;
    return { ...Object.fromEntries(Object.entries(item).map(([key, field]) => [key, mark(field)])), [NEXT_FIELD]: { since: version + 1 } };
  };
  return { ...(mark(value) as object), schemaVersion: version + 1, ...(options.readableFrom ? { readableFrom: options.readableFrom } : {}) } as T;
}

/** Rewrites a stored record as the next version would have written it. */
export async function rewriteAsNextVersion(records: RecordsStore, collection: string, id: string, version: number, options: { readableFrom?: number } = {}): Promise<void> {
  const stored = await records.get(collection, id);
  if (!stored) throw new Error(`no record ${collection}/${id}`);
  await records.put(collection, id, asNextVersion(stored.value, version, options));
}

/** The paths of objects in `value` that lost the next version's field (empty when all were kept). */
export function lostNextFields(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => lostNextFields(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  const own = NEXT_FIELD in value ? [] : [path];
  return [...own, ...Object.entries(value).filter(([key]) => key !== NEXT_FIELD).flatMap(([key, field]) => lostNextFields(field, `${path}.${key}`))];
}
