// Which posture data the bot reads, and how one load of it goes: the export named by POSTURE_SNAPSHOT, or the
// embedded demo tenant (shifted to now so its due dates stay meaningful). The holder calls the loader at startup
// and on every reload; local changes are laid over the result by the holder, not here.
import type { LoadThreads } from './load/parallelLoad';
import type { AzureSourceConfig, PostureSourceKind } from '../config/features/postureSource';
import type { Logger } from '../logging/logger';
import { projectPath } from '../paths';
import type { ChangeablePostureEngine } from './engine';
import { loadPosture } from './loadPosture';
import { createExportFileSource } from './source';
import { createAzurePostureLoader, type AzureLoaderDeps } from './source/azure/azureLoader';
import { createPostureStoreBuilder, type PostureStoreBuilder } from './store';

export interface PostureSettings {
  /** A file or folder of Resource Graph rows; the embedded demo tenant when absent. */
  postureSnapshot?: string;
  postureLenient: boolean;
  /** Threads a big export file loads in; 'auto' when absent (src/posture/load/parallelLoad.ts). */
  postureLoadThreads?: LoadThreads;
  /** demo, export or azure (config POSTURE_SOURCE); without it, export when postureSnapshot is set. */
  postureSource?: PostureSourceKind;
  /** What the azure source reads. */
  azure?: AzureSourceConfig;
  /** The azure source keeps its last good read there. */
  dataDir?: string;
}

export const DEMO_TENANT_PATH = (): string => projectPath('src', 'posture', 'demo', 'demo-tenant.json');

/** One load of the source: the engine and what it was built from. */
export interface PostureSnapshot {
  engine: ChangeablePostureEngine;
  /** The export's content hash: changes record which data they were made on. */
  hash: string;
  demo: boolean;
  source: string;
  rows: number;
  loadMs: number;
  loadedAt: number;
  /** Set when this is older data kept because the source could not be read: why. */
  stale?: string;
  /** Scopes the source could not read (the rest loaded). */
  unreadable?: string[];
  /** A live source: whether this load read everything or only what changed since the last one. */
  refresh?: 'full' | 'incremental';
  /** Read from a live source (Azure), fresh or kept from an earlier read. */
  live?: boolean;
  /** A live source whose governance assignments (owners, due dates) were read before the rest: when. */
  governanceAt?: number;
}

export type PostureLoader = () => Promise<PostureSnapshot>;

/** Each call reads the source again (a new export at the same path). Throws AppError('EXPORT_INVALID') when it is broken. */
export function createPostureLoader(
  settings: PostureSettings,
  deps: { logger: Logger; now?: () => number; azure?: AzureLoaderDeps['overrides']; /** Every source builds with it (a snapshot capture tees the records). */ builder?: () => PostureStoreBuilder; sharedReadAt?: AzureLoaderDeps['sharedReadAt'] },
): PostureLoader {
  if (settings.postureSource === 'azure' && settings.azure) {
    return createAzurePostureLoader(settings.azure, { logger: deps.logger, lenient: settings.postureLenient, ...(settings.dataDir ? { dataDir: settings.dataDir } : {}), ...(deps.now ? { now: deps.now } : {}), ...(deps.azure ? { overrides: deps.azure } : {}), ...(deps.builder ? { builder: deps.builder } : {}), ...(deps.sharedReadAt ? { sharedReadAt: deps.sharedReadAt } : {}) });
  }
  const demo = settings.postureSource === 'demo' || settings.postureSnapshot === undefined;
  const path = demo || settings.postureSnapshot === undefined ? DEMO_TENANT_PATH() : settings.postureSnapshot;
  const now = deps.now ?? Date.now;
  return async () => {
    const started = performance.now();
    const loaded = await loadPosture({
      source: createExportFileSource({ path, lenient: settings.postureLenient, logger: deps.logger, ...(settings.postureLoadThreads ? { threads: settings.postureLoadThreads } : {}) }),
      builder: deps.builder ? deps.builder() : createPostureStoreBuilder(deps.now ? { now: deps.now } : {}),
      ...(demo ? { dateShift: 'toNow' as const } : {}),
      now,
    });
    const loadMs = Math.round(performance.now() - started);
    const { report, engine } = loaded;
    const capabilities = engine.capabilities({ displayName: 'startup' });
    deps.logger.info(
      {
        source: demo ? 'embedded demo tenant' : path,
        rows: report.rows,
        records: report.records,
        skipped: report.skipped,
        ignoredTypes: report.ignoredTypes,
        assessments: capabilities.assessmentCount,
        resources: capabilities.resourceCount,
        riskData: capabilities.hasRiskData,
        loadMs,
      },
      'posture data loaded',
    );
    if (report.skipped > 0) deps.logger.warn({ skipped: report.skipped, reasons: report.skippedReasons }, 'lenient load skipped bad rows');
    if (!capabilities.hasRiskData) deps.logger.warn('the posture data has no risk levels (no Defender CSPM): answers are ranked by severity');
    return { engine, hash: report.hash, demo, source: demo ? 'embedded demo tenant' : path, rows: report.rows, loadMs, loadedAt: now() };
  };
}
