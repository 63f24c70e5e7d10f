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
   * On delete, '*' means "whatever version exists": STORAGE_CONFLICT if there is none.
   */
  ifMatch?: string;
}

export interface ListOptions {
  /** Only ids starting with this prefix, compared literally (no wildcard characters). */
  prefix?: string;
  /** Only ids after this one (exclusive): pass the last id of one page to get the next. */
  startAfter?: string;
  limit?: number;
}

export interface PruneOptions {
  /** Remove records whose age (updatedAt, or the value's `field`) is before this epoch ms. */
  before: number;
  /** A top-level numeric field of the value to compare instead of updatedAt (e.g. expiresAt). */
  field?: string;
  /** At most this many records in one call (one short transaction); call again while it returns `limit`. */
  limit: number;
}

/**
 * Collections and ids are non-empty strings (BAD_REQUEST otherwise, e.g. empty or with unpaired surrogates).
 * Values are plain JSON data and read back equal; anything JSON would drop or alter (undefined, functions,
 * BigInt, NaN, cycles, class instances such as Date or Map) is refused with STORAGE_FAILURE and nothing is written.
 */
export interface RecordsStore {
  get<T = unknown>(collection: string, id: string): Promise<StoredRecord<T> | undefined>;
  put<T = unknown>(collection: string, id: string, value: T, options?: WriteOptions): Promise<StoredRecord<T>>;
  delete(collection: string, id: string, options?: WriteOptions): Promise<boolean>;
  /** Ordered by id in code-point order (UTF-8 byte order). */
  list<T = unknown>(collection: string, options?: ListOptions): Promise<Array<StoredRecord<T>>>;
  /** Removes old records in one bounded batch (retention); returns how many were removed. */
  prune(collection: string, options: PruneOptions): Promise<number>;
  close(): Promise<void>;
}
