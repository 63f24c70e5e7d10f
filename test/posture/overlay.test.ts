// The overlay store: local changes in the records store, oldest first, with a version record that every add and
// retirement rewrites (what other processes poll).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OVERLAY_COLLECTION, createOverlayStore } from '../../src/posture/overlay';
import { createSqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createMemoryRecordsStore } from './overlayMemoryStore';

const A1 = '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.Security/assessments/k1';

describe('overlay store', () => {
  it('lists changes oldest first with the export each was made on, in the posture-overlay collection', async () => {
    const records = createMemoryRecordsStore();
    const overlays = createOverlayStore(records);
    await overlays.add('hashA', { kind: 'status', assessmentId: A1, status: 'Healthy', at: 2000 });
    await overlays.add('hashA', { kind: 'governance', assessmentId: A1, owner: 'alice@x', at: 1000 });
    await overlays.add('hashB', { kind: 'status', assessmentId: A1, status: 'NotApplicable', at: 3000 });
    const entries = await overlays.entries();
    expect(entries.map((e) => [e.exportHash, e.change.at])).toEqual([['hashA', 1000], ['hashA', 2000], ['hashB', 3000]]);
    expect((await records.list(OVERLAY_COLLECTION)).every((r) => /^hash[AB]:\d{15}:/.test(r.id))).toBe(true);
  });

  it('changes the version on every add and retirement, and not on a retirement of nothing', async () => {
    const overlays = createOverlayStore(createMemoryRecordsStore());
    expect(await overlays.version()).toBeUndefined();
    const id = await overlays.add('h', { kind: 'governance', assessmentId: A1, owner: 'alice@x', at: 1 });
    const afterAdd = await overlays.version();
    expect(afterAdd).toBeDefined();
    expect(await overlays.retire(['h:missing'])).toBe(0);
    expect(await overlays.version()).toBe(afterAdd);
    expect(await overlays.retire([id])).toBe(1);
    expect(await overlays.version()).not.toBe(afterAdd);
    expect(await overlays.entries()).toEqual([]);
  });
});

describe('overlay store on the embedded SQLite records store', () => {
  it('persists changes across connections, and one connection sees the version another wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'overlay-sqlite-'));
    const first = createSqliteDatabase(dir);
    const second = createSqliteDatabase(dir);
    try {
      const reader = createOverlayStore(createSqliteRecordsStore(second));
      const before = await reader.version();
      await createOverlayStore(createSqliteRecordsStore(first)).add('h1', { kind: 'status', assessmentId: A1, status: 'Healthy', at: 7, by: 'alice' });
      expect(await reader.version()).not.toBe(before);
      first.close();
      expect((await reader.entries()).map((e) => e.change)).toEqual([{ kind: 'status', assessmentId: A1, status: 'Healthy', at: 7, by: 'alice' }]);
    } finally {
      first.close();
      second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
