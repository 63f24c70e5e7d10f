// The demo tenant's generated history: 30 daily loads before the tenant as shipped, each with a few changes —
// recommendations fixed, newly open, exempted, newly assessed, and resources deleted since — so "what changed
// since last week" has an answer on the demo. Written next to the tenant (demo-history.json) by
// `npm run demo:generate`; days are counted back from whenever the bot starts, so it never looks stale.
import { createPrng } from './prng';
import { projectPath } from '../../paths';

export const DEMO_HISTORY_PATH = (): string => projectPath('src', 'posture', 'demo', 'demo-history.json');
export const DEMO_HISTORY_DAYS = 30;

type Code = 'U' | 'H' | 'N' | '-';

export interface DemoHistoryChange {
  /** Assessment id (as in the tenant; invented for rows that were deleted). */
  id: string;
  from: Code;
  to: Code;
  /** "recommendation · resource", for rows no longer in the data. */
  label?: string;
}

export interface DemoHistoryFile {
  days: number;
  /** Loads before today, oldest first; the tenant as loaded is the state after the last one. */
  loads: Array<{ daysAgo: number; changes: DemoHistoryChange[] }>;
}

export interface DemoHistoryRow {
  assessmentId: string;
  status: 'Healthy' | 'Unhealthy' | 'NotApplicable';
  displayName: string;
  resourceName: string;
  subscriptionId?: string;
}

const DELETED_RESOURCES = ['vm-legacy-batch-01', 'stoldlogs2019', 'sql-migration-temp', 'aks-poc-sandbox', 'kv-retired-keys', 'app-old-portal'];
const DELETED_TITLES = [
  'Storage accounts should restrict network access',
  'Machines should have vulnerability findings resolved',
  'SQL servers should have an Azure Active Directory administrator provisioned',
  'Key vaults should have deletion protection enabled',
  'Diagnostic logs in App Service should be enabled',
];

/** Deterministic: the same rows and seed give the same history. */
export function generateDemoHistory(rows: readonly DemoHistoryRow[], seed: string): DemoHistoryFile {
  const prng = createPrng(`${seed}#history`);
  const sorted = [...rows].sort((a, b) => (a.assessmentId < b.assessmentId ? -1 : 1));
  const unused = new Set(sorted.map((r) => r.assessmentId));
  const take = (status: DemoHistoryRow['status'], n: number) => {
    const pool = sorted.filter((r) => r.status === status && unused.has(r.assessmentId));
    const picked = prng.sample(pool, Math.min(n, pool.length));
    for (const r of picked) unused.delete(r.assessmentId);
    return picked;
  };
  const loads: DemoHistoryFile['loads'] = [];
  for (let daysAgo = DEMO_HISTORY_DAYS - 1; daysAgo >= 1; daysAgo -= 1) {
    const changes: DemoHistoryChange[] = [];
    // Fixed on that day: open before, healthy since.
    for (const r of take('Healthy', prng.int(1, 4))) changes.push({ id: r.assessmentId, from: 'U', to: 'H' });
    // Newly open: healthy before, failing since.
    for (const r of take('Unhealthy', prng.int(0, 3))) changes.push({ id: r.assessmentId, from: 'H', to: 'U' });
    // Newly assessed: not in the data before.
    if (prng.chance(0.4)) for (const r of take('Unhealthy', 1)) changes.push({ id: r.assessmentId, from: '-', to: 'U' });
    // Exempted: open before, exempt since.
    if (prng.chance(0.25)) for (const r of take('NotApplicable', 1)) changes.push({ id: r.assessmentId, from: 'U', to: 'N' });
    // Deleted: a resource that existed and is gone now.
    if (prng.chance(0.2)) {
      const resource = prng.pick(DELETED_RESOURCES);
      const title = prng.pick(DELETED_TITLES);
      const id = `/subscriptions/${prng.guid()}/resourceGroups/rg-retired/providers/Microsoft.Compute/virtualMachines/${resource}/providers/Microsoft.Security/assessments/${prng.guid()}`;
      changes.push({ id, from: 'U', to: '-', label: `${title} · ${resource}` });
    }
    loads.push({ daysAgo, changes });
  }
  return { days: DEMO_HISTORY_DAYS, loads };
}
