import { createReadiness } from '../../src/storage/readiness';
import type { PostureInfo } from '../../src/posture/postureHolder';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';

const info = (over: Partial<PostureInfo> = {}): PostureInfo => ({ source: 'demo', demo: true, exportHash: 'h', rows: 10, loadMs: 5, loadedAt: Date.UTC(2026, 11, 4), changes: 0, generation: 1, ...over });

describe('readiness (/readyz)', () => {
  it('is ready when posture is loaded and storage answers, and says so with the facts', async () => {
    const check = createReadiness({ records: createMemoryRecordsStore(), posture: { info: () => info() } });
    await expect(check()).resolves.toEqual({ ready: true, facts: { storage: 'ok', posture: { source: 'demo', rows: 10, loadedAt: '2026-12-04T00:00:00.000Z' } } });
  });

  it('is not ready when storage fails or does not answer in time, and says which', async () => {
    const failing = { get: () => Promise.reject(new Error('connection refused')) } as unknown as RecordsStore;
    await expect(createReadiness({ records: failing, posture: { info: () => info() } })()).resolves.toMatchObject({ ready: false, facts: { storage: 'failing', reason: 'storage is failing' } });
    const hanging = { get: () => new Promise(() => {}) } as unknown as RecordsStore;
    await expect(createReadiness({ records: hanging, posture: { info: () => info() }, timeoutMs: 20 })()).resolves.toMatchObject({ ready: false, facts: { storage: 'timed out' } });
  });

  it('stays ready on an older copy of the data, and marks it stale', async () => {
    const check = createReadiness({ records: createMemoryRecordsStore(), posture: { info: () => info({ stale: 'Azure could not be read' }) } });
    await expect(check()).resolves.toMatchObject({ ready: true, facts: { posture: { stale: true } } });
  });
});
