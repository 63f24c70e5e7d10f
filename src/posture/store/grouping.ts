// Counts of matching rows per group. Multi-valued fields (categories, risk factors) count a row once per value.
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_FACTORS, RISK_LEVELS, SEVERITIES } from '../model';
import type { GroupBy, GroupResult } from '../engine';
import { governanceStateCode } from './governance';
import { subscriptionLabel } from './rows';
import type { PostureTable } from './table';

interface Bucket {
  key: string;
  label: string;
  count: number;
  rank: number;
}

/** Returns a visitor to feed matching rows into, and a finisher that sorts the groups. */
export function createGrouper(t: PostureTable, by: GroupBy, todayStart: number) {
  const c = t.columns;
  const buckets = new Map<number, Bucket>();
  let total = 0;
  const bump = (code: number, make: () => Omit<Bucket, 'count'>) => {
    const bucket = buckets.get(code);
    if (bucket) bucket.count++;
    else buckets.set(code, { ...make(), count: 1 });
  };
  const enumBucket = (values: readonly string[], index: number, rank = index) => ({ key: values[index] ?? '', label: values[index] ?? '', rank });
  const visit = (row: number): void => {
    total++;
    switch (by) {
      case 'severity': {
        const code = c.severity[row] as number;
        return bump(code, () => enumBucket(SEVERITIES, code - 1, code));
      }
      case 'riskLevel': {
        const code = c.risk[row] as number;
        return bump(code, () => (code === 0 ? { key: 'none', label: 'No risk level', rank: 0 } : enumBucket(RISK_LEVELS, code - 1, code)));
      }
      case 'cloud':
        return bump(c.cloud[row] as number, () => enumBucket(CLOUDS, c.cloud[row] as number));
      case 'governance': {
        const code = governanceStateCode(c, row, todayStart);
        return bump(code, () => enumBucket(GOVERNANCE_STATES, code));
      }
      case 'category':
        return eachBit(c.categories[row] as number, CATEGORIES.length, (bit) => bump(bit, () => enumBucket(CATEGORIES, bit)));
      case 'riskFactor':
        return eachBit(c.riskFactors[row] as number, RISK_FACTORS.length, (bit) => bump(bit, () => enumBucket(RISK_FACTORS, bit)));
      case 'resourceType': {
        const code = c.resourceType[row] as number;
        return bump(code, () => ({ key: t.dict.resourceType.lower(code), label: t.dict.resourceType.value(code), rank: 0 }));
      }
      case 'recommendation': {
        const code = c.key[row] as number;
        return bump(code, () => ({ key: t.dict.key.value(code), label: t.dict.name.value(c.name[row] as number), rank: 0 }));
      }
      case 'subscription': {
        const code = c.subscription[row] as number;
        return bump(code, () =>
          code < 0 ? { key: '', label: 'No subscription', rank: 0 } : { key: t.dict.subscription.value(code), label: subscriptionLabel(t, code) ?? '', rank: 0 },
        );
      }
      case 'owner': {
        const code = c.owner[row] as number;
        return bump(code, () => (code < 0 ? { key: '', label: 'No owner', rank: 0 } : { key: t.dict.owner.lower(code), label: t.dict.owner.value(code), rank: 0 }));
      }
    }
  };
  const finish = (): GroupResult => {
    const byRank = by === 'severity' || by === 'riskLevel';
    const groups = [...buckets.values()].sort(
      (a, b) => (byRank ? b.rank - a.rank : b.count - a.count || a.label.localeCompare(b.label)),
    );
    return { by, total, groups: groups.map(({ key, label, count }) => ({ key, label, count })) };
  };
  return { visit, finish };
}

function eachBit(mask: number, width: number, visit: (bit: number) => void): void {
  for (let bit = 0; bit < width; bit++) if (mask & (1 << bit)) visit(bit);
}
