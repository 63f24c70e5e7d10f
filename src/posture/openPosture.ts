// Picks the posture source from config and loads it into an engine: the export named by POSTURE_SNAPSHOT, or the
// embedded demo tenant (shifted to now so its due dates stay meaningful). Local changes come from the records store.
import type { Logger } from '../logging/logger';
import { projectPath } from '../paths';
import type { RecordsStore } from '../storage/recordsStore';
import { loadPosture, type LoadedPosture } from './loadPosture';
import { createOverlayStore } from './overlay';
import { createExportFileSource } from './source';
import { createPostureStoreBuilder } from './store';

export interface PostureSettings {
  /** A file or folder of Resource Graph rows; the embedded demo tenant when absent. */
  postureSnapshot?: string;
  postureLenient: boolean;
}

export const DEMO_TENANT_PATH = (): string => projectPath('src', 'posture', 'demo', 'demo-tenant.json');

export interface OpenedPosture extends LoadedPosture {
  demo: boolean;
  loadMs: number;
}

/** Throws AppError('EXPORT_INVALID') naming the file, row and field when the export is broken. */
export async function openPosture(settings: PostureSettings, deps: { logger: Logger; records: RecordsStore; now?: () => number }): Promise<OpenedPosture> {
  const demo = settings.postureSnapshot === undefined;
  const path = settings.postureSnapshot ?? DEMO_TENANT_PATH();
  const started = performance.now();
  const loaded = await loadPosture({
    source: createExportFileSource({ path, lenient: settings.postureLenient, logger: deps.logger }),
    overlays: createOverlayStore(deps.records),
    builder: createPostureStoreBuilder(deps.now ? { now: deps.now } : {}),
    ...(demo ? { dateShift: 'toNow' as const } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const loadMs = Math.round(performance.now() - started);
  const { report } = loaded;
  const capabilities = loaded.engine.capabilities({ displayName: 'startup' });
  deps.logger.info(
    {
      source: demo ? 'embedded demo tenant' : path,
      rows: report.rows,
      records: report.records,
      skipped: report.skipped,
      ignoredTypes: report.ignoredTypes,
      overlayChanges: loaded.overlayChanges,
      assessments: capabilities.assessmentCount,
      resources: capabilities.resourceCount,
      riskData: capabilities.hasRiskData,
      loadMs,
    },
    'posture data loaded',
  );
  if (report.skipped > 0) deps.logger.warn({ skipped: report.skipped, reasons: report.skippedReasons }, 'lenient load skipped bad rows');
  if (!capabilities.hasRiskData) deps.logger.warn('the posture data has no risk levels (no Defender CSPM): answers are ranked by severity');
  return { ...loaded, demo, loadMs };
}
