// One load of the live Azure source, as the posture holder calls it at startup and on every refresh: a full read of
// Resource Graph into a fresh engine (kept under DATA_DIR as a new base), or, between full reads, only what changed,
// laid over the kept base and journal (appended to the journal, folded into a new base once it grows); and what could
// not be read.
// When Azure cannot be read at startup, the kept copy of the last full read is loaded instead (marked stale, with the
// time it was read), and the refresh schedule keeps trying; a failed refresh later just throws, and the holder keeps
// the data it has.
import { join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { AzureSourceConfig } from '../../../config/features/postureSource';
import { AppError } from '../../../errors/appError';
import type { Logger } from '../../../logging/logger';
import { loadPosture } from '../../loadPosture';
import type { PostureLoader, PostureSnapshot } from '../../postureSettings';
import { createExportFileSource } from '../../source';
import { createPostureStoreBuilder, type PostureStoreBuilder } from '../../store';
import { createAzurePostureSource, type AzureLoadReport, type AzureSourceOptions, type ChangesSince } from './azureSource';
import { AZURE_CLOUD_ENDPOINTS } from './clouds';
import { createKeptSource } from './keptSource';
import { createLastGoodStore, type KeptCopy, type LastGoodInfo } from './lastGood';

/** Changes are asked for from this long before the last read started: Resource Graph shows some changes late. */
export const CHANGE_OVERLAP_MS = 60 * 60_000;
const DAY_MS = 86_400_000;
/** Resource Graph keeps 14 days of resource changes: a gap longer than this (less a day's margin) needs a full read. */
export const RESOURCE_CHANGES_KEPT_MS = 13 * DAY_MS;
/** Governance assignments are read again at most this often (POSTURE_GOVERNANCE_REFRESH_MINUTES) unless set. */
export const GOVERNANCE_REFRESH_MS = 60 * 60_000;
/**
 * The journal of refreshes is folded into a new base once the rows still standing in it pass this fraction of the
 * base's, or all its rows (replaced ones too: each is parsed at every refresh) twice that, and JOURNAL_MIN_ROWS.
 */
export const JOURNAL_FRACTION = 0.25;
export const JOURNAL_MIN_ROWS = 10_000;

export interface AzureLoaderDeps {
  logger: Logger;
  /** Where the last good read is kept; none kept without it. */
  dataDir?: string;
  lenient?: boolean;
  now?: () => number;
  /** Tests: a fake credential, the loopback client, small pages. */
  overrides?: Partial<Omit<AzureSourceOptions, 'scopes' | 'cloud'>>;
  /** Tests: when the journal is folded into a new base (JOURNAL_FRACTION, here with no minimum). */
  journalFraction?: number;
  /** Several replicas: the builder to load with (a snapshot capture tees the records to publish them). */
  builder?: () => PostureStoreBuilder;
  /** Several replicas: when the data this replica has was read (SharedPostureLoader.readAt), maybe by another replica. */
  sharedReadAt?: () => number | undefined;
}

/** DefaultAzureCredential signing in to the cloud's own Entra ID (managed identity, environment, az login...). */
export function defaultCredential(config: AzureSourceConfig): TokenCredential {
  // Loaded here, not at the top: the demo and export sources never sign in, and @azure/identity takes ~0.3 s to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new DefaultAzureCredential({ authorityHost: AZURE_CLOUD_ENDPOINTS[config.cloud].authorityHost });
}

export function createAzurePostureLoader(config: AzureSourceConfig, deps: AzureLoaderDeps): PostureLoader {
  const now = deps.now ?? Date.now;
  const { logger } = deps;
  const lastGood = deps.dataDir ? createLastGoodStore(join(deps.dataDir, 'posture-azure')) : undefined;
  let write: ReturnType<NonNullable<typeof lastGood>['begin']> | undefined;
  const source = createAzurePostureSource({
    scopes: config.scopes,
    cloud: config.cloud,
    credential: deps.overrides?.credential ?? defaultCredential(config),
    logger,
    ...(deps.lenient ? { lenient: true } : {}),
    ...deps.overrides,
    onRow: (row, json) => write?.row(row, json),
  });
  let loadedOnce = false;
  /** The last read from Azure in this process (the kept rows are its rows). */
  let lastRead: { readAt: number; fullAt: number; governanceAt: number } | undefined;
  const newBuilder = () => (deps.builder ? deps.builder() : createPostureStoreBuilder(deps.now ? { now: deps.now } : {}));
  /** This process's last read, or the adopted copy's read when the kept rows are that read (a DATA_DIR the replicas share, or a restart). */
  const knownRead = () => {
    const shared = deps.sharedReadAt?.();
    if (shared === undefined || (lastRead && lastRead.readAt >= shared)) return lastRead;
    const info = lastGood?.find(source.describe())?.info;
    return info?.readAt === shared && info.fullAt !== undefined ? { readAt: shared, fullAt: info.fullAt, governanceAt: info.governanceAt ?? shared } : lastRead;
  };

  /** An incremental refresh when the kept rows are this process's (or the adopted) last read and the last full read is recent enough. */
  const changesSince = (readAt: number): { changes: ChangesSince; kept: KeptCopy } | undefined => {
    const lastRead = knownRead();
    if (!lastGood || !lastRead || readAt - lastRead.fullAt >= (config.fullRefreshMs ?? DAY_MS)) return undefined;
    // Refreshes that failed for longer than Resource Graph keeps changes: deletions in the gap are no longer listed.
    if (readAt - lastRead.readAt + CHANGE_OVERLAP_MS >= RESOURCE_CHANGES_KEPT_MS) return undefined;
    const kept = lastGood.find(source.describe());
    if (kept?.info.readAt !== lastRead.readAt) return undefined;
    const governance = readAt - lastRead.governanceAt >= (config.governanceRefreshMs ?? GOVERNANCE_REFRESH_MS);
    return {
      kept,
      changes: { since: lastRead.readAt - CHANGE_OVERLAP_MS, base: { path: kept.path, logger }, segments: lastGood.segments(kept), governance, ...(kept.info.hash ? { hash: kept.info.hash } : {}) },
    };
  };

  const fromAzure = async (): Promise<PostureSnapshot> => {
    const started = performance.now();
    const readAt = now();
    const incremental = changesSince(readAt);
    const changes = incremental?.changes;
    const known = knownRead();
    const fullAt = changes && known ? known.fullAt : readAt;
    const governanceAt = changes && known && !changes.governance ? known.governanceAt : readAt;
    // A full read writes a new base; so does a refresh once the journal has grown past a fraction of the base.
    const info = incremental?.kept.info;
    const fold = info !== undefined && journalTooLong(info, deps.journalFraction);
    if (changes && fold) changes.rewrite = true;
    write = !incremental || fold ? lastGood?.begin(readAt) : undefined;
    try {
      const { engine, report } = await loadPosture({
        source: { describe: source.describe, load: (sink) => source.load(sink, changes) },
        builder: newBuilder(),
        now,
      });
      const { segment, standingRows } = report as AzureLoadReport;
      const committed = { source: source.describe(), readAt, rows: report.rows, fullAt, governanceAt, hash: report.hash, ...(standingRows !== undefined ? { journalStanding: standingRows } : {}) };
      if (write) await write.commit(committed);
      else if (incremental && segment && lastGood) lastGood.append(incremental.kept, segment, committed);
      lastRead = { readAt, fullAt, governanceAt };
      return {
        refresh: changes ? 'incremental' : 'full',
        live: true,
        engine,
        hash: report.hash,
        demo: false,
        source: source.describe(),
        rows: report.rows,
        loadMs: Math.round(performance.now() - started),
        loadedAt: readAt,
        ...(governanceAt < readAt ? { governanceAt } : {}),
        ...('unreadable' in report && Array.isArray(report.unreadable) && report.unreadable.length > 0 ? { unreadable: report.unreadable as string[] } : {}),
      };
    } catch (error) {
      await write?.discard();
      throw error;
    } finally {
      write = undefined;
    }
  };

  const fromLastGood = async (reason: AppError): Promise<PostureSnapshot> => {
    const kept = lastGood?.find(source.describe());
    if (!kept || !lastGood) throw reason;
    const started = performance.now();
    const segments = lastGood.segments(kept);
    const { engine, report } = await loadPosture({
      // The base alone is an export; with refreshes journaled since, their segments are laid over it.
      source: segments.length === 0 ? createExportFileSource({ path: kept.path, logger }) : createKeptSource({ label: source.describe(), kept, segments, lenient: deps.lenient === true, logger }),
      builder: newBuilder(),
      now,
    });
    const ageMinutes = Math.round((now() - kept.info.readAt) / 60_000);
    logger.warn({ readAt: new Date(kept.info.readAt).toISOString(), ageMinutes, refreshes: segments.length, reason: reason.message }, 'Azure could not be read: answering from the last good read until a refresh succeeds');
    return {
      engine,
      hash: report.hash,
      demo: false,
      source: source.describe(),
      rows: report.rows,
      loadMs: Math.round(performance.now() - started),
      loadedAt: kept.info.readAt,
      ...(kept.info.governanceAt !== undefined && kept.info.governanceAt < kept.info.readAt ? { governanceAt: kept.info.governanceAt } : {}),
      stale: reason.message,
      live: true,
    };
  };

  return async () => {
    try {
      const snapshot = await fromAzure();
      loadedOnce = true;
      return snapshot;
    } catch (error) {
      const reason = error instanceof AppError ? error : new AppError('DATA_UNAVAILABLE', describe(error));
      if (loadedOnce || !lastGood) throw reason;
      const snapshot = await fromLastGood(reason);
      // From now on a failed refresh leaves the holder on this data instead of reading the copy again.
      loadedOnce = true;
      return snapshot;
    }
  };
}

/** Whether the next refresh folds the journal into a new base (see JOURNAL_FRACTION; tests set the fraction, with no minimum). */
function journalTooLong(info: LastGoodInfo, fraction?: number): boolean {
  const base = info.baseRows ?? info.rows;
  const least = fraction === undefined ? JOURNAL_MIN_ROWS : 0;
  const share = fraction ?? JOURNAL_FRACTION;
  return (info.journalStanding ?? info.journalRows ?? 0) > Math.max(share * base, least) || (info.journalRows ?? 0) > Math.max(2 * share * base, least);
}

function describe(error: unknown): string {
  return `reading Azure failed (${error instanceof Error ? error.message.split('\n')[0]?.slice(0, 300) : String(error).slice(0, 300)})`;
}
