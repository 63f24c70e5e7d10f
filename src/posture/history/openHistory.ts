// The bot's posture history: seeded with the demo tenant's generated loads when the demo runs on an empty history,
// then each load recorded once (in the background once the bot listens, after every reload, and before any
// question about change when the holder has loaded new data since).
import { readFile } from 'node:fs/promises';
import type { Logger } from '../../logging/logger';
import type { RecordsStore } from '../../storage/recordsStore';
import type { PostureEngine } from '../engine';
import type { PostureHolder } from '../postureHolder';
import { DEMO_HISTORY_PATH, type DemoHistoryFile } from '../demo/history';
import { seedDemoHistory } from './demoSeed';
import { createHistoryService, type Comparison } from './historyService';
import { createPostureHistory } from './postureHistory';
import { snapshotOf } from './snapshot';

/** What skills ask of history. */
export interface HistoryReader {
  /** The data now against the last load at or before `since`; undefined when nothing is recorded. */
  compare(engine: PostureEngine, since: number): Promise<Comparison | undefined>;
  /** Seeds (demo) and records the current load now if that has not started yet; resolves when it is done. */
  recordCurrent(): Promise<void>;
}

export interface OpenHistoryOptions {
  records: RecordsStore;
  retentionMs: number;
  logger: Logger;
  now?: () => number;
  /**
   * Recording (and seeding the demo history) waits for this, then runs in the background, off the startup path:
   * at 1M rows it takes many seconds. A question about change before then waits for it, so answers stay the same.
   * Without it, nothing is recorded until the first question about change.
   */
  startAfter?: Promise<unknown>;
}

export async function openPostureHistory(posture: Pick<PostureHolder, 'current' | 'info'> & Partial<Pick<PostureHolder, 'onReload'>>, options: OpenHistoryOptions): Promise<HistoryReader> {
  const history = createPostureHistory(options.records);
  const now = options.now ?? Date.now;
  const service = createHistoryService({ history, retentionMs: options.retentionMs, now, logger: options.logger });
  const observeCurrent = () => service.observe(posture.current(), posture.info().loadedAt);
  let started: Promise<void> | undefined;
  const start = (): Promise<void> =>
    (started ??= (async () => {
      if (posture.info().demo) {
        try {
          const file = JSON.parse(await readFile(DEMO_HISTORY_PATH(), 'utf8')) as DemoHistoryFile;
          if (await seedDemoHistory(history, file, (await snapshotOf(posture.current())).state, now())) options.logger.info({ loads: file.loads.length }, 'demo history seeded');
        } catch (error) {
          options.logger.warn({ err: error }, 'demo history not seeded');
        }
      }
      await observeCurrent();
    })());
  options.startAfter?.then(
    () => setImmediate(() => start().catch((error: unknown) => options.logger.warn({ err: error }, 'posture history not recorded'))),
    () => undefined,
  );
  // Every refresh of the data is recorded as it lands, not only when someone next asks what changed.
  posture.onReload?.(() => start().then(observeCurrent));
  return {
    recordCurrent: start,
    async compare(engine, since) {
      await start();
      await observeCurrent();
      return service.compare(engine, since);
    },
  };
}
