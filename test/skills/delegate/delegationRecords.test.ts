// Delegation records over the real SQLite records store: two changes at once both land (no lost update), a
// create is done once, states follow the transition table, and Overdue is derived when read, never stored.
import { createSqliteRecordsStore } from '../../../src/storage/sqliteRecordsStore';
import { createDelegationRecords, stateOf, transition, type Delegation } from '../../../src/skills/delegate/delegationRecords';
import { createTempDataDir } from '../../storage/sqliteHarness';

const DAY = 86_400_000;
const sample = (overrides: Partial<Delegation> = {}): Delegation => ({
  id: 'd_1', assessmentId: '/subscriptions/s/x', recommendation: 'R', resourceName: 'res', severity: 'High', owner: 'o@contoso.example', cc: [], subject: 'S',
  dueDate: 10 * DAY, gracePeriod: false, delegator: { id: 'ada' }, conversationId: 'c', createdAt: 0, state: 'Assigned', history: [], ...overrides,
});

describe('delegation records', () => {
  it('keeps both of two concurrent changes, from two store instances over one database', async () => {
    const data = await createTempDataDir();
    try {
      const a = createDelegationRecords(createSqliteRecordsStore(data.open()));
      const b = createDelegationRecords(createSqliteRecordsStore(data.open()));
      await a.createOnce(sample());
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => a.mutate('d_1', (d) => ({ ...d, cc: [...d.cc, `a${i}@contoso.example`] }))),
        ...Array.from({ length: 10 }, (_, i) => b.mutate('d_1', (d) => ({ ...d, cc: [...d.cc, `b${i}@contoso.example`] }))),
      ]);
      expect((await a.get('d_1'))?.cc).toHaveLength(20);
    } finally {
      await data.cleanup();
    }
  });

  it('creates once: a second create with the same id returns the first, unchanged', async () => {
    const data = await createTempDataDir();
    try {
      const records = createDelegationRecords(createSqliteRecordsStore(data.open()));
      await records.createOnce(sample({ owner: 'first@contoso.example' }));
      expect((await records.createOnce(sample({ owner: 'second@contoso.example' }))).owner).toBe('first@contoso.example');
      expect(await records.all()).toHaveLength(1);
    } finally {
      await data.cleanup();
    }
  });

  it('derives Overdue for open delegations past their due date and never for closed or pending ones', () => {
    expect(stateOf(sample(), 5 * DAY)).toBe('Assigned');
    expect(stateOf(sample(), 11 * DAY)).toBe('Overdue');
    expect(stateOf(sample({ state: 'Verified' }), 11 * DAY)).toBe('Verified');
    expect(stateOf(sample({ state: 'FixedPendingVerification' }), 11 * DAY)).toBe('FixedPendingVerification');
  });

  it('follows the transition table and refuses the rest', () => {
    const fixed = transition(sample(), 'FixedPendingVerification', 'ada', 1);
    expect(fixed.history).toEqual([{ at: 1, state: 'FixedPendingVerification', by: 'ada' }]);
    expect(transition(fixed, 'Verified', 'data', 2).state).toBe('Verified');
    expect(() => transition(transition(fixed, 'Verified', 'data', 2), 'Accepted', 'ada', 3)).toThrow(/verified: it cannot become accepted/);
  });
});
