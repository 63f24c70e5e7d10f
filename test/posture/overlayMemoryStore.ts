// A hand-written in-memory RecordsStore for overlay tests.
import { AppError } from '../../src/errors/appError';
import type { RecordsStore, StoredRecord } from '../../src/storage/recordsStore';

/** A small in-memory RecordsStore: enough of the port for overlays (create-only puts, prefix listing by id). */
export function createMemoryRecordsStore(): RecordsStore & { size(): number } {
  const data = new Map<string, StoredRecord>();
  let version = 0;
  const keyOf = (collection: string, id: string): string => `${collection}\u0000${id}`;
  return {
    size: () => data.size,
    async get<T>(collection: string, id: string) {
      return data.get(keyOf(collection, id)) as StoredRecord<T> | undefined;
    },
    async put<T>(collection: string, id: string, value: T, options: { ifMatch?: string } = {}) {
      const existing = data.get(keyOf(collection, id));
      if (options.ifMatch === '*' && existing) throw new AppError('STORAGE_CONFLICT');
      if (options.ifMatch && options.ifMatch !== '*' && existing?.etag !== options.ifMatch) throw new AppError('STORAGE_CONFLICT');
      const record: StoredRecord<T> = { collection, id, value, etag: String(++version), updatedAt: version };
      data.set(keyOf(collection, id), record);
      return record;
    },
    async delete(collection: string, id: string) {
      return data.delete(keyOf(collection, id));
    },
    async list<T>(collection: string, options: { prefix?: string; limit?: number } = {}) {
      const found = [...data.values()].filter((r) => r.collection === collection && r.id.startsWith(options.prefix ?? '')).sort((a, b) => (a.id < b.id ? -1 : 1));
      return found.slice(0, options.limit ?? found.length) as Array<StoredRecord<T>>;
    },
    async prune(collection: string, options: { before: number; limit: number }) {
      const old = [...data.entries()].filter(([, r]) => r.collection === collection && r.updatedAt < options.before).slice(0, options.limit);
      for (const [key] of old) data.delete(key);
      return old.length;
    },
    async close() {},
  };
}
