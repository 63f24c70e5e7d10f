// Counts of matching rows per group: a counter array per code while scanning, labels only for the groups
// that occur. Multi-valued fields (categories, risk factors) count a row once per value.
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_FACTORS, RISK_LEVELS, SEVERITIES } from '../model';
import type { GroupBy, GroupResult } from '../engine';
import { ON_TIME, OVERDUE } from './governance';
import { DATED, governanceClassOf, stateBitmapsOf } from './rowBitmaps';
import { countCommon, countRows, emptyRowSet, forEachRow, type RowSet } from './rowSet';
import { subscriptionLabel } from './rows';
import type { PostureTable } from './table';

interface Group {
  key: string;
  label: string;
  count: number;
  rank: number;
}

interface Dimension {
  /** Counter slots; codes are shifted by one so that "none" (-1) has slot 0. */
  size: number;
  /** Adds the row's slot(s) to the counters. */
  count: (row: number, counters: Uint32Array) => void;
  describe: (slot: number) => Omit<Group, 'count'>;
  /** Counts every row of a set in one loop of its own (no call per row); returns how many rows it counted. */
  countSet: (set: RowSet, counters: Uint32Array) => number;
}

export function createGrouper(t: PostureTable, by: GroupBy, todayStart: number) {
  const dimension = dimensionOf(t, by, todayStart);
  const counters = new Uint32Array(dimension.size);
  let total = 0;
  const visit = (row: number): void => {
    total++;
    dimension.count(row, counters);
  };
  /** Counts the rows of a set (those `keep` accepts, when given). */
  const visitSet = (set: RowSet, keep?: (row: number) => boolean): void => {
    if (keep) forEachRow(set, (row) => keep(row) && visit(row));
    else total += dimension.countSet(set, counters);
  };
  const finish = (): GroupResult => {
    // A plain loop and named members: a typed array's forEach and an object spread per group cost more than the count.
    const groups: Group[] = [];
    for (let slot = 0; slot < counters.length; slot++) {
      const count = counters[slot] as number;
      if (count === 0) continue;
      const { key, label, rank } = dimension.describe(slot);
      groups.push({ key, label, count, rank });
    }
    const byRank = by === 'severity' || by === 'riskLevel';
    groups.sort((a, b) => (byRank ? b.rank - a.rank : b.count - a.count || a.label.localeCompare(b.label)));
    return { by, total, groups: groups.map(({ key, label, count }) => ({ key, label, count })) };
  };
  return { visit, visitSet, finish };
}

function dimensionOf(t: PostureTable, by: GroupBy, todayStart: number): Dimension {
  const c = t.columns;
  const single = (column: ArrayLike<number>, size: number, describe: Dimension['describe']): Dimension => ({
    size: size + 1,
    count: (row, counters) => {
      const slot = (column[row] as number) + 1;
      counters[slot] = (counters[slot] as number) + 1;
    },
    describe,
    countSet: (set, counters) => {
      let rows = 0;
      for (let w = 0; w < set.length; w++) {
        let word = set[w] as number;
        const base = w << 5;
        while (word !== 0) {
          const low = word & -word;
          const slot = (column[base + 31 - Math.clz32(low)] as number) + 1;
          counters[slot] = (counters[slot] as number) + 1;
          rows++;
          word ^= low;
        }
      }
      return rows;
    },
  });
  const bits = (column: Uint8Array | Uint16Array, values: readonly string[]): Dimension => ({
    size: values.length + 1,
    count: (row, counters) => {
      // Only the set bits, lowest first: a row has one or two of them, not one per value.
      for (let mask = (column[row] as number) & ((1 << values.length) - 1); mask !== 0; mask &= mask - 1) {
        const slot = 32 - Math.clz32(mask & -mask);
        counters[slot] = (counters[slot] as number) + 1;
      }
    },
    describe: (slot) => named(values[slot - 1] ?? '', slot),
    // A bitmap per value (kept per column): each count is the set's bits in common with it, a word at a time.
    countSet: (set, counters) => {
      const maps = valueBitmapsOf(column, values.length, t.rowCount);
      for (let value = 0; value < values.length; value++) counters[value + 1] = (counters[value + 1] as number) + countCommon(set, maps[value] as RowSet);
      return countRows(set);
    },
  });
  const none = (label: string) => ({ key: '', label, rank: 0 });
  switch (by) {
    case 'severity':
      return single(c.severity, 5, (slot) => named(SEVERITIES[slot - 2] ?? '', slot));
    case 'riskLevel':
      return single(c.risk, 5, (slot) => (slot === 1 ? { key: 'none', label: 'No risk level', rank: 0 } : named(RISK_LEVELS[slot - 2] ?? '', slot)));
    case 'cloud':
      return single(c.cloud, CLOUDS.length, (slot) => named(CLOUDS[slot - 1] ?? '', slot));
    case 'governance': {
      // The state kept per row, read against today's date only for rows with a due date.
      const classes = governanceClassOf(t);
      return {
        size: GOVERNANCE_STATES.length,
        count: (row, counters) => {
          const known = classes[row] as number;
          const slot = known !== DATED ? known : (c.dueDate[row] as number) < todayStart ? OVERDUE : ON_TIME;
          counters[slot] = (counters[slot] as number) + 1;
        },
        describe: (slot) => named(GOVERNANCE_STATES[slot] ?? '', slot),
        // A bitmap per state as of today (kept per table and day): each count is the set's bits in common with it.
        countSet: (set, counters) => {
          const maps = stateBitmapsOf(t, todayStart);
          for (let slot = 0; slot < GOVERNANCE_STATES.length; slot++) counters[slot] = (counters[slot] as number) + countCommon(set, maps[slot] as RowSet);
          return countRows(set);
        },
      };
    }
    case 'category':
      return bits(c.categories, CATEGORIES);
    case 'riskFactor':
      return bits(c.riskFactors, RISK_FACTORS);
    case 'resourceType':
      return single(c.resourceType, t.dict.resourceType.size, (slot) => ({ key: t.dict.resourceType.lower(slot - 1), label: t.dict.resourceType.value(slot - 1), rank: 0 }));
    case 'recommendation':
      return single(c.key, t.dict.key.size, (slot) => ({ key: t.dict.key.value(slot - 1), label: recommendationName(t, slot - 1), rank: 0 }));
    case 'subscription':
      return single(c.subscription, t.dict.subscription.size, (slot) =>
        slot === 0 ? none('No subscription') : { key: t.dict.subscription.value(slot - 1), label: subscriptionLabel(t, slot - 1) ?? '', rank: 0 },
      );
    case 'owner':
      return single(c.owner, t.dict.owner.size, (slot) => (slot === 0 ? none('No owner') : { key: t.dict.owner.lower(slot - 1), label: t.dict.owner.value(slot - 1), rank: 0 }));
  }
}

function named(value: string, rank: number): Omit<Group, 'count'> {
  return { key: value, label: value, rank };
}

/** The display name of a recommendation: the one on its first row. */
function recommendationName(t: PostureTable, key: number): string {
  const first = t.indexes.key.rows[t.indexes.key.offsets[key] ?? 0];
  return first === undefined ? t.dict.key.value(key) : t.dict.name.value(t.columns.name[first] as number);
}

const valueBitmaps = new WeakMap<Uint8Array | Uint16Array, RowSet[]>();

/** For a bit-per-value column, the rows having each value (bit) as a bitmap. */
function valueBitmapsOf(column: Uint8Array | Uint16Array, valueCount: number, rowCount: number): RowSet[] {
  let maps = valueBitmaps.get(column);
  if (maps && maps.length === valueCount && (maps[0]?.length ?? 0) === (rowCount + 31) >>> 5) return maps;
  maps = Array.from({ length: valueCount }, () => emptyRowSet(rowCount));
  const used = (1 << valueCount) - 1;
  for (let row = 0; row < rowCount; row++) {
    for (let mask = (column[row] as number) & used; mask !== 0; mask &= mask - 1) {
      const map = maps[31 - Math.clz32(mask & -mask)] as RowSet;
      map[row >>> 5] = (map[row >>> 5] as number) | (1 << (row & 31));
    }
  }
  valueBitmaps.set(column, maps);
  return maps;
}
