// Not a check: with REFRESH_PLANNER_LABELS=1 it rewrites the `resources` expectations of dev.json from the
// LABELLED filters (never the planner's output) run on the committed demo tenant. Run it after the demo tenant
// or the engine's filter semantics change on purpose, and review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFilterSchema } from '../../src/actions/contracts/analyze';
import { DEMO_TENANT_PATH, loadDemoEngine } from './support/demoTenant';
import { resourcesOf } from './support/resourcesOf';

/** Resources the demo tenant fixes on purpose; preferred as examples because they exist whatever the seed. */
const DESIGNED = ['sql-billing-prod', 'kv-payments-prod', 'données-clients', 'alderbrook-customer-exports', 'jumpbox-$(whoami)-01', 'aks-tracking-prod', 'app-portal-prod', 'web-tracking-edge-01', 'vm-warehouse-scan-01', 'acralderbrookprod'];

const refresh = process.env.REFRESH_PLANNER_LABELS === '1' && existsSync(DEMO_TENANT_PATH);

(refresh ? it : it.skip)('refreshes expected resources in dev.json (REFRESH_PLANNER_LABELS=1)', async () => {
  const engine = await loadDemoEngine();
  const path = join(__dirname, 'labelled', 'dev.json');
  const labels = JSON.parse(readFileSync(path, 'utf8')) as Array<{ expect: { action: string; parameters?: { filter?: unknown }; resources?: unknown } }>;
  for (const label of labels) {
    if (label.expect.resources === undefined || label.expect.action !== 'analyze') continue;
    const found = resourcesOf(engine, analyzeFilterSchema.parse(label.expect.parameters?.filter ?? {}));
    const names = [...found.names];
    const includes = [...DESIGNED.filter((n) => found.names.has(n)), ...names.filter((n) => !DESIGNED.includes(n)).sort()].slice(0, 3);
    label.expect.resources = { includes, total: found.total };
  }
  writeFileSync(path, `${JSON.stringify(labels, null, 1)}\n`);
});
