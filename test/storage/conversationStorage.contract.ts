// The botbuilder Storage contract (conversation and user state), run against our storages and botbuilder's own
// MemoryStorage, so the suite provably encodes botbuilder's semantics rather than ours. Only the port is used.
import { ConversationState, TestAdapter, type Storage, type StoreItems } from 'botbuilder';

export interface ConversationStorageHarness {
  storage: Storage;
  cleanup(): Promise<void>;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail, it succeeded');
    },
    (error: unknown) => error,
  );
}

function eTagOf(items: StoreItems, key: string): string {
  const eTag: unknown = items[key]?.eTag;
  if (typeof eTag !== 'string' || eTag.length === 0) throw new Error(`no eTag on ${key}`);
  return eTag;
}

export function runConversationStorageContract(name: string, factory: () => Promise<ConversationStorageHarness>): void {
  describe(`botbuilder Storage contract: ${name}`, () => {
    let harness: ConversationStorageHarness;
    let storage: Storage;
    beforeEach(async () => {
      harness = await factory();
      storage = harness.storage;
    });
    afterEach(async () => harness.cleanup());

    it('reads unknown keys as absent, and no keys as nothing', async () => {
      expect(await storage.read(['unknown'])).toEqual({});
      expect(await storage.read([])).toEqual({});
    });

    it('rejects missing key lists and change maps instead of guessing', async () => {
      await rejectionOf(storage.read(null as unknown as string[]));
      await rejectionOf(storage.write(null as unknown as StoreItems));
    });

    it('accepts a write of nothing', async () => {
      await storage.write({});
    });

    it('creates several items in one write and reads them back with eTags', async () => {
      await storage.write({ one: { id: 1 }, two: { id: 2, nested: { list: [1, 'two', null] } } });
      const items = await storage.read(['one', 'two', 'three']);
      expect(Object.keys(items).sort()).toEqual(['one', 'two']);
      expect(items.one).toMatchObject({ id: 1 });
      expect(items.two).toMatchObject({ id: 2, nested: { list: [1, 'two', null] } });
      expect(eTagOf(items, 'one')).not.toBe(eTagOf(items, 'two'));
    });

    it('reads two keys together (a turn\'s conversation and user state): present, absent, the same key twice', async () => {
      await storage.write({ conv: { c: 1 }, user: { u: 2 } });
      const both = await storage.read(['conv', 'user']);
      expect(Object.keys(both).sort()).toEqual(['conv', 'user']);
      expect(both.conv).toMatchObject({ c: 1 });
      expect(both.user).toMatchObject({ u: 2 });
      expect(eTagOf(both, 'conv')).not.toBe(eTagOf(both, 'user'));
      const one = await storage.read(['user', 'nobody']);
      expect(Object.keys(one)).toEqual(['user']);
      expect(one.user).toMatchObject({ u: 2 });
      const twice = await storage.read(['conv', 'conv']);
      expect(Object.keys(twice)).toEqual(['conv']);
      expect(twice.conv).toMatchObject({ c: 1 });
    });

    it('handles keys full of punctuation, quotes and unicode', async () => {
      const keys = ['!@#$%^&*()~/\\><,.?\';"`~', "x'; DROP TABLE conversation_items; --", 'msteams/conversations/19:abc@thread.tacv2;messageid=1/', '会話😀'];
      await storage.write(Object.fromEntries(keys.map((key, i) => [key, { i }])));
      const items = await storage.read(keys);
      keys.forEach((key, i) => expect(items[key]).toMatchObject({ i }));
    });

    it('writes without an eTag or with "*" unconditionally', async () => {
      await storage.write({ k: { count: 1 } });
      await storage.write({ k: { count: 2 } });
      expect((await storage.read(['k'])).k).toMatchObject({ count: 2 });
      await storage.write({ k: { count: 3, eTag: '*' } });
      expect((await storage.read(['k'])).k).toMatchObject({ count: 3 });
      await storage.write({ fresh: { count: 1, eTag: '*' } });
      expect((await storage.read(['fresh'])).fresh).toMatchObject({ count: 1 });
    });

    it('writes with the current eTag and gives the item a new one', async () => {
      await storage.write({ k: { count: 1 } });
      const read = await storage.read(['k']);
      const before = eTagOf(read, 'k');
      await storage.write({ k: { ...read.k, count: 2 } });
      const after = await storage.read(['k']);
      expect(after.k).toMatchObject({ count: 2 });
      expect(eTagOf(after, 'k')).not.toBe(before);
    });

    it('refuses a stale eTag with an "eTag conflict" Error and keeps the newer state', async () => {
      await storage.write({ k: { count: 1 } });
      const stale = (await storage.read(['k'])).k;
      await storage.write({ k: { ...stale, count: 2 } });
      const error = await rejectionOf(storage.write({ k: { ...stale, count: 99 } }));
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/eTag conflict/);
      expect((await storage.read(['k'])).k).toMatchObject({ count: 2 });
    });

    it('lets exactly one of two turns holding the same eTag save', async () => {
      await storage.write({ k: { by: 'nobody' } });
      const [a, b] = [(await storage.read(['k'])).k, (await storage.read(['k'])).k];
      const outcomes = await Promise.allSettled([
        storage.write({ k: { ...a, by: 'first' } }),
        storage.write({ k: { ...b, by: 'second' } }),
      ]);
      const saved = outcomes.map((o) => o.status);
      expect(saved.filter((s) => s === 'fulfilled')).toHaveLength(1);
      const winner = saved[0] === 'fulfilled' ? 'first' : 'second';
      expect((await storage.read(['k'])).k).toMatchObject({ by: winner });
    });

    it('does not change the caller\'s objects, and hands out copies', async () => {
      const item = { count: 1, list: [1] };
      await storage.write({ k: item });
      expect(item).toEqual({ count: 1, list: [1] });
      const read = (await storage.read(['k'])).k;
      read.list.push(2);
      expect((await storage.read(['k'])).k.list).toEqual([1]);
    });

    it('stores state as JSON, as botbuilder does (a Date comes back as its ISO string)', async () => {
      await storage.write({ k: { at: new Date(0), gone: undefined, text: 'é😀' } });
      const read = (await storage.read(['k'])).k;
      expect(read).toMatchObject({ at: '1970-01-01T00:00:00.000Z', text: 'é😀' });
      expect('gone' in read).toBe(false);
    });

    it('deletes items, and ignores unknown keys', async () => {
      await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
      await storage.delete(['a', 'c', 'unknown']);
      expect(Object.keys(await storage.read(['a', 'b', 'c']))).toEqual(['b']);
      await storage.delete([]);
    });

    it('keeps a 1 MB state', async () => {
      const big = { text: 'y'.repeat(1024 * 1024) };
      await storage.write({ big });
      expect((await storage.read(['big'])).big.text).toBe(big.text);
    });

    it('carries ConversationState across turns', async () => {
      const conversationState = new ConversationState(storage);
      const counter = conversationState.createProperty<number>('turns');
      const adapter = new TestAdapter(async (context) => {
        const turns = (await counter.get(context, 0)) + 1;
        await counter.set(context, turns);
        await context.sendActivity(`turn ${turns}`);
        await conversationState.saveChanges(context);
      });
      await adapter.send('hi').assertReply('turn 1').send('again').assertReply('turn 2').send('more').assertReply('turn 3').startTest();
    });
  });
}
