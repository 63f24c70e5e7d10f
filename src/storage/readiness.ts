// Readiness for GET /readyz: the posture data is loaded and the records store answers a read in time. A load
// balancer (App Service health check, a container orchestrator) sends turns only to a replica that is ready.
import type { PostureInfo } from '../posture/postureHolder';
import type { RecordsStore } from './recordsStore';

export interface Readiness {
  ready: boolean;
  facts: Record<string, unknown>;
}

export function createReadiness(deps: { records: RecordsStore; posture: { info(): PostureInfo }; timeoutMs?: number }): () => Promise<Readiness> {
  const timeoutMs = deps.timeoutMs ?? 3000;
  return async () => {
    const info = deps.posture.info();
    const posture = { source: info.source, rows: info.rows, loadedAt: new Date(info.loadedAt).toISOString(), ...(info.stale ? { stale: true } : {}) };
    let timer: NodeJS.Timeout | undefined;
    const storage = await Promise.race([
      deps.records.get('readiness', 'probe').then(
        () => 'ok' as const,
        () => 'failing' as const,
      ),
      new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), timeoutMs))),
    ]).finally(() => clearTimeout(timer));
    const ready = storage === 'ok' && info.loadedAt > 0;
    return { ready, facts: { posture, storage, ...(ready ? {} : { reason: storage === 'ok' ? 'no posture data is loaded' : `storage is ${storage}` }) } };
  };
}
