// History as the skills use it: record each load once (at startup and whenever the holder has loaded new data),
// keep it within the retention, and compare the state at a past time with the data as it is now (changes made in
// chat included).
import type { Logger } from '../../logging/logger';
import type { PostureEngine } from '../engine';
import { diffStates, type Changes } from './diff';
import type { PostureHistory } from './postureHistory';
import { idsOf, snapshotOf, type LoadSnapshot } from './snapshot';

export interface Comparison {
  /** When the load compared with was taken (the oldest kept load when the point asked for is older). */
  from: number;
  /** The point asked for. */
  asked: number;
  to: number;
  changes: Changes;
  /** hash -> assessment id for rows in the data now. */
  ids: Map<string, string>;
  /** Names of rows that are gone, where recorded. */
  labels: Map<string, string>;
  /** The history starts after the point asked for. */
  startsLater: boolean;
}

export interface HistoryService {
  /** Records the data if this load (identified by loadedAt) was not recorded yet. */
  observe(engine: PostureEngine, loadedAt: number): Promise<void>;
  /** Undefined when nothing was recorded yet. */
  compare(engine: PostureEngine, since: number): Promise<Comparison | undefined>;
}

export interface HistoryServiceOptions {
  history: PostureHistory;
  /** Loads older than this are folded into the base. */
  retentionMs: number;
  now?: () => number;
  logger?: Logger;
}

export function createHistoryService(options: HistoryServiceOptions): HistoryService {
  const { history } = options;
  const now = options.now ?? Date.now;
  let recordedLoad: number | undefined;
  /**
   * Names of the last snapshot's rows, for naming rows that the next load no longer has. Only the names: the
   * snapshot's state (about 70 MB at 1M rows, where no names are kept) is not needed after it is recorded.
   */
  let lastLabel: LoadSnapshot['label'] | undefined;
  let recording: Promise<void> = Promise.resolve();

  async function observe(engine: PostureEngine, loadedAt: number): Promise<void> {
    if (recordedLoad === loadedAt) return;
    recording = recording.then(async () => {
      if (recordedLoad === loadedAt) return;
      const snapshot = await snapshotOf(engine);
      const previous = lastLabel;
      const written = await history.record(snapshot.state, loadedAt, (h) => previous?.(h));
      recordedLoad = loadedAt;
      lastLabel = snapshot.label;
      const folded = await history.fold(now() - options.retentionMs);
      options.logger?.info({ entries: written, folded }, 'posture history recorded');
    });
    return recording;
  }

  return {
    observe,
    async compare(engine, since) {
      await recording;
      const before = await history.stateAt(since);
      if (!before) return undefined;
      const snapshot = await snapshotOf(engine);
      const loads = await history.loads();
      const first = loads[0]?.at ?? before.loadedAt;
      const labels = await history.labels();
      const changes = diffStates(before.state, snapshot.state);
      const present = new Set([...changes.new, ...changes.fixed, ...changes.exempted, ...changes.newlyAssessed]);
      const ids = snapshot.ids.size > 0 ? snapshot.ids : await idsOf(engine, present);
      return {
        from: before.loadedAt,
        asked: since,
        to: now(),
        changes,
        ids,
        labels,
        startsLater: since < first,
      };
    },
  };
}
