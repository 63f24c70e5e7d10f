// The posture snapshot store contract: every implementation (a local folder, an Azure blob) runs this suite through the port only.
import { Readable } from 'node:stream';
import { SNAPSHOT_SCHEMA_VERSION, type PostureSnapshotStore, type SnapshotMeta } from '../../src/posture/snapshotStore';

export interface SnapshotStoreHarness {
  store: PostureSnapshotStore;
  /** A second, independent instance over the same place (another process's client). */
  another(): PostureSnapshotStore;
  cleanup(): Promise<void>;
}

export const sampleMeta = (overrides: Partial<SnapshotMeta> = {}): SnapshotMeta => ({
  schema: SNAPSHOT_SCHEMA_VERSION,
  sourceKey: 'k1',
  source: 'export /data/rows.json',
  hash: 'h1',
  demo: false,
  rows: 3,
  records: 4,
  readAt: 1_764_800_000_000,
  dateShiftMs: 0,
  publishedBy: 'replica-a',
  ...overrides,
});

const bodyOf = (text: string) => () => Readable.from([Buffer.from(text)]);
async function textOf(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

export function runSnapshotStoreContract(name: string, open: () => Promise<SnapshotStoreHarness>): void {
  describe(`posture snapshot store contract: ${name}`, () => {
    let harness: SnapshotStoreHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(async () => harness.cleanup());

    it('has nothing before the first publish', async () => {
      expect(await harness.store.head()).toBeUndefined();
      expect(await harness.store.open()).toBeUndefined();
    });

    it('returns what was published, meta and body, to another instance too', async () => {
      const meta = sampleMeta({ live: true });
      const published = await harness.store.publish(meta, bodyOf('first body'));
      expect(published.meta).toEqual(meta);
      const other = harness.another();
      expect(await other.head()).toEqual({ meta, etag: published.etag });
      const opened = await other.open();
      expect(opened?.meta).toEqual(meta);
      expect(opened?.etag).toBe(published.etag);
      expect(await textOf(opened!.body)).toBe('first body');
    });

    it('replaces the copy as a whole; the etag changes on every publish', async () => {
      const first = await harness.store.publish(sampleMeta(), bodyOf('one'));
      const second = await harness.another().publish(sampleMeta({ readAt: 1_764_800_060_000, publishedBy: 'replica-b' }), bodyOf('two, longer'));
      expect(second.etag).not.toBe(first.etag);
      const head = await harness.store.head();
      expect(head?.etag).toBe(second.etag);
      expect(head?.meta.publishedBy).toBe('replica-b');
      const opened = await harness.store.open();
      expect(await textOf(opened!.body)).toBe('two, longer');
    });

    it('a reader that opened the old copy still reads it whole after a new publish', async () => {
      await harness.store.publish(sampleMeta(), bodyOf('old copy'));
      const opened = await harness.store.open();
      await harness.another().publish(sampleMeta({ readAt: 1_764_800_120_000 }), bodyOf('new copy'));
      expect(await textOf(opened!.body)).toBe('old copy');
    });

    it('ignores a copy written by a newer snapshot schema (this version cannot read its body)', async () => {
      await harness.store.publish(sampleMeta({ schema: SNAPSHOT_SCHEMA_VERSION + 1 }), bodyOf('future'));
      expect(await harness.store.head()).toBeUndefined();
      expect(await harness.store.open()).toBeUndefined();
    });

    it('keeps the published copy when the body fails half way', async () => {
      const good = await harness.store.publish(sampleMeta(), bodyOf('good'));
      const failing = () =>
        new Readable({
          read() {
            this.push(Buffer.from('partial'));
            this.destroy(new Error('source broke'));
          },
        });
      await expect(harness.store.publish(sampleMeta({ readAt: 1_764_800_180_000 }), failing)).rejects.toThrow();
      expect((await harness.store.head())?.etag).toBe(good.etag);
      expect(await textOf((await harness.store.open())!.body)).toBe('good');
    });
  });
}
