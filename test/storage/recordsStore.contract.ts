// The RecordsStore contract: every implementation (SQLite now, Azure later) runs this same suite through the port only.
import { isAppError, type ErrorCode } from '../../src/errors/appError';
import type { RecordsStore } from '../../src/storage/recordsStore';

export interface RecordsStoreHarness {
  store: RecordsStore;
  /** A second, independent store instance over the same data (another connection or client). */
  openAnother(): Promise<RecordsStore>;
  /** Closes every instance and opens the same data afresh, as after a restart. */
  reopen(): Promise<RecordsStore>;
  /** Closes everything and removes the data. */
  cleanup(): Promise<void>;
}

export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isAppError(outcome)) throw new Error(`expected AppError ${code}, got ${outcome === undefined ? 'success' : String(outcome)}`);
  expect(outcome.code).toBe(code);
}

// Ids chosen to break LIKE patterns, quoting and naive ordering; none in U+E000-U+FFFF, where UTF-16 and code-point order differ.
const ODD_IDS = ['a%', 'a%b', 'a_', 'a_b', 'ab', 'aXb', "a'b", 'a"b', 'a\\b', 'a*', 'a?', 'a[', 'é', 'éa', '日本', '😀', 'ß', 'A', 'Z'];

const byCodePoint = (a: string, b: string): number => {
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

export function runRecordsStoreContract(name: string, factory: () => Promise<RecordsStoreHarness>): void {
  describe(`RecordsStore contract: ${name}`, () => {
    let harness: RecordsStoreHarness;
    let store: RecordsStore;
    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });
    afterEach(async () => harness.cleanup());

    describe('create, read, update, delete', () => {
      it('reads a missing record as undefined', async () => {
        expect(await store.get('things', 'nope')).toBeUndefined();
      });

      it('returns what it wrote, with an etag and a write time', async () => {
        const before = Date.now();
        const put = await store.put('things', 't1', { name: 'one', tags: ['a', 'b'] });
        expect(put).toMatchObject({ collection: 'things', id: 't1', value: { name: 'one', tags: ['a', 'b'] } });
        expect(typeof put.etag).toBe('string');
        expect(put.etag.length).toBeGreaterThan(0);
        expect(put.updatedAt).toBeGreaterThanOrEqual(before - 1000);
        expect(await store.get('things', 't1')).toEqual(put);
      });

      it('changes the etag on every write, also when the value is the same', async () => {
        const a = await store.put('things', 't1', { n: 1 });
        const b = await store.put('things', 't1', { n: 1 });
        const c = await store.put('things', 't1', { n: 1 }, { ifMatch: b.etag });
        expect(new Set([a.etag, b.etag, c.etag]).size).toBe(3);
      });

      it('keeps collections apart', async () => {
        await store.put('left', 'same', 'L');
        await store.put('right', 'same', 'R');
        expect((await store.get('left', 'same'))?.value).toBe('L');
        expect((await store.get('right', 'same'))?.value).toBe('R');
        await store.delete('left', 'same');
        expect((await store.get('right', 'same'))?.value).toBe('R');
      });

      it('deletes, reporting whether something was there', async () => {
        await store.put('things', 't1', 1);
        expect(await store.delete('things', 't1')).toBe(true);
        expect(await store.get('things', 't1')).toBeUndefined();
        expect(await store.delete('things', 't1')).toBe(false);
        expect(await store.delete('things', 'never')).toBe(false);
      });

      it('does not share objects with the caller', async () => {
        const value = { list: [1, 2] };
        const put = await store.put('things', 't1', value);
        value.list.push(3);
        put.value.list.push(4);
        expect((await store.get<typeof value>('things', 't1'))?.value).toEqual({ list: [1, 2] });
      });
    });

    describe('optimistic concurrency', () => {
      it('updates with the current etag', async () => {
        const first = await store.put('things', 't1', { n: 1 });
        const second = await store.put('things', 't1', { n: 2 }, { ifMatch: first.etag });
        expect((await store.get('things', 't1'))?.value).toEqual({ n: 2 });
        expect(second.etag).not.toBe(first.etag);
      });

      it('refuses a stale etag and keeps the newer value', async () => {
        const first = await store.put('things', 't1', { n: 1 });
        const second = await store.put('things', 't1', { n: 2 }, { ifMatch: first.etag });
        await expectAppError(store.put('things', 't1', { n: 3 }, { ifMatch: first.etag }), 'STORAGE_CONFLICT');
        expect(await store.get('things', 't1')).toEqual(second);
      });

      it('refuses an etag update of a missing or deleted record without creating it', async () => {
        await expectAppError(store.put('things', 'ghost', 1, { ifMatch: 'made-up-etag' }), 'STORAGE_CONFLICT');
        const put = await store.put('things', 't1', 1);
        await store.delete('things', 't1');
        await expectAppError(store.put('things', 't1', 2, { ifMatch: put.etag }), 'STORAGE_CONFLICT');
        expect(await store.get('things', 'ghost')).toBeUndefined();
        expect(await store.get('things', 't1')).toBeUndefined();
      });

      it('lets exactly one of two writers starting from the same etag win', async () => {
        const base = await store.put('things', 't1', { by: 'nobody' });
        const other = await harness.openAnother();
        const outcomes = await Promise.allSettled([
          store.put('things', 't1', { by: 'first' }, { ifMatch: base.etag }),
          other.put('things', 't1', { by: 'second' }, { ifMatch: base.etag }),
        ]);
        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.filter((o) => o.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(1);
        const loser = losers[0];
        expect(loser?.status === 'rejected' && isAppError(loser.reason) && loser.reason.code).toBe('STORAGE_CONFLICT');
        const winner = winners[0];
        expect(await store.get('things', 't1')).toEqual(winner?.status === 'fulfilled' ? winner.value : 'no winner');
      });

      it('creates only when absent with ifMatch "*"', async () => {
        const created = await store.put('things', 't1', { n: 1 }, { ifMatch: '*' });
        await expectAppError(store.put('things', 't1', { n: 2 }, { ifMatch: '*' }), 'STORAGE_CONFLICT');
        expect(await store.get('things', 't1')).toEqual(created);
      });

      it('lets exactly one of two racing creators win', async () => {
        const other = await harness.openAnother();
        const outcomes = await Promise.allSettled([
          store.put('things', 'race', 'a', { ifMatch: '*' }),
          other.put('things', 'race', 'b', { ifMatch: '*' }),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      });

      it('deletes by etag only while it is current', async () => {
        const first = await store.put('things', 't1', 1);
        const second = await store.put('things', 't1', 2);
        await expectAppError(store.delete('things', 't1', { ifMatch: first.etag }), 'STORAGE_CONFLICT');
        expect(await store.get('things', 't1')).toEqual(second);
        expect(await store.delete('things', 't1', { ifMatch: second.etag })).toBe(true);
        expect(await store.get('things', 't1')).toBeUndefined();
        await expectAppError(store.delete('things', 't1', { ifMatch: second.etag }), 'STORAGE_CONFLICT');
      });

      it('deletes whatever exists with ifMatch "*", and conflicts when nothing does', async () => {
        await store.put('things', 't1', 1);
        expect(await store.delete('things', 't1', { ifMatch: '*' })).toBe(true);
        await expectAppError(store.delete('things', 't1', { ifMatch: '*' }), 'STORAGE_CONFLICT');
      });

      it('loses no update when two instances increment the same counter', async () => {
        const other = await harness.openAnother();
        await store.put('counters', 'c', { n: 0 });
        let conflicts = 0;
        const increment = async (s: RecordsStore): Promise<void> => {
          for (;;) {
            const current = await s.get<{ n: number }>('counters', 'c');
            if (!current) throw new Error('counter vanished');
            try {
              await s.put('counters', 'c', { n: current.value.n + 1 }, { ifMatch: current.etag });
              return;
            } catch (error) {
              if (!isAppError(error) || error.code !== 'STORAGE_CONFLICT') throw error;
              conflicts += 1;
            }
          }
        };
        const perWriter = 20;
        const run = async (s: RecordsStore) => {
          for (let i = 0; i < perWriter; i++) await increment(s);
        };
        await Promise.all([run(store), run(other), run(store), run(other)]);
        expect((await other.get<{ n: number }>('counters', 'c'))?.value.n).toBe(4 * perWriter);
        expect(conflicts).toBeGreaterThan(0); // the writers really did interleave
      });

      it('shows each instance the other one\'s unconditional writes', async () => {
        const other = await harness.openAnother();
        await store.put('things', 't1', 'from first');
        expect((await other.get('things', 't1'))?.value).toBe('from first');
        await other.put('things', 't1', 'from second');
        expect((await store.get('things', 't1'))?.value).toBe('from second');
      });
    });

    describe('listing', () => {
      beforeEach(async () => {
        for (const id of ODD_IDS) await store.put('odd', id, { id });
        await store.put('elsewhere', 'a%', 'not listed');
      });

      it('lists a whole collection ordered by id (code-point order)', async () => {
        const listed = await store.list<{ id: string }>('odd');
        expect(listed.map((r) => r.id)).toEqual([...ODD_IDS].sort(byCodePoint));
        expect(listed.every((r) => r.value.id === r.id && r.collection === 'odd')).toBe(true);
      });

      it.each([
        ['a%', ['a%', 'a%b']],
        ['a_', ['a_', 'a_b']],
        ['a', ODD_IDS.filter((id) => id.startsWith('a'))],
        ["a'", ["a'b"]],
        ['a\\', ['a\\b']],
        ['a[', ['a[']],
        ['é', ['é', 'éa']],
        ['😀', ['😀']],
        ['%', []],
        ['nothing', []],
      ])('matches prefix %j literally', async (prefix, expected) => {
        const listed = await store.list('odd', { prefix });
        expect(listed.map((r) => r.id)).toEqual([...expected].sort(byCodePoint));
      });

      it('treats an empty prefix as no prefix', async () => {
        expect(await store.list('odd', { prefix: '' })).toHaveLength(ODD_IDS.length);
      });

      it('limits after ordering and filtering', async () => {
        const sorted = [...ODD_IDS].sort(byCodePoint);
        expect((await store.list('odd', { limit: 3 })).map((r) => r.id)).toEqual(sorted.slice(0, 3));
        expect((await store.list('odd', { prefix: 'a', limit: 2 })).map((r) => r.id)).toEqual(
          sorted.filter((id) => id.startsWith('a')).slice(0, 2),
        );
        expect(await store.list('odd', { limit: 0 })).toEqual([]);
      });

      it('pages with startAfter, exclusive, combined with prefix and limit', async () => {
        const sorted = [...ODD_IDS].sort(byCodePoint);
        const seen: string[] = [];
        for (let page = await store.list('odd', { limit: 4 }); page.length > 0; ) {
          seen.push(...page.map((r) => r.id));
          page = await store.list('odd', { limit: 4, startAfter: page[page.length - 1]?.id ?? '' });
        }
        expect(seen).toEqual(sorted);
        const withA = sorted.filter((id) => id.startsWith('a'));
        expect((await store.list('odd', { prefix: 'a', startAfter: 'a%' })).map((r) => r.id)).toEqual(
          withA.filter((id) => byCodePoint(id, 'a%') > 0),
        );
        expect((await store.list('odd', { prefix: 'a', startAfter: '0' })).map((r) => r.id)).toEqual(withA);
        expect((await store.list('odd', { prefix: 'a', startAfter: 'a_a', limit: 1 })).map((r) => r.id)).toEqual(['a_b']);
        expect(await store.list('odd', { prefix: 'a', startAfter: 'b' })).toEqual([]);
        expect(await store.list('odd', { startAfter: '😀' })).toEqual([]);
      });

      it('lists an unknown collection as empty and refuses a nonsense limit', async () => {
        expect(await store.list('empty')).toEqual([]);
        await expectAppError(store.list('odd', { limit: -1 }), 'BAD_REQUEST');
        await expectAppError(store.list('odd', { limit: 1.5 }), 'BAD_REQUEST');
      });
    });

    describe('values', () => {
      const samples: Array<[string, unknown]> = [
        ['nested object', { a: { b: { c: [1, { d: null }] } }, e: true, f: false }],
        ['numbers', [0, -1, 0.1, 1e21, 1.5e-10, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]],
        ['strings', ['', 'quote " and \\ backslash', 'line\nbreak\ttab', 'émoji 😀 日本', '\u0000nul', 'lone \ud800 surrogate']],
        ['top-level string', 'just text'],
        ['top-level number', 42],
        ['top-level null', null],
        ['empty containers', { o: {}, a: [] }],
        ['awkward keys', { '': 1, 'a.b': 2, __proto__x: 3, "'; DROP TABLE records; --": 4 }],
      ];
      it.each(samples)('round-trips %s exactly', async (_label, value) => {
        await store.put('values', 'v', value);
        expect((await store.get('values', 'v'))?.value).toStrictEqual(value);
        expect((await (await harness.openAnother()).get('values', 'v'))?.value).toStrictEqual(value);
      });

      it('round-trips a 1 MB value', async () => {
        const big = { text: 'x'.repeat(1024 * 1024), list: Array.from({ length: 1000 }, (_, i) => ({ i, s: `item ${i}` })) };
        await store.put('values', 'big', big);
        expect((await store.get('values', 'big'))?.value).toStrictEqual(big);
      });

      it('leaves out object properties that are undefined, as JSON does', async () => {
        await store.put('values', 'v', { kept: 1, dropped: undefined });
        expect((await store.get('values', 'v'))?.value).toStrictEqual({ kept: 1 });
      });

      const cyclic: Record<string, unknown> = { name: 'loop' };
      cyclic.self = cyclic;
      const unstorable: Array<[string, unknown]> = [
        ['undefined', undefined],
        ['a function', () => 1],
        ['a function property', { run: () => 1 }],
        ['a symbol', Symbol('s')],
        ['a BigInt', { n: BigInt(1) }],
        ['NaN', { n: Number.NaN }],
        ['Infinity', [Number.POSITIVE_INFINITY]],
        ['a cycle', cyclic],
        ['a Date', { at: new Date(0) }],
        ['a Map', new Map([['k', 'v']])],
        ['undefined in an array', [1, undefined]],
        ['a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
      ];
      it.each(unstorable)('refuses %s and changes nothing', async (_label, value) => {
        const before = await store.put('values', 'v', { safe: true });
        await expectAppError(store.put('values', 'v', value), 'STORAGE_FAILURE');
        await expectAppError(store.put('values', 'new', value), 'STORAGE_FAILURE');
        expect(await store.get('values', 'v')).toEqual(before);
        expect(await store.get('values', 'new')).toBeUndefined();
      });

      it('accepts the same object twice in one value (not a cycle)', async () => {
        const shared = { k: 1 };
        await store.put('values', 'v', { a: shared, b: shared });
        expect((await store.get('values', 'v'))?.value).toStrictEqual({ a: { k: 1 }, b: { k: 1 } });
      });
    });

    describe('names', () => {
      const oddNames = ["'; DROP TABLE records; --", 'Robert"); DELETE FROM records;--', '名前', '😀/\\?#%', ' spaced '];
      it.each(oddNames)('stores and lists under collection and id %j', async (name) => {
        await store.put(name, name, { name });
        expect((await store.get(name, name))?.value).toEqual({ name });
        expect((await store.list(name)).map((r) => r.id)).toEqual([name]);
        expect(await store.delete(name, name)).toBe(true);
      });

      it('refuses empty and malformed names with BAD_REQUEST', async () => {
        await expectAppError(store.put('things', '', 1), 'BAD_REQUEST');
        await expectAppError(store.put('', 'id', 1), 'BAD_REQUEST');
        await expectAppError(store.get('things', ''), 'BAD_REQUEST');
        await expectAppError(store.delete('things', ''), 'BAD_REQUEST');
        await expectAppError(store.list(''), 'BAD_REQUEST');
        await expectAppError(store.put('things', 'half \ud800', 1), 'BAD_REQUEST');
        expect(await store.list('things')).toEqual([]);
      });
    });

    describe('long ids (longer than any backing store\'s key limit)', () => {
      const stem = 'k'.repeat(700);
      const ids = ['b', 'a', 'c', '~', '日', '😀', '\u007f', '/'].flatMap((tail) => [`${stem}${tail}`, `${stem}${tail}${'z'.repeat(300)}`, `${'日'.repeat(1000)}${tail}`]);
      beforeEach(async () => {
        for (const id of ids) await store.put('long', id, { id });
        await store.put('long', 'short', { id: 'short' });
      });

      it('reads, lists in order and deletes ids of up to 1,024 characters', async () => {
        const all = [...ids, 'short'].sort(byCodePoint);
        expect((await store.list<{ id: string }>('long')).map((r) => r.value.id)).toEqual(all);
        expect((await store.get('long', ids[0] ?? ''))?.value).toEqual({ id: ids[0] });
        expect(await store.get('long', `${stem}d`)).toBeUndefined();
        expect(await store.delete('long', ids[1] ?? '')).toBe(true);
        expect(await store.get('long', ids[1] ?? '')).toBeUndefined();
      });

      it('pages and filters by prefix across ids that share a long stem', async () => {
        const sorted = [...ids, 'short'].sort(byCodePoint);
        const seen: string[] = [];
        for (let page = await store.list('long', { limit: 3 }); page.length > 0; ) {
          seen.push(...page.map((r) => r.id));
          page = await store.list('long', { limit: 3, startAfter: page[page.length - 1]?.id ?? '' });
        }
        expect(seen).toEqual(sorted);
        const withStem = sorted.filter((id) => id.startsWith(`${stem}c`));
        expect((await store.list('long', { prefix: `${stem}c` })).map((r) => r.id)).toEqual(withStem);
        expect((await store.list('long', { prefix: stem, startAfter: `${stem}b`, limit: 2 })).map((r) => r.id)).toEqual(
          sorted.filter((id) => id.startsWith(stem) && byCodePoint(id, `${stem}b`) > 0).slice(0, 2),
        );
      });
    });

    describe('prune (retention)', () => {
      it('removes records older than a time, in bounded batches, and nothing newer', async () => {
        for (let i = 0; i < 5; i++) await store.put('aging', `old${i}`, { i });
        const cut = Date.now() + 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        const kept = await store.put('aging', 'new', { i: 9 });
        expect(await store.prune('aging', { before: cut, limit: 3 })).toBe(3);
        expect(await store.prune('aging', { before: cut, limit: 3 })).toBe(2);
        expect(await store.prune('aging', { before: cut, limit: 3 })).toBe(0);
        expect(await store.list('aging')).toEqual([kept]);
      });

      it('removes by a numeric field of the value when asked, ignoring records without it', async () => {
        await store.put('expiring', 'past', { expiresAt: 1_000, other: 'x' });
        await store.put('expiring', 'future', { expiresAt: 9_000 });
        await store.put('expiring', 'none', { note: 'no expiry' });
        await store.put('expiring', 'text', { expiresAt: 'soon' });
        await store.put('expiring', 'many', Object.fromEntries([...Array.from({ length: 60 }, (_, i) => [`n${i}`, i]), ['expiresAt', 500]]));
        expect(await store.prune('expiring', { before: 5_000, field: 'expiresAt', limit: 10 })).toBe(2);
        expect((await store.list('expiring')).map((r) => r.id)).toEqual(['future', 'none', 'text']);
        await expectAppError(store.prune('expiring', { before: 5_000, field: 'a.b', limit: 10 }), 'BAD_REQUEST');
        await expectAppError(store.prune('expiring', { before: 5_000, limit: 0 }), 'BAD_REQUEST');
      });
    });

    describe('durability', () => {
      it('keeps records across a restart', async () => {
        const put = await store.put('things', 't1', { kept: true });
        await store.put('things', 'gone', 1);
        await store.delete('things', 'gone');
        store = await harness.reopen();
        expect(await store.get('things', 't1')).toEqual(put);
        expect(await store.get('things', 'gone')).toBeUndefined();
        await store.put('things', 't1', { kept: 'again' }, { ifMatch: put.etag });
      });
    });
  });
}
