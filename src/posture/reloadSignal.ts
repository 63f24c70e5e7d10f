// SIGHUP reads the posture source again (a new export at the same path) without a restart: turns in flight finish on
// the data they started with, the next ones get the fresh data. A failed reload is logged and the bot keeps its data.
import type { Logger } from '../logging/logger';
import type { PostureHolder } from './postureHolder';

/** Returns a function that stops listening. */
export function reloadOnSignal(posture: Pick<PostureHolder, 'reload'>, logger: Logger, signal: NodeJS.Signals = 'SIGHUP'): () => void {
  const onSignal = () => {
    logger.info({ signal }, 'reloading posture data');
    posture.reload().then(
      (result) => logger.info(result, 'posture data reloaded'),
      (error: unknown) => logger.error({ err: error }, 'posture reload failed; the bot keeps the data it had'),
    );
  };
  process.on(signal, onSignal);
  return () => process.off(signal, onSignal);
}
