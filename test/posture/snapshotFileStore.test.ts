// The snapshot store contract on a local folder.
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createFileSnapshotStore } from '../../src/posture/snapshotFileStore';
import { createTempDataDir } from '../support/tempDataDir';
import { runSnapshotStoreContract, sampleMeta } from './snapshotStore.contract';

runSnapshotStoreContract('local folder', async () => {
  const data = createTempDataDir();
  return { store: createFileSnapshotStore(data.dir), another: () => createFileSnapshotStore(data.dir), cleanup: async () => data.cleanup() };
});

it('keeps one body file: the one before is removed on publish', async () => {
  const data = createTempDataDir();
  try {
    const store = createFileSnapshotStore(data.dir);
    for (let i = 0; i < 3; i++) await store.publish(sampleMeta({ readAt: i }), () => Readable.from([Buffer.from(`body ${i}`)]));
    expect(readdirSync(data.dir).sort()).toEqual([expect.stringMatching(/^snapshot-.*\.jsonl\.gz$/), 'snapshot.json']);
  } finally {
    data.cleanup();
  }
});
