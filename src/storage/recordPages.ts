// Every record of a collection (or of one id prefix), read page by page through the RecordsStore port, so a caller
// that must look at all of them never holds more than one page from the store at a time.
import type { RecordsStore, StoredRecord } from './recordsStore';

/** `pageSize`: records per read (default 500); smaller for collections of large records. */
export async function* allRecords<T>(records: RecordsStore, collection: string, options: { prefix?: string; pageSize?: number } = {}): AsyncGenerator<StoredRecord<T>> {
  const limit = options.pageSize ?? 500;
  let startAfter: string | undefined;
  for (;;) {
    const page = await records.list<T>(collection, { limit, ...(options.prefix ? { prefix: options.prefix } : {}), ...(startAfter ? { startAfter } : {}) });
    yield* page;
    if (page.length < limit) return;
    startAfter = page.at(-1)!.id;
  }
}
