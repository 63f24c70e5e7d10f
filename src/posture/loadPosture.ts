// Load a posture source into a fresh engine: stream records (with local overlays laid on top) into the store
// builder and finish it. Any failure throws and the half-filled builder is simply dropped.
import type { PostureEngine } from './engine';
import type { RecordSink } from './model';
import { createOverlaySink, type OverlayStore } from './overlay';
import type { LoadReport, PostureSource } from './source';

/** The store builder's shape (src/posture/store): a sink that becomes an engine when finished. */
export interface PostureStoreBuilderLike extends RecordSink {
  finish(options?: { dateShiftMs?: number }): PostureEngine;
}

export interface LoadPostureOptions {
  source: PostureSource;
  overlays?: OverlayStore;
  builder: PostureStoreBuilderLike;
  /** 'toNow' moves every date by (now - export generatedAt), so a demo export never looks stale; a number is ms. */
  dateShift?: 'toNow' | number;
  now?: () => number;
}

export interface LoadedPosture {
  engine: PostureEngine;
  report: LoadReport;
  /** How many overlay changes were laid over the export. */
  overlayChanges: number;
}

export async function loadPosture(options: LoadPostureOptions): Promise<LoadedPosture> {
  const { source, overlays, builder } = options;
  // Changes are keyed by the export's hash, known only once it is read: hold what any change names, decide after.
  const stored = overlays ? await overlays.listAll() : [];
  const sink = createOverlaySink(builder, stored.map((entry) => entry.change));
  const report = await source.load(sink);
  const changes = stored.filter((entry) => entry.exportHash === report.hash).map((entry) => entry.change);
  const now = options.now ?? Date.now;
  let dateShiftMs = 0;
  if (options.dateShift === 'toNow') dateShiftMs = report.generatedAt === undefined ? 0 : now() - report.generatedAt;
  else if (typeof options.dateShift === 'number') dateShiftMs = options.dateShift;
  sink.finish(changes, dateShiftMs);
  const engine = builder.finish(dateShiftMs === 0 ? {} : { dateShiftMs });
  return { engine, report, overlayChanges: changes.length };
}
