// The records store port: small JSON documents in named collections (delegations, feedback, usage, audit,
// posture overlays) with eTags for optimistic concurrency. Implementations: embedded SQLite now, Azure later.

export interface StoredRecord<T = unknown> {
  collection: string;
  id: string;
  value: T;
  /** Changes on every write; pass it back to update or delete only if nobody wrote in between. */
  etag: string;
  /** Epoch ms of the last write. */
  updatedAt: number;
}

export interface WriteOptions {
  /**
   * Omitted: write unconditionally (last writer wins).
   * '*': create only; fails with STORAGE_CONFLICT if the record exists.
   * An etag: update only if the stored etag still matches; STORAGE_CONFLICT otherwise (also when it was deleted).
   */
  ifMatch?: string;
}

export interface ListOptions {
  /** Only ids starting with this prefix. */
  prefix?: string;
  limit?: number;
}

export interface RecordsStore {
  get<T = unknown>(collection: string, id: string): Promise<StoredRecord<T> | undefined>;
  put<T = unknown>(collection: string, id: string, value: T, options?: WriteOptions): Promise<StoredRecord<T>>;
  delete(collection: string, id: string, options?: WriteOptions): Promise<boolean>;
  /** Ordered by id. */
  list<T = unknown>(collection: string, options?: ListOptions): Promise<Array<StoredRecord<T>>>;
  close(): Promise<void>;
}
