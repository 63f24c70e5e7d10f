import type { PostureRecord } from '../../../src/posture/model';
import { createPostureStoreBuilder } from '../../../src/posture/store';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { assessment, DAY, engineOf, governance, NOW } from './records';

const row = assessment({ resourceName: 'vm1', key: 'k1' });
const stateOf = (records: PostureRecord[], options: { now?: number; dateShiftMs?: number } = {}) =>
  engineOf(records, options).search(SYSTEM_VIEWER, { filter: {}, limit: 1 }).items[0];
const todayStart = Math.floor(NOW / DAY) * DAY;

describe('governance state at query time', () => {
  it.each<[string, number, string]>([
    ['due yesterday', todayStart - 1, 'overdue'],
    ['due at the start of today', todayStart, 'onTime'],
    ['due earlier today than now', NOW - 60_000, 'onTime'],
    ['due next week', NOW + 7 * DAY, 'onTime'],
  ])('%s -> %s', (_name, dueDate, expected) => {
    expect(stateOf([row, governance(row.id, { owner: 'o@x', dueDate })])?.governance).toBe(expected);
  });

  it('an owner without a due date is on time; an assignment with neither is unassigned', () => {
    expect(stateOf([row, governance(row.id, { owner: 'o@x' })])?.governance).toBe('onTime');
    expect(stateOf([row, governance(row.id, {})])?.governance).toBe('unassigned');
    expect(stateOf([row])?.governance).toBe('unassigned');
  });

  it('healthy and not applicable rows are completed whatever the assignment says', () => {
    for (const status of ['Healthy', 'NotApplicable'] as const) {
      const done = assessment({ resourceName: 'vm1', key: 'k1', status });
      expect(stateOf([done, governance(done.id, { owner: 'o@x', dueDate: NOW - 9 * DAY })])?.governance).toBe('completed');
    }
  });

  it('reads the clock per query, not at finish', () => {
    let now = NOW;
    const builder = createPostureStoreBuilder({ now: () => now });
    builder.add(row);
    builder.add(governance(row.id, { owner: 'o@x', dueDate: NOW + DAY }));
    const engine = builder.finish();
    expect(engine.count(SYSTEM_VIEWER, { governance: ['overdue'] })).toBe(0);
    now = NOW + 3 * DAY;
    expect(engine.count(SYSTEM_VIEWER, { governance: ['overdue'] })).toBe(1);
  });
});

describe('joins', () => {
  it('the last assignment added for an assessment wins, whatever the id casing', () => {
    const records = [
      governance(row.id, { owner: 'first@x', dueDate: NOW - DAY }),
      row,
      governance(row.id.toUpperCase(), { owner: 'overlay@x', dueDate: NOW + DAY }),
    ];
    expect(stateOf(records)).toMatchObject({ owner: 'overlay@x', governance: 'onTime', dueDate: NOW + DAY });
  });

  it('assignments for unknown assessments are ignored', () => {
    expect(stateOf([row, governance(`${row.id}-other`, { owner: 'o@x' })])?.owner).toBeUndefined();
  });

  it('a row added again replaces the earlier one (overlays, repeated pages)', () => {
    const fixed = { ...row, status: 'Healthy' as const, id: row.id.toLowerCase() };
    const engine = engineOf([row, fixed]);
    expect(engine.count(SYSTEM_VIEWER, {})).toBe(1);
    expect(engine.search(SYSTEM_VIEWER, { filter: {}, limit: 5 }).items[0]?.status).toBe('Healthy');
    expect(engine.capabilities(SYSTEM_VIEWER).assessmentCount).toBe(1);
  });
});

describe('dateShiftMs', () => {
  it('shifts due dates, status dates and findings, so a shifted tenant is judged against today', () => {
    const old = assessment({ resourceName: 'vm1', key: 'k1', statusChangeDate: NOW - 400 * DAY });
    const records = [old, governance(old.id, { owner: 'o@x', dueDate: NOW - 365 * DAY + DAY, etaDate: NOW - 300 * DAY })];
    expect(stateOf(records)?.governance).toBe('overdue');
    const shifted = engineOf(records, { dateShiftMs: 365 * DAY });
    const details = shifted.details(SYSTEM_VIEWER, old.id);
    expect(details).toMatchObject({ governance: 'onTime', dueDate: NOW + DAY, statusChangeDate: NOW - 35 * DAY });
  });
});
