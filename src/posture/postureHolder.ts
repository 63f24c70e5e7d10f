// The one place skills read posture from while the bot runs. It keeps the loaded data (the base engine) and the
// local changes made in chat, and serves the base with those changes laid over it (engine.withChanges: only the
// touched columns are copied, nothing is reloaded).
// - applyChange writes the change to the records store first, then swaps in a derived engine: the next answer shows
//   it, and a restart lays it over the data again.
// - Other processes on the same DATA_DIR: every write rewrites one version record; each holder reads that record
//   every pollMs (2 s) and, when it changed, lists the changes and derives again. A change shows there within
//   about one poll interval.
// - reload reads the source again (a new export; later an Azure refresh) while turns go on reading the current
//   engine, then swaps. A change the fresh data already shows is retired (deleted), the others are laid over it.
// A turn reads current() once per step and keeps that value: a swap never changes data under a running query.
import { AppError } from '../errors/appError';
import type { Logger } from '../logging/logger';
import type { RecordsStore } from '../storage/recordsStore';
import type { ChangeablePostureEngine, PostureEngine } from './engine';
import type { OverlayChange } from './model';
import { createOverlayStore, type OverlayEntry, type OverlayStore } from './overlay';
import { createPostureLoader, type PostureLoader, type PostureSettings, type PostureSnapshot } from './postureSettings';
import type { AzureLoaderDeps } from './source/azure/azureLoader';
import { createSharedPostureLoader, watchPublishedSnapshot, type SharedPostureOptions } from './snapshotSharing';
import { createPostureStoreBuilder } from './store';
import { SYSTEM_VIEWER } from './viewer';

/** What openPostureHolder needs to share one read of the source between replicas. */
export type SharedPostureSettings = Omit<SharedPostureOptions, 'readSource' | 'newBuilder' | 'logger' | 'now'>;

export const DEFAULT_POLL_MS = 2000;
const DAY_MS = 86_400_000;

export interface PostureInfo {
  source: string;
  demo: boolean;
  exportHash: string;
  rows: number;
  loadMs: number;
  loadedAt: number;
  /** Local changes laid over the data now. */
  changes: number;
  /** Goes up by one each time current() starts returning a different engine. */
  generation: number;
  /** Set while the data is an older copy because the source could not be read: why. */
  stale?: string;
  /** Scopes the source could not read at the last load (the rest loaded). */
  unreadable?: string[];
  /** A live source (Azure): answers say how old the data is. */
  live?: boolean;
  /** A live source whose governance assignments were read before the rest: when. */
  governanceAt?: number;
  /** A live source: whether the last load read everything or only what changed. */
  refresh?: 'full' | 'incremental';
  /** Set while the latest reload failed (the data is kept): when it failed and why. */
  refreshFailing?: { at: number; reason: string };
}

export interface ReloadResult {
  loadMs: number;
  /** Changes deleted because the fresh data already shows them. */
  retired: number;
  changes: number;
}

export interface PostureHolder {
  /** The data as it is now, changes included. Read it once per step of a turn. */
  current(): PostureEngine;
  /**
   * Durable first (records store), then visible to the next current() call. A fix (status Healthy) can only be
   * simulated on the embedded demo tenant: on real data only the source says a resource is fixed (BAD_REQUEST).
   */
  applyChange(change: OverlayChange): Promise<void>;
  /**
   * Takes back the latest change on this recommendation that `matches` (undo of a simulated fix): it is deleted
   * from the records store and the recommendation shows what the data, or an earlier change, says. Returns the
   * change taken back, or undefined when none matched.
   */
  revertChange(assessmentId: string, matches: (change: OverlayChange) => boolean): Promise<OverlayChange | undefined>;
  /** Reads the source again and swaps; on failure the current data stays and the error is thrown. */
  reload(): Promise<ReloadResult>;
  /** Runs after every successful reload, before reload() resolves (the posture history records each load); a listener's failure is logged, not thrown. */
  onReload(listener: () => Promise<void> | void): void;
  /** Picks up changes other processes made (what the poll runs); true when current() changed. */
  refresh(): Promise<boolean>;
  info(): PostureInfo;
  /** Stops polling; the records store belongs to the caller. */
  close(): void;
}

export interface PostureHolderOptions {
  load: PostureLoader;
  overlays: OverlayStore;
  logger: Logger;
  /** How often to look for other processes' changes; 0 turns polling off. */
  pollMs?: number;
}

/** True when the data already shows the change: it is then retired rather than laid over the data again. */
export function dataShows(engine: PostureEngine, change: OverlayChange): boolean {
  const details = engine.details(SYSTEM_VIEWER, change.assessmentId);
  if (!details) return false;
  if (change.kind === 'status') return details.status === change.status && (change.cause === undefined || details.statusCause === change.cause);
  const sameOwner = change.owner === undefined || details.owner?.trim().toLowerCase() === change.owner.trim().toLowerCase();
  const sameDay = change.dueDate === undefined || (details.dueDate !== undefined && Math.floor(details.dueDate / DAY_MS) === Math.floor(change.dueDate / DAY_MS));
  const sameEta = change.etaDate === undefined || (details.etaDate !== undefined && Math.floor(details.etaDate / DAY_MS) === Math.floor(change.etaDate / DAY_MS));
  const same = <K extends 'isGracePeriod' | 'etaJustification' | 'ticketNumber' | 'ticketLink' | 'ticketStatus'>(field: K) => change[field] === undefined || details[field] === change[field];
  return sameOwner && sameDay && sameEta && same('isGracePeriod') && same('etaJustification') && same('ticketNumber') && same('ticketLink') && same('ticketStatus');
}

export async function createPostureHolder(options: PostureHolderOptions): Promise<PostureHolder> {
  const { overlays, logger } = options;
  let base: PostureSnapshot = await options.load();
  let active = new Map<string, OverlayChange>();
  let engine: PostureEngine = base.engine;
  let generation = 0;
  let seenVersion: string | undefined;
  let reloading: Promise<ReloadResult> | undefined;
  let closed = false;
  const reloadListeners: Array<() => Promise<void> | void> = [];
  let refreshFailing: PostureInfo['refreshFailing'];

  // applyChange, refresh and the swap at the end of a reload run one at a time, so none of them loses another's work.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const derive = (): void => {
    engine = base.engine.withChanges([...active.values()]);
    generation++;
  };

  /** Lays the stored changes over a freshly loaded snapshot, retiring those it already shows. */
  const adopt = async (snapshot: PostureSnapshot, entries: readonly OverlayEntry[]): Promise<number> => {
    const shown = entries.filter((entry) => dataShows(snapshot.engine, entry.change));
    const retired = shown.length > 0 ? await overlays.retire(shown.map((entry) => entry.id)) : 0;
    const shownIds = new Set(shown.map((entry) => entry.id));
    base = snapshot;
    active = new Map(entries.filter((entry) => !shownIds.has(entry.id)).map((entry) => [entry.id, entry.change]));
    derive();
    if (retired > 0) logger.info({ retired }, 'posture changes retired: the data now shows them');
    return retired;
  };

  seenVersion = await overlays.version();
  await adopt(base, await overlays.entries());
  logger.info({ changes: active.size, generation }, 'posture changes laid over the data');

  const refresh = async (): Promise<boolean> => {
    const version = await overlays.version();
    if (version === seenVersion) return false;
    return serial(async () => {
      // Read the version before listing: a change written in between bumps it again and the next poll sees it.
      seenVersion = version;
      const entries = await overlays.entries();
      const ids = new Set(entries.map((entry) => entry.id));
      if (ids.size === active.size && [...active.keys()].every((id) => ids.has(id))) return false;
      active = new Map(entries.map((entry) => [entry.id, entry.change]));
      derive();
      logger.info({ changes: active.size, generation }, 'posture changes from another process applied');
      return true;
    });
  };

  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  let polling = false;
  const timer =
    pollMs > 0
      ? setInterval(() => {
          if (polling || closed) return;
          polling = true;
          refresh()
            .catch((error: unknown) => logger.warn({ err: error }, 'reading posture changes failed; trying again at the next poll'))
            .finally(() => (polling = false));
        }, pollMs)
      : undefined;
  timer?.unref();

  return {
    current: () => engine,

    applyChange: (change) =>
      serial(async () => {
        if (change.kind === 'status' && change.status === 'Healthy' && !base.demo) {
          throw new AppError('BAD_REQUEST', 'A fix can only be simulated on the demo tenant. Fix the resource in Azure; the next data refresh shows it.');
        }
        const id = await overlays.add(base.hash, change);
        active.set(id, change);
        derive();
        logger.info({ kind: change.kind, assessmentId: change.assessmentId, generation }, 'posture change applied');
      }),

    revertChange: (assessmentId, matches) =>
      serial(async () => {
        const wanted = assessmentId.toLowerCase();
        // The latest first: entries are kept in the order they were made.
        const found = [...active.entries()].reverse().find(([, change]) => change.assessmentId.toLowerCase() === wanted && matches(change));
        if (!found) return undefined;
        const [id, change] = found;
        await overlays.retire([id]);
        active.delete(id);
        derive();
        logger.info({ kind: change.kind, assessmentId: change.assessmentId, generation }, 'posture change taken back');
        return change;
      }),

    reload: () => {
      // A reload asked for while one runs shares it: the source is read once.
      reloading ??= (async () => {
        try {
          let snapshot: PostureSnapshot;
          try {
            snapshot = await options.load();
          } catch (error) {
            refreshFailing = { at: Date.now(), reason: error instanceof Error ? error.message : String(error) };
            throw error;
          }
          refreshFailing = undefined;
          const result = await serial(async () => {
            const retired = await adopt(snapshot, await overlays.entries());
            return { loadMs: snapshot.loadMs, retired, changes: active.size };
          });
          for (const listener of reloadListeners) {
            try {
              await listener();
            } catch (error) {
              logger.warn({ err: error }, 'after a posture reload: a listener failed');
            }
          }
          return result;
        } finally {
          reloading = undefined;
        }
      })();
      return reloading;
    },

    refresh,

    onReload: (listener) => void reloadListeners.push(listener),

    info: () => ({
      source: base.source,
      demo: base.demo,
      exportHash: base.hash,
      rows: base.rows,
      loadMs: base.loadMs,
      loadedAt: base.loadedAt,
      changes: active.size,
      generation,
      ...(base.stale ? { stale: base.stale } : {}),
      ...(base.unreadable ? { unreadable: base.unreadable } : {}),
      ...(base.live ? { live: true } : {}),
      ...(base.governanceAt !== undefined ? { governanceAt: base.governanceAt } : {}),
      ...(base.refresh ? { refresh: base.refresh } : {}),
      ...(refreshFailing ? { refreshFailing } : {}),
    }),

    close: () => {
      closed = true;
      if (timer) clearInterval(timer);
    },
  };
}

/** The holder the bot runs with: its source from config, its changes in the records store under DATA_DIR. */
export async function openPostureHolder(
  settings: PostureSettings,
  deps: { logger: Logger; records: RecordsStore; now?: () => number; pollMs?: number; azure?: AzureLoaderDeps['overrides']; shared?: SharedPostureSettings },
): Promise<PostureHolder> {
  const newBuilder = () => createPostureStoreBuilder(deps.now ? { now: deps.now } : {});
  let builder = newBuilder;
  let shared: ReturnType<typeof createSharedPostureLoader> | undefined;
  const source = createPostureLoader(settings, { logger: deps.logger, builder: () => builder(), sharedReadAt: () => shared?.readAt(), ...(deps.now ? { now: deps.now } : {}), ...(deps.azure ? { azure: deps.azure } : {}) });
  // Several replicas: one reads the source and publishes a snapshot, the others adopt it (src/posture/snapshotSharing.ts).
  shared = deps.shared
    ? createSharedPostureLoader({
        ...deps.shared,
        logger: deps.logger,
        newBuilder,
        ...(deps.now ? { now: deps.now } : {}),
        readSource: async (capture) => {
          builder = capture;
          try {
            return await source();
          } finally {
            builder = newBuilder;
          }
        },
      })
    : undefined;
  const holder = await createPostureHolder({
    load: shared ? shared.load : source,
    overlays: createOverlayStore(deps.records),
    logger: deps.logger,
    ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
  });
  if (!shared) return holder;
  const stopWatching = watchPublishedSnapshot(shared, () => holder.reload(), { everyMs: deps.pollMs || DEFAULT_POLL_MS, logger: deps.logger });
  return {
    ...holder,
    close: () => {
      stopWatching();
      holder.close();
    },
  };
}
