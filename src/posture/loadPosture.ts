// Load a posture source into a fresh engine: stream its records into the store builder and finish it. Any failure
// throws and the half-filled builder is simply dropped. Local changes are not applied here: the posture holder lays
// them over the finished engine (engine.withChanges), so they also apply to data loaded while the bot runs.
import type { PostureEngine } from './engine';
import type { RecordSink } from './model';
import type { LoadReport, PostureSource } from './source';

/** The store builder's shape (src/posture/store): a sink that becomes an engine when finished. */
export interface PostureStoreBuilderLike<E extends PostureEngine = PostureEngine> extends RecordSink {
  finish(options?: { dateShiftMs?: number }): E;
}

export interface LoadPostureOptions<E extends PostureEngine = PostureEngine> {
  source: PostureSource;
  builder: PostureStoreBuilderLike<E>;
  /** 'toNow' moves every date by (now - export generatedAt), so a demo export never looks stale; a number is ms. */
  dateShift?: 'toNow' | number;
  now?: () => number;
}

export interface LoadedPosture<E extends PostureEngine = PostureEngine> {
  engine: E;
  report: LoadReport;
}

export async function loadPosture<E extends PostureEngine>(options: LoadPostureOptions<E>): Promise<LoadedPosture<E>> {
  const { source, builder } = options;
  const report = await source.load(builder);
  const now = options.now ?? Date.now;
  let dateShiftMs = 0;
  if (options.dateShift === 'toNow') dateShiftMs = report.generatedAt === undefined ? 0 : now() - report.generatedAt;
  else if (typeof options.dateShift === 'number') dateShiftMs = options.dateShift;
  const engine = builder.finish(dateShiftMs === 0 ? {} : { dateShiftMs });
  return { engine, report };
}
