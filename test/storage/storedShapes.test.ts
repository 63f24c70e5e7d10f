// Stored kinds read by the version before or after the one that wrote them (a rolling deploy): with the one helper
// (test/support/versionSkew.ts) each record is rewritten as the next version would write it, then read and, where it
// is read-modify-written, written back by this version. tolerant() itself is checked on nested shapes.
import { z } from 'zod';
import { CHANNEL_SCOPE_SHAPE_VERSION, CHANNEL_SCOPES, createChannelScopeStore } from '../../src/channels/channelScopeStore';
import { createDelegationRecords, DELEGATIONS, type Delegation } from '../../src/skills/delegate/delegationRecords';
import { readableBy, tolerant } from '../../src/storage/storedShape';
import { createUsageMeter, USAGE_COLLECTION } from '../../src/usage/usageMeter';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { asNextVersion, lostNextFields, NEXT_FIELD, rewriteAsNextVersion } from '../support/versionSkew';

describe('tolerant (stored shapes read across versions)', () => {
  const item = z.object({ id: z.string() }).strict();
  const schema = z
    .object({
      items: z.array(item).min(1),
      kind: z.discriminatedUnion('k', [z.object({ k: z.literal('a'), a: z.number() }).strict(), z.object({ k: z.literal('b') }).strict()]),
      maybe: item.optional(),
      either: z.union([item, z.string()]),
    })
    .strict()
    .refine((value) => value.items.length < 5, 'too many');
  const value = { items: [{ id: 'x' }], kind: { k: 'a', a: 1 }, maybe: { id: 'y' }, either: { id: 'w' } };

  it('lets the next version’s fields through at every level and keeps every check', () => {
    const next = asNextVersion(value, 1);
    expect(schema.safeParse(next).success).toBe(false);
    const read = tolerant(schema).parse(next);
    expect(lostNextFields({ ...read, schemaVersion: undefined })).toEqual([]);
    expect(tolerant(schema).safeParse({ ...next, items: [] }).success).toBe(false);
    expect(tolerant(schema).safeParse({ ...next, items: Array.from({ length: 5 }, () => ({ id: 'x' })) }).success).toBe(false);
    expect(tolerant(schema).safeParse({ ...next, kind: { k: 'c' } }).success).toBe(false);
    // Maps: the values' new fields pass too (the helper would add an entry to a map, so it is checked on its own).
    expect(tolerant(z.record(item)).parse({ one: { id: 'z', extra: 1 } })).toEqual({ one: { id: 'z', extra: 1 } });
    // The schema itself stays strict: proposals are still checked exactly.
    expect(schema.safeParse({ ...value, extra: 1 }).success).toBe(false);
  });

  it('readableBy: a record needing a newer reader is not readable', () => {
    expect(readableBy({}, 1)).toBe(true);
    expect(readableBy({ readableFrom: 1 }, 1)).toBe(true);
    expect(readableBy({ readableFrom: 2 }, 1)).toBe(false);
  });
});

describe('stored kinds written by the next version', () => {
  it('channel scopes: the next version’s fields are ignored; a scope only it may read counts as malformed (counts only)', async () => {
    const records = createMemoryRecordsStore();
    const scopes = createChannelScopeStore(records);
    await scopes.write('channel-1', { subscriptions: ['sub-1'], names: ['Prod'], setBy: 'Ada', setAt: 1 });
    expect((await records.get(CHANNEL_SCOPES, 'channel-1'))?.value).toMatchObject({ schemaVersion: CHANNEL_SCOPE_SHAPE_VERSION });
    await rewriteAsNextVersion(records, CHANNEL_SCOPES, 'channel-1', CHANNEL_SCOPE_SHAPE_VERSION);
    const read = await scopes.read({ here: 'channel-1' });
    expect(read).toEqual({ kind: 'set', at: 'here', record: { subscriptions: ['sub-1'], names: ['Prod'], setBy: 'Ada', setAt: 1, schemaVersion: CHANNEL_SCOPE_SHAPE_VERSION + 1 } });
    // A record read here can be written again (a scope is replaced whole).
    if (read.kind === 'set') await scopes.write('channel-2', read.record);
    await rewriteAsNextVersion(records, CHANNEL_SCOPES, 'channel-1', CHANNEL_SCOPE_SHAPE_VERSION, { readableFrom: CHANNEL_SCOPE_SHAPE_VERSION + 1 });
    expect(await scopes.read({ here: 'channel-1' })).toEqual({ kind: 'malformed' });
  });

  it('delegations: a change made here keeps every field the next version added', async () => {
    const records = createMemoryRecordsStore();
    const delegations = createDelegationRecords(records);
    const delegation: Delegation = {
      id: 'd_1', assessmentId: '/subscriptions/s/x', recommendation: 'R', resourceName: 'res', severity: 'High', owner: 'o@contoso.example', cc: [], subject: 'S',
      dueDate: 10, gracePeriod: false, delegator: { id: 'ada' }, conversationId: 'c', createdAt: 0, state: 'Assigned', history: [{ at: 0, state: 'Assigned', by: 'ada' }],
    };
    await delegations.createOnce(delegation);
    await rewriteAsNextVersion(records, DELEGATIONS, 'd_1', 1);
    await delegations.mutate('d_1', (current) => ({ ...current, state: 'Accepted', history: [...current.history, { at: 1, state: 'Accepted', by: 'owner' }] }));
    const after = (await records.get<Delegation>(DELEGATIONS, 'd_1'))?.value;
    expect(after?.state).toBe('Accepted');
    // The history line added here is this version's own; everything else still carries the next version's fields.
    expect(lostNextFields(after)).toEqual(['$.history[1]']);
  });

  it('usage counters: a charge made here counts on and keeps the next version’s fields', async () => {
    const records = createMemoryRecordsStore();
    const meter = createUsageMeter({ records, usage: { limitUnits: 100, window: 'day' }, now: () => Date.UTC(2026, 11, 5) });
    await meter.charge({ tenantId: 't', userId: 'u', action: 'analyze', units: 2 });
    const [{ id } = { id: '' }] = await records.list(USAGE_COLLECTION);
    const stored = await records.get<Record<string, unknown>>(USAGE_COLLECTION, id);
    // byUser maps hold numbers only: the next version's field goes on the counter itself.
    await records.put(USAGE_COLLECTION, id, { ...stored?.value, [NEXT_FIELD]: { since: 2 }, schemaVersion: 2 });
    expect(await meter.charge({ tenantId: 't', userId: 'u', action: 'analyze', units: 3 })).toMatchObject({ kind: 'charged', before: 2, after: 5 });
    expect((await records.get(USAGE_COLLECTION, id))?.value).toMatchObject({ units: 5, [NEXT_FIELD]: { since: 2 }, schemaVersion: 2 });
  });
});
