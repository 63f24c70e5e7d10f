// Load a posture source into a fresh engine: stream records (with local overlays laid on top) into the store
// builder and finish it. Any failure throws and the half-filled builder is simply dropped.
import type { PostureEngine } from './engine';
import type { RecordSink } from './model';
import { createOverlaySink, type OverlayStore } from './overlay';
import type { LoadReport, PostureSource } from './source';

/** The store builder's shape (src/posture/store): a sink that becomes an engine when finished. */
export interface PostureStoreBuilderLike<E extends PostureEngine = PostureEngine> extends RecordSink {
  finish(options?: { dateShiftMs?: number }): E;
}

export interface LoadPostureOptions<E extends PostureEngine = PostureEngine> {
  source: PostureSource;
  /** Laid over the export while it loads; the running bot's holder lays its changes over the engine instead. */
  overlays?: OverlayStore;
  builder: PostureStoreBuilderLike<E>;
  /** 'toNow' moves every date by (now - export generatedAt), so a demo export never looks stale; a number is ms. */
  dateShift?: 'toNow' | number;
  now?: () => number;
}

export interface LoadedPosture<E extends PostureEngine = PostureEngine> {
  engine: E;
  report: LoadReport;
  /** How many overlay changes were laid over the export. */
  overlayChanges: number;
}

export async function loadPosture<E extends PostureEngine>(options: LoadPostureOptions<E>): Promise<LoadedPosture<E>> {
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
