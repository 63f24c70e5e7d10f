// The posture snapshot port: one published copy of the loaded posture data (the normalised records, gzip JSON Lines)
// with what it was read from and when. One replica reads the source and publishes; the others adopt the copy instead
// of each reading the source, and a restart starts from it while it is fresh. Implementations: a folder on disk
// (src/posture/snapshotFileStore.ts) and an Azure blob (src/storage/azure/azureSnapshotStore.ts).
import type { Readable } from 'node:stream';

/** Written in every snapshot's meta; a reader adopts only the versions it knows (older ones included). */
export const SNAPSHOT_SCHEMA_VERSION = 1;

export interface SnapshotMeta {
  schema: number;
  /** Which configured source the records come from (a digest of the settings): another source's copy is never adopted. */
  sourceKey: string;
  /** The source's label, as info() shows it. */
  source: string;
  /** The source's content hash (posture changes record it). */
  hash: string;
  demo: boolean;
  rows: number;
  records: number;
  /** Epoch ms the source was read: a live source refreshes incrementally from it. */
  readAt: number;
  /** The date shift the records were finished with (the demo tenant moves its dates to the load time). */
  dateShiftMs: number;
  /** Which replica published it. */
  publishedBy: string;
  /** Read from a live source (answers say how old the data is). */
  live?: boolean;
}

export interface PublishedSnapshot {
  meta: SnapshotMeta;
  /** Changes on every publish. */
  etag: string;
}

export interface PostureSnapshotStore {
  /** What is published now, without reading the records; undefined when nothing is. */
  head(): Promise<PublishedSnapshot | undefined>;
  /** Replaces the published copy as a whole: a reader sees either the old or the new one, never a mix. */
  publish(meta: SnapshotMeta, body: () => Readable): Promise<PublishedSnapshot>;
  /** The published copy and its body (gzip JSON Lines of records), read consistently; undefined when none. */
  open(): Promise<(PublishedSnapshot & { body: Readable }) | undefined>;
}

/** Meta as a plain JSON object, refused (undefined) when it is not a snapshot this version can read. */
export function readableMeta(value: unknown): SnapshotMeta | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const meta = value as Partial<SnapshotMeta>;
  const text = (v: unknown) => typeof v === 'string';
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (!num(meta.schema) || (meta.schema as number) > SNAPSHOT_SCHEMA_VERSION) return undefined;
  if (!text(meta.sourceKey) || !text(meta.source) || !text(meta.hash) || !text(meta.publishedBy)) return undefined;
  if (!num(meta.rows) || !num(meta.records) || !num(meta.readAt) || !num(meta.dateShiftMs) || typeof meta.demo !== 'boolean') return undefined;
  return meta as SnapshotMeta;
}
