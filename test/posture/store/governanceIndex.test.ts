// Oracle for the owner / governance-state / due-date indexes: the rows a filter draws through its chosen candidate
// index, tested row by row, must be exactly the rows a scan of every live row finds, whatever the day and after
// local changes.
import type { PostureFilter } from '../../../src/posture/engine';
import { GOVERNANCE_STATES, STATUS_CODES, type OverlayChange, type PostureRecord } from '../../../src/posture/model';
import { addRecord, createBuilderState } from '../../../src/posture/store/builder';
import { applyChanges } from '../../../src/posture/store/changes';
import { compileFilter } from '../../../src/posture/store/filter';
import { governanceIndexOf, sortByDue } from '../../../src/posture/store/governanceIndex';
import { startOfUtcDay } from '../../../src/posture/store/governance';
import { buildTable } from '../../../src/posture/store/join';
import { rowsOf } from '../../../src/posture/store/rowSet';
import type { PostureTable } from '../../../src/posture/store/table';
import { assessment, DAY, governance, NOW } from './records';

const OWNERS = ['ana@contoso.com', 'Ben@Contoso.com', 'chloé@contoso.com'];

function seeded(seed: number) {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return { next, pick };
}

function records(seed: number): PostureRecord[] {
  const r = seeded(seed);
  const out: PostureRecord[] = [];
  for (let i = 0; i < 400; i++) {
    const a = assessment({ resourceName: `vm-${i % 90}`, key: `key-${i % 7}`, status: r.pick(STATUS_CODES) });
    out.push(a);
    if (r.next() < 0.6) {
      // Owners and due dates each sometimes missing; due dates on either side of today, some on the same instant.
      const due = r.next() < 0.75 ? NOW + Math.round((r.next() - 0.5) * 12) * (DAY / 2) : undefined;
      out.push(governance(a.id, { owner: r.next() < 0.7 ? r.pick(OWNERS) : undefined, dueDate: due }));
    }
    if (r.next() < 0.05) out.push({ ...a, status: r.pick(STATUS_CODES) }); // a later copy supersedes the row
  }
  return out;
}

function tableOf(seed: number): PostureTable {
  const state = createBuilderState();
  for (const record of records(seed)) addRecord(state, record);
  return buildTable(state);
}

/** Through the index the filter picks, as the engine scans. */
function indexed(table: PostureTable, filter: PostureFilter, todayStart: number): number[] {
  const compiled = compileFilter(table, filter, todayStart);
  if (compiled.none) return [];
  const out: number[] = [];
  const { offsets, rows } = compiled.source.index;
  for (const code of compiled.source.codes) {
    for (let i = offsets[code] as number; i < (offsets[code + 1] as number); i++) if (compiled.test(rows[i] as number)) out.push(rows[i] as number);
  }
  return out.sort((a, b) => a - b);
}

/** Through the intersected bitmaps, the planner's way for many candidates, then the conditions left to check. */
function bitmapped(table: PostureTable, filter: PostureFilter, todayStart: number): number[] {
  const compiled = compileFilter(table, filter, todayStart, undefined, 'bitmaps');
  if (compiled.none) return [];
  expect(compiled.rows).toBeDefined();
  return rowsOf(compiled.rows!).filter((row) => compiled.residual?.(row) ?? true);
}

/** Every live row, one by one. */
function scanned(table: PostureTable, filter: PostureFilter, todayStart: number): number[] {
  const { test } = compileFilter(table, filter, todayStart);
  const out: number[] = [];
  for (let row = 0; row < table.rowCount; row++) if (table.live[row] === 1 && test(row)) out.push(row);
  return out;
}

function filters(seed: number): PostureFilter[] {
  const r = seeded(seed);
  const out: PostureFilter[] = [];
  for (const owner of [...OWNERS, 'BEN@contoso.com', 'nobody@contoso.com']) out.push({ owners: [owner] }, { owners: [owner], statuses: ['Unhealthy'] });
  for (let mask = 1; mask < 1 << GOVERNANCE_STATES.length; mask++) {
    const states = GOVERNANCE_STATES.filter((_, bit) => mask & (1 << bit));
    out.push({ governance: states }, { governance: states, statuses: ['Unhealthy'] });
  }
  for (let i = 0; i < 40; i++) {
    const from = NOW + Math.round((r.next() - 0.5) * 14) * (DAY / 2);
    const filter: PostureFilter = r.next() < 0.5 ? { dueFrom: from } : r.next() < 0.5 ? { dueBefore: from } : { dueFrom: from, dueBefore: from + Math.round(r.next() * 6) * (DAY / 2) };
    if (r.next() < 0.4) filter.governance = [r.pick(GOVERNANCE_STATES)];
    if (r.next() < 0.4) filter.owners = [r.pick(OWNERS)];
    out.push(filter);
  }
  return out;
}

describe.each([1, 2, 3])('owner, governance and due-date indexes on random table %i', (seed) => {
  const table = tableOf(seed);

  it('draw exactly the rows a scan of every row finds, on days before, at and after the due dates', () => {
    let nonEmpty = 0;
    for (const day of [-4, -1, 0, 1, 4]) {
      const todayStart = startOfUtcDay(NOW + day * DAY);
      for (const filter of filters(seed)) {
        const expected = scanned(table, filter, todayStart);
        expect({ day, filter, rows: indexed(table, filter, todayStart) }).toEqual({ day, filter, rows: expected });
        expect({ day, filter, rows: bitmapped(table, filter, todayStart) }).toEqual({ day, filter, rows: expected });
        if (expected.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(200);
  });

  it('are chosen as the candidate source when they are the smallest', () => {
    const index = governanceIndexOf(table);
    const todayStart = startOfUtcDay(NOW);
    expect(compileFilter(table, { owners: [OWNERS[0]!] }, todayStart).source.index.rows).toBe(index.owner.rows);
    expect(compileFilter(table, { governance: ['overdue'] }, todayStart).source.index.rows).toBe(index.stateRows);
    expect(compileFilter(table, { dueFrom: NOW, dueBefore: NOW + DAY }, todayStart).source.index.rows).toBe(index.dueRows);
  });

  it('after status changes only, reuse the owner and due-date orders and still draw what a scan finds', () => {
    const r = seeded(seed + 200);
    const ids = records(seed).filter((x) => x.kind === 'assessment').map((x) => (x as { id: string }).id);
    const changes: OverlayChange[] = Array.from({ length: 40 }, (_, i) => ({ kind: 'status', assessmentId: r.pick(ids), status: r.pick(STATUS_CODES), at: NOW + i, by: 'Ada' }));
    const baseIndex = governanceIndexOf(table);
    const changed = applyChanges(table, changes).table;
    const derived = governanceIndexOf(changed);
    expect(derived.owner).toBe(baseIndex.owner);
    expect(derived.dueRows).toBe(baseIndex.dueRows);
    expect(derived.stateRows).not.toBe(baseIndex.stateRows);
    for (const day of [-1, 0, 2]) {
      const todayStart = startOfUtcDay(NOW + day * DAY);
      for (const filter of filters(seed + 9)) {
        expect({ filter, rows: indexed(changed, filter, todayStart) }).toEqual({ filter, rows: scanned(changed, filter, todayStart) });
        expect({ filter, rows: bitmapped(changed, filter, todayStart) }).toEqual({ filter, rows: scanned(changed, filter, todayStart) });
      }
    }
  });

  it('follow local changes: a derived table has its own, the base keeps its', () => {
    const r = seeded(seed + 100);
    const ids = records(seed).filter((x) => x.kind === 'assessment').map((x) => (x as { id: string }).id);
    const changes: OverlayChange[] = [];
    for (let i = 0; i < 60; i++) {
      const assessmentId = r.pick(ids);
      if (r.next() < 0.3) changes.push({ kind: 'status', assessmentId, status: r.pick(STATUS_CODES), at: NOW + i, by: 'Ada' });
      else changes.push({ kind: 'governance', assessmentId, owner: r.next() < 0.8 ? r.pick([...OWNERS, 'dan@contoso.com']) : undefined, dueDate: r.next() < 0.7 ? NOW + Math.round((r.next() - 0.5) * 8) * DAY : undefined, at: NOW + i });
    }
    const baseIndex = governanceIndexOf(table);
    const changed = applyChanges(table, changes).table;
    expect(governanceIndexOf(changed)).not.toBe(baseIndex);
    const todayStart = startOfUtcDay(NOW);
    for (const filter of [...filters(seed + 7), { owners: ['dan@contoso.com'] }]) {
      expect({ filter, rows: indexed(changed, filter, todayStart) }).toEqual({ filter, rows: scanned(changed, filter, todayStart) });
      expect({ filter, rows: indexed(table, filter, todayStart) }).toEqual({ filter, rows: scanned(table, filter, todayStart) });
      expect({ filter, rows: bitmapped(changed, filter, todayStart) }).toEqual({ filter, rows: scanned(changed, filter, todayStart) });
      expect({ filter, rows: bitmapped(table, filter, todayStart) }).toEqual({ filter, rows: scanned(table, filter, todayStart) });
    }
  });
});

describe('sortByDue', () => {
  it('orders rows as a comparison sort by (due date, row) does, with ties, -0, infinities and one distinct date', () => {
    const r = seeded(5);
    const pool = [0, -0, 1, -1, Infinity, -Infinity, NOW, NOW + 0.5, NOW - DAY, Number.MAX_VALUE, -Number.MAX_VALUE];
    for (const [count, spread] of [[0, 1], [1, 1], [50, 1], [500, 3], [2000, 40], [300, 1000]] as const) {
      const due = Float64Array.from({ length: count * 2 }, () => (r.next() < 0.2 ? r.pick(pool) : NOW + Math.floor(r.next() * spread) * DAY));
      const rows = Uint32Array.from({ length: count }, (_, i) => i * 2 + (r.next() < 0.5 ? 1 : 0));
      const expected = Array.from(rows).sort((a, b) => (due[a]! < due[b]! ? -1 : due[a]! > due[b]! ? 1 : a - b));
      expect(Array.from(sortByDue(rows, due))).toEqual(expected);
    }
  });
});
