// One posture reader for several replicas. The replica holding the posture-load lease reads the source, capturing
// the records into a snapshot it publishes; the others adopt the published snapshot instead of reading the source,
// and watch for a newer one. A restart adopts the published copy while it is fresh (younger than maxAgeMs) instead
// of reading the source again. Posture changes made in chat are not in the snapshot: they travel in the records
// store (the holder's overlay poll).
import { createHash, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobLease } from '../jobs/jobLease';
import type { Logger } from '../logging/logger';
import type { PostureSettings, PostureSnapshot } from './postureSettings';
import { addSnapshotRecords, captureRecords, type SnapshotCapture } from './snapshotCodec';
import { SNAPSHOT_SCHEMA_VERSION, type PostureSnapshotStore, type PublishedSnapshot, type SnapshotMeta } from './snapshotStore';
import type { PostureStoreBuilder } from './store';

export interface SharedPostureOptions {
  store: PostureSnapshotStore;
  /** Held by the one replica that reads the source. */
  lease: JobLease;
  /** A digest of the source settings: copies of another source are ignored. */
  sourceKey: string;
  /** This replica's name in the published meta. */
  replica: string;
  /** Reads the source, building with the given builder (so the records can be captured). */
  readSource(builder: () => PostureStoreBuilder): Promise<PostureSnapshot>;
  newBuilder(): PostureStoreBuilder;
  /** At startup, a published copy younger than this is adopted instead of reading the source. */
  maxAgeMs: number;
  /** A replica without the lease waits this long for a first copy before reading the source itself. */
  waitMs?: number;
  logger: Logger;
  now?: () => number;
  /** Where a capture is written before it is published. */
  tempDir?: string;
}

export interface SharedPostureLoader {
  load(): Promise<PostureSnapshot>;
  /** True when a copy newer than the data this replica has is published (the watcher then reloads). */
  hasNewer(): Promise<boolean>;
  /** When the data this replica has was read from the source (a live source refreshes incrementally from it). */
  readAt(): number | undefined;
}

export function createSharedPostureLoader(options: SharedPostureOptions): SharedPostureLoader {
  const { store, lease, logger } = options;
  const now = options.now ?? Date.now;
  const waitMs = options.waitMs ?? 120_000;
  let current: { snapshot: PostureSnapshot; readAt: number; etag?: string } | undefined;

  const usableHead = async (): Promise<PublishedSnapshot | undefined> => {
    const head = await store.head();
    return head && head.meta.sourceKey === options.sourceKey ? head : undefined;
  };
  const isNewer = (published: PublishedSnapshot | undefined): published is PublishedSnapshot =>
    published !== undefined && published.etag !== current?.etag && (current ? published.meta.readAt > current.readAt : now() - published.meta.readAt <= options.maxAgeMs);

  const adopt = async (): Promise<PostureSnapshot | undefined> => {
    const started = performance.now();
    const opened = await store.open();
    if (!opened || opened.meta.sourceKey !== options.sourceKey) {
      opened?.body.destroy();
      return undefined;
    }
    const { meta, etag } = opened;
    const builder = options.newBuilder();
    const records = await addSnapshotRecords(opened.body, builder);
    // The demo tenant's dates follow the clock: shift them as a fresh load now would.
    const engine = builder.finish({ dateShiftMs: meta.demo ? meta.dateShiftMs + (now() - meta.readAt) : meta.dateShiftMs });
    const snapshot: PostureSnapshot = {
      engine,
      hash: meta.hash,
      demo: meta.demo,
      source: meta.source,
      rows: meta.rows,
      loadMs: Math.round(performance.now() - started),
      loadedAt: meta.readAt,
      ...(meta.live ? { live: true } : {}),
    };
    current = { snapshot, readAt: meta.readAt, etag };
    logger.info({ records, rows: meta.rows, readAt: new Date(meta.readAt).toISOString(), publishedBy: meta.publishedBy, loadMs: snapshot.loadMs }, 'posture snapshot adopted');
    return snapshot;
  };

  const readAndPublish = async (): Promise<PostureSnapshot> => {
    const path = join(options.tempDir ?? tmpdir(), `posture-snapshot-${randomUUID()}.jsonl.gz`);
    let capture: SnapshotCapture | undefined;
    let snapshot: PostureSnapshot;
    try {
      snapshot = await options.readSource(() => {
        void capture?.discard();
        capture = captureRecords(options.newBuilder(), path);
        return capture.builder;
      });
    } catch (error) {
      await capture?.discard();
      throw error;
    }
    current = { snapshot, readAt: snapshot.loadedAt };
    if (!capture) {
      logger.warn({ source: snapshot.source }, 'this posture source cannot be captured: other replicas read it themselves');
      return snapshot;
    }
    try {
      const captured = await capture.close();
      if (snapshot.stale) return snapshot; // an older kept copy is not worth publishing over a fresher one
      const meta: SnapshotMeta = {
        schema: SNAPSHOT_SCHEMA_VERSION,
        sourceKey: options.sourceKey,
        source: snapshot.source,
        hash: snapshot.hash,
        demo: snapshot.demo,
        rows: snapshot.rows,
        records: captured.records,
        readAt: snapshot.loadedAt,
        dateShiftMs: captured.dateShiftMs,
        publishedBy: options.replica,
        ...(snapshot.live ? { live: true } : {}),
      };
      const started = performance.now();
      const published = await store.publish(meta, capture.body);
      current = { snapshot, readAt: snapshot.loadedAt, etag: published.etag };
      logger.info({ records: captured.records, rows: snapshot.rows, publishMs: Math.round(performance.now() - started) }, 'posture snapshot published');
    } catch (error) {
      logger.warn({ err: error }, 'publishing the posture snapshot failed: other replicas keep their data until the next read');
    } finally {
      await rm(path, { force: true });
    }
    return snapshot;
  };

  const waitForFirst = async (): Promise<PostureSnapshot | undefined> => {
    const until = Date.now() + waitMs;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(50, waitMs / 20))));
      if (await usableHead()) return adopt();
      if (await lease.tryAcquire()) return readAndPublish();
    }
    return undefined;
  };

  return {
    async load() {
      const published = await usableHead();
      if (isNewer(published)) {
        const adopted = await adopt();
        if (adopted) return adopted;
      }
      if (await lease.tryAcquire()) return readAndPublish();
      // Another replica reads the source: take its copy, even an old one, rather than read the source here too.
      if (!current && published) {
        const adopted = await adopt();
        if (adopted) return adopted;
      }
      if (current) return current.snapshot;
      const first = await waitForFirst();
      if (first) return first;
      logger.warn({ waitMs }, 'no posture snapshot was published in time: reading the source here');
      const snapshot = await options.readSource(() => options.newBuilder());
      current = { snapshot, readAt: snapshot.loadedAt };
      return snapshot;
    },
    hasNewer: async () => isNewer(await usableHead()),
    readAt: () => current?.readAt,
  };
}

/** Reloads the holder whenever a newer copy is published; returns stop(). */
export function watchPublishedSnapshot(shared: SharedPostureLoader, reload: () => Promise<unknown>, options: { everyMs: number; logger: Logger }): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    shared
      .hasNewer()
      .then((newer) => (newer ? reload() : undefined))
      .catch((error: unknown) => options.logger.warn({ err: error }, 'adopting the published posture snapshot failed; trying again'))
      .finally(() => (busy = false));
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Which source the settings name, as a digest: replicas configured alike share snapshots, others never do. */
export function postureSourceKey(settings: PostureSettings): string {
  const named = { source: settings.postureSource ?? (settings.postureSnapshot ? 'export' : 'demo'), path: settings.postureSnapshot ?? null, lenient: settings.postureLenient, azure: settings.azure ? { scopes: settings.azure.scopes, cloud: settings.azure.cloud } : null };
  return createHash('sha256').update(JSON.stringify(named)).digest('hex');
}
