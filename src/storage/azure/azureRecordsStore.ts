// RecordsStore on Azure Table storage (@azure/data-tables), generic over collections: one table, one partition per
// collection, one row per record. Keys go through the order-preserving code in ./tableKeys. Values are JSON text in
// 16,000-character properties; a value too big for one entity (1 MiB) goes to a blob the row points to.
// The record's etag is our own (a UUID on the row); writes are compare-and-swap on the service's ETag, so of two
// writers that read the same row only one succeeds. Every replica of the bot can share one account.
import { randomUUID } from 'node:crypto';
import type { TableClient, TableEntity, TableEntityResult } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';
import { AppError } from '../../errors/appError';
import { serializeRecordValue as serializeForStore } from '../jsonValue';
import { assertValidKey, compareCodePoints } from '../recordKeys';
import type { ListOptions, PruneOptions, RecordsStore, StoredRecord, WriteOptions } from '../recordsStore';
import { rowKeyRange, sortGroupOf, tableKey } from './tableKeys';

export interface AzureRecordsStoreOptions {
  table: TableClient;
  /** Where values too big for a table entity go. */
  blobs: ContainerClient;
  now?: () => number;
  /** Values longer than this (JSON characters) go to a blob; the default keeps entities far under 1 MiB. */
  inlineLimit?: number;
}

/** A value blob's name (a row's `b` property names it): a UUID and .json. Other blobs in the container are not values. */
export const VALUE_BLOB_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$/;

/** Written on every row; a reader of the next version must accept this one (rolling deploys). */
export const RECORD_SCHEMA_VERSION = 1;
const CHUNK = 16_000;
const DEFAULT_INLINE_LIMIT = 12 * CHUNK;
const MAX_PROJECTED = 40;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,200}$/;

/** The row as stored: c/i the real collection and id, e our etag, u updatedAt, n chunks v0..vn-1 or b a blob. */
interface Row {
  c: string;
  i: string;
  e: string;
  u: number;
  s: number;
  n?: number;
  b?: string;
  fx?: boolean;
  [property: string]: unknown;
}
type StoredRow = TableEntityResult<Row>;

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number } | undefined)?.statusCode;

export function createAzureRecordsStore(options: AzureRecordsStoreOptions): RecordsStore {
  const { table, blobs } = options;
  const now = options.now ?? Date.now;
  const inlineLimit = options.inlineLimit ?? DEFAULT_INLINE_LIMIT;
  let closed = false;
  let ready: Promise<void> | undefined;
  // Creates the table and container once per process; concurrent replicas racing on it is fine (409 ignored).
  const ensure = () =>
    (ready ??= Promise.all([
      table.createTable(),
      blobs.createIfNotExists(),
    ]).then(
      () => undefined,
      (error: unknown) => {
        ready = undefined;
        throw error;
      },
    ));

  async function run<R>(operation: string, collection: string, id: string | undefined, body: () => Promise<R>): Promise<R> {
    if (closed) throw new AppError('STORAGE_FAILURE', undefined, { details: { operation, reason: 'store closed' } });
    try {
      await ensure();
      return await body();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('STORAGE_FAILURE', undefined, { cause: error, details: { operation, collection, id, status: statusOf(error) } });
    }
  }

  const conflict = (operation: string, collection: string, id: string, ifMatch: string) =>
    new AppError('STORAGE_CONFLICT', undefined, { details: { operation, collection, id, ifMatch } });

  async function readRow(collection: string, id: string): Promise<StoredRow | undefined> {
    try {
      const row = await table.getEntity<Row>(tableKey(collection), tableKey(id));
      // The row names its record: a hashed long key can only match the id it was made from.
      return row.c === collection && row.i === id ? row : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async function valueText(row: Row): Promise<string> {
    if (row.b !== undefined) return (await blobs.getBlockBlobClient(row.b).downloadToBuffer()).toString('utf8');
    let text = '';
    for (let k = 0; k < (row.n ?? 0); k++) text += String(row[`v${k}`] ?? '');
    return text;
  }

  async function toRecord<T>(row: Row): Promise<StoredRecord<T>> {
    return { collection: row.c, id: row.i, value: JSON.parse(await valueText(row)) as T, etag: row.e, updatedAt: row.u };
  }

  // A reader may hold a row whose blob a newer write just removed: read the row again.
  async function readRecord<T>(collection: string, id: string): Promise<StoredRecord<T> | undefined> {
    for (let attempt = 0; ; attempt++) {
      const row = await readRow(collection, id);
      if (!row) return undefined;
      try {
        return await toRecord<T>(row);
      } catch (error) {
        if (statusOf(error) !== 404 || attempt >= 3) throw error;
      }
    }
  }

  interface NewRow {
    entity: TableEntity<Record<string, unknown>>;
    etag: string;
    updatedAt: number;
    blob?: string;
  }

  /** Builds the row for a value, uploading it to a new blob when it is too big to sit in the row. */
  async function buildRow(collection: string, id: string, text: string, value: unknown): Promise<NewRow> {
    const etag = randomUUID();
    const updatedAt = now();
    const entity: TableEntity<Record<string, unknown>> = {
      partitionKey: tableKey(collection),
      rowKey: tableKey(id),
      c: collection,
      i: id,
      e: etag,
      u: double(updatedAt),
      s: RECORD_SCHEMA_VERSION,
      ...projectFields(value),
    };
    if (text.length <= inlineLimit) {
      const chunks = chunksOf(text);
      entity.n = chunks.length;
      chunks.forEach((chunk, k) => (entity[`v${k}`] = chunk));
      return { entity, etag, updatedAt };
    }
    const blob = `${randomUUID()}.json`;
    entity.b = blob;
    await blobs.getBlockBlobClient(blob).uploadData(Buffer.from(text, 'utf8'), { blobHTTPHeaders: { blobContentType: 'application/json' } });
    return { entity, etag, updatedAt, blob };
  }

  const dropBlob = async (name: string | undefined) => {
    if (name !== undefined) await blobs.getBlockBlobClient(name).deleteIfExists().catch(() => undefined);
  };

  /** Writes the row; on failure removes the blob it uploaded; on success the blob the old row pointed to. */
  async function commit(row: NewRow, old: Row | undefined, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      await dropBlob(row.blob);
      throw error;
    }
    if (old?.b !== undefined && old.b !== row.blob) await dropBlob(old.b);
  }

  return {
    get<T>(collection: string, id: string) {
      return run('get', collection, id, async () => {
        assertValidKey('collection', collection);
        assertValidKey('id', id);
        return readRecord<T>(collection, id);
      });
    },

    put<T>(collection: string, id: string, value: T, writeOptions: WriteOptions = {}) {
      return run('put', collection, id, async () => {
        assertValidKey('collection', collection);
        assertValidKey('id', id);
        const text = serializeForStore(value, collection, id);
        const { ifMatch } = writeOptions;
        if (ifMatch === '*') {
          const row = await buildRow(collection, id, text, value);
          await commit(row, undefined, () => table.createEntity(row.entity)).catch((error: unknown) => {
            throw statusOf(error) === 409 ? conflict('create', collection, id, ifMatch) : error;
          });
          return { collection, id, value: JSON.parse(text) as T, etag: row.etag, updatedAt: row.updatedAt };
        }
        // Conditional: one compare-and-swap. Unconditional: the same against whatever is there now, again if
        // another writer got in between (last writer wins), so the old row's blob is always known and removed.
        for (let attempt = 0; ; attempt++) {
          const old = await readRow(collection, id);
          if (ifMatch !== undefined && old?.e !== ifMatch) throw conflict('update', collection, id, ifMatch);
          const row = await buildRow(collection, id, text, value);
          try {
            await commit(row, old, () => (old ? table.updateEntity(row.entity, 'Replace', { etag: old.etag }) : table.createEntity(row.entity)));
            return { collection, id, value: JSON.parse(text) as T, etag: row.etag, updatedAt: row.updatedAt };
          } catch (error) {
            const status = statusOf(error);
            if (status !== 412 && status !== 409 && status !== 404) throw error;
            if (ifMatch !== undefined) throw conflict('update', collection, id, ifMatch);
            if (attempt >= 20) throw error;
          }
        }
      });
    },

    delete(collection: string, id: string, writeOptions: WriteOptions = {}) {
      return run('delete', collection, id, async () => {
        assertValidKey('collection', collection);
        assertValidKey('id', id);
        const { ifMatch } = writeOptions;
        for (;;) {
          const old = await readRow(collection, id);
          if (!old || (ifMatch !== undefined && ifMatch !== '*' && old.e !== ifMatch)) {
            if (ifMatch !== undefined) throw conflict('delete', collection, id, ifMatch);
            return false;
          }
          try {
            await table.deleteEntity(tableKey(collection), tableKey(id), { etag: old.etag });
          } catch (error) {
            const status = statusOf(error);
            if (status !== 412 && status !== 404) throw error;
            if (ifMatch !== undefined && ifMatch !== '*') throw conflict('delete', collection, id, ifMatch);
            continue; // changed or removed in between: look again
          }
          await dropBlob(old.b);
          return true;
        }
      });
    },

    list<T>(collection: string, listOptions: ListOptions = {}) {
      return run('list', collection, undefined, async () => {
        assertValidKey('collection', collection);
        const prefix = listOptions.prefix ?? '';
        assertValidKey('prefix', prefix);
        const { limit, startAfter } = listOptions;
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
          throw new AppError('BAD_REQUEST', 'A list limit must be a whole number of zero or more.', { details: { limit } });
        }
        if (startAfter !== undefined) assertValidKey('id', startAfter);
        if (limit === 0) return [];
        const rows = await scanRange(table, collection, prefix, startAfter, limit);
        const records: Array<StoredRecord<T>> = [];
        for (const row of rows) {
          const record = await readRecordFromRow<T>(row);
          if (record) records.push(record);
        }
        return records;
      });

      async function readRecordFromRow<T>(row: StoredRow): Promise<StoredRecord<T> | undefined> {
        try {
          return await toRecord<T>(row);
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
          return readRecord<T>(row.c, row.i); // rewritten while we listed
        }
      }
    },

    prune(collection: string, pruneOptions: PruneOptions) {
      return run('prune', collection, undefined, async () => {
        assertValidKey('collection', collection);
        const { before, field, limit } = pruneOptions;
        if (!Number.isFinite(before) || !Number.isInteger(limit) || limit < 1 || (field !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(field))) {
          throw new AppError('BAD_REQUEST', 'A prune needs a time, a positive whole limit and a plain field name.', { details: { before, field, limit } });
        }
        const partition = `PartitionKey eq '${tableKey(collection)}'`;
        const filter = field === undefined ? `${partition} and u lt ${doubleLiteral(before)}` : `${partition} and (f_${field} lt ${doubleLiteral(before)} or fx eq true)`;
        let removed = 0;
        for await (const row of table.listEntities<Row>({ queryOptions: { filter } })) {
          if (removed >= limit) break;
          if (row.c !== collection) continue;
          if (field !== undefined && row[`f_${field}`] === undefined) {
            const fieldValue = numericField(JSON.parse(await valueText(row)) as unknown, field);
            if (fieldValue === undefined || fieldValue >= before) continue;
          }
          try {
            await table.deleteEntity(tableKey(collection), row.rowKey ?? tableKey(row.i), { etag: row.etag });
          } catch (error) {
            if (statusOf(error) === 412 || statusOf(error) === 404) continue; // rewritten (so no longer old) or gone
            throw error;
          }
          await dropBlob(row.b);
          removed += 1;
        }
        return removed;
      });
    },

    async close() {
      closed = true;
    },
  };
}

/**
 * The rows of a collection whose ids start with `prefix` and come after `startAfter`, in code-point order of ids,
 * at most `limit`. The server range is a superset (long keys share a group); rows are filtered and sorted here,
 * reading on to the end of the last group so that a group's smaller ids are not cut off.
 */
async function scanRange(table: TableClient, collection: string, prefix: string, startAfter: string | undefined, limit: number | undefined): Promise<StoredRow[]> {
  const { lower, upper } = rowKeyRange(prefix, startAfter);
  const filter = `PartitionKey eq '${tableKey(collection)}' and RowKey ge '${lower}'${upper === undefined ? '' : ` and RowKey lt '${upper}'`}`;
  const picked: StoredRow[] = [];
  let lastGroup: string | undefined;
  for await (const row of table.listEntities<Row>({ queryOptions: { filter } })) {
    const group = sortGroupOf(row.rowKey ?? '');
    if (limit !== undefined && picked.length >= limit && group !== lastGroup) break;
    if (row.c !== collection || !row.i.startsWith(prefix)) continue;
    if (startAfter !== undefined && compareCodePoints(row.i, startAfter) <= 0) continue;
    picked.push(row);
    lastGroup = group;
  }
  picked.sort((a, b) => compareCodePoints(a.i, b.i));
  return limit === undefined ? picked : picked.slice(0, limit);
}

/** JSON text in pieces under Table's 64 KiB property limit, never splitting a surrogate pair. */
function chunksOf(text: string): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks.length > 0 ? chunks : [''];
}

/** Top-level numbers (and booleans, as 0/1, as SQLite's json_extract reads them) as f_<name> Double properties, so prune can filter by them. */
function projectFields(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, unknown> = {};
  let count = 0;
  let overflow = false;
  for (const [name, item] of Object.entries(value)) {
    const number = typeof item === 'number' ? item : typeof item === 'boolean' ? Number(item) : undefined;
    if (number === undefined) continue;
    if (!FIELD_NAME.test(name) || count >= MAX_PROJECTED) {
      overflow = true;
      continue;
    }
    out[`f_${name}`] = double(number);
    count += 1;
  }
  if (overflow) out.fx = true;
  return out;
}

/** Table infers Int32 for an unannotated whole number: epoch milliseconds must be written as Double. */
const double = (value: number) => ({ value, type: 'Double' as const });

function numericField(value: unknown, field: string): number | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const item = (value as Record<string, unknown>)[field];
  return typeof item === 'number' ? item : typeof item === 'boolean' ? Number(item) : undefined;
}

/** An OData Double literal (an integer literal would be compared as Int32/Int64 and never match a Double). */
function doubleLiteral(n: number): string {
  const text = String(n);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}
