// Reads a live posture source again on a schedule (POSTURE_REFRESH_MINUTES), in the background: turns go on reading
// the current data while a read runs and get the fresh data once the holder swaps it in. A failed read is logged
// and the bot keeps the data it has; the next try comes sooner (retryMs, doubling up to the refresh interval), and
// at once-a-minute pace while the data is a stale copy kept from an earlier run.
import type { Logger } from '../logging/logger';
import type { PostureHolder } from './postureHolder';

export interface RefreshScheduleOptions {
  everyMs: number;
  /** First wait after a failure; doubles per failure up to everyMs. */
  retryMs?: number;
  logger: Logger;
}

/** Starts the schedule; returns a function that stops it. */
export function refreshOnSchedule(posture: Pick<PostureHolder, 'reload' | 'info'>, options: RefreshScheduleOptions): () => void {
  const { everyMs, logger } = options;
  const retryMs = Math.min(options.retryMs ?? 60_000, everyMs);
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const nextDelay = (): number => {
    if (failures === 0) return posture.info().stale ? retryMs : everyMs;
    return Math.min(retryMs * 2 ** (failures - 1), everyMs);
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(run, nextDelay());
    timer.unref();
  };
  const run = (): void => {
    const started = Date.now();
    posture.reload().then(
      (result) => {
        failures = 0;
        const info = posture.info();
        logger.info({ ...result, rows: info.rows, generation: info.generation, unreadable: info.unreadable?.length ?? 0, ms: Date.now() - started }, 'posture data refreshed');
      },
      (error: unknown) => {
        failures++;
        const info = posture.info();
        logger.warn(
          { reason: error instanceof Error ? error.message : String(error), failures, dataAgeMinutes: Math.round((Date.now() - info.loadedAt) / 60_000) },
          'posture refresh failed; answering from the data already loaded',
        );
      },
    ).finally(schedule);
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
