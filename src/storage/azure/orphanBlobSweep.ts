// Removes value blobs no row points to: a process that dies between uploading a big value and writing its row (or
// before removing the blob an overwritten row pointed to) leaves one behind. Only blobs older than minAgeMs are
// candidates, so a value being written right now (upload, then row) is never taken. It runs as a retention rule, so
// on Azure only the replica holding the retention lease sweeps.
import type { TableClient } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';
import type { RetentionRule } from '../../jobs/retentionJob';
import { VALUE_BLOB_NAME } from './azureRecordsStore';

export const DEFAULT_ORPHAN_MIN_AGE_MS = 60 * 60_000;

export interface OrphanBlobSweepOptions {
  table: TableClient;
  blobs: ContainerClient;
  minAgeMs?: number;
}

/** Removes at most `limit` orphaned value blobs last modified before `now - minAgeMs`; returns how many. */
export function createOrphanBlobSweep(options: OrphanBlobSweepOptions): (now: number, limit: number) => Promise<number> {
  const { table, blobs } = options;
  const minAgeMs = options.minAgeMs ?? DEFAULT_ORPHAN_MIN_AGE_MS;
  return async (now, limit) => {
    const candidates: string[] = [];
    for await (const blob of blobs.listBlobsFlat()) {
      const modified = blob.properties.lastModified?.getTime() ?? now;
      if (VALUE_BLOB_NAME.test(blob.name) && modified < now - minAgeMs) candidates.push(blob.name);
    }
    if (candidates.length === 0) return 0;
    // Read after listing: a row written meanwhile points to a blob younger than minAgeMs, which is not a candidate.
    const referenced = new Set<string>();
    for await (const row of table.listEntities<{ b?: string }>({ queryOptions: { filter: "b gt ''", select: ['b'] } })) {
      if (typeof row.b === 'string') referenced.add(row.b);
    }
    let removed = 0;
    for (const name of candidates) {
      if (removed >= limit) break;
      if (referenced.has(name)) continue;
      if ((await blobs.getBlockBlobClient(name).deleteIfExists()).succeeded) removed++;
    }
    return removed;
  };
}

export function orphanBlobRule(options: OrphanBlobSweepOptions): RetentionRule {
  const sweep = createOrphanBlobSweep(options);
  return { name: 'orphan value blobs', pruneBatch: sweep };
}
