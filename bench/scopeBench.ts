// The cost of scoped answers at 1M rows: the first turn of a new scope (the visible-row flags, then the scoped
// resource-name list and its fuzzy index), and each turn after it (cached). Run: npm run build && node dist/bench/scopeBench.js
import { performance } from 'node:perf_hooks';
import { createPostureStoreBuilder } from '../src/posture/store';
import { SYSTEM_VIEWER, type Viewer } from '../src/posture/viewer';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const SUBSCRIPTIONS = 200;
const ROWS_PER_RESOURCE = 10;
const sub = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const builder = createPostureStoreBuilder();
for (let row = 0; row < ROWS; row++) {
  const resource = Math.floor(row / ROWS_PER_RESOURCE);
  const subscriptionId = sub(resource % SUBSCRIPTIONS);
  const resourceGroup = `rg-${resource % 7}`;
  const resourceName = `vm-${resource.toString(36)}`;
  const resourceType = 'Microsoft.Compute/virtualMachines';
  const resourceId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${resourceType}/${resourceName}`;
  const key = `k${row % ROWS_PER_RESOURCE}`;
  builder.add({
    kind: 'assessment', id: `${resourceId}/providers/Microsoft.Security/assessments/${key}`, displayName: `Recommendation ${key}`, status: 'Unhealthy',
    severity: 'Medium', categories: [], threats: [], riskFactors: [], riskFactorLabels: [], attackPathIds: [], cloud: 'Azure', metadataSource: 'row',
    resourceType, resourceGroup, subscriptionId, resourceId, resourceName, key,
  });
}
const engine = builder.finish();
const time = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const out = work();
  return [out, performance.now() - start];
};
const viewer = (n: number, offset: number): Viewer => ({ scope: { subscriptions: Array.from({ length: n }, (_, i) => sub(offset + i)), resourceGroups: [`${sub(150)}/rg-3`] } });

const [, unscoped] = time(() => engine.fuzzyFind(SYSTEM_VIEWER, 'resourceName', 'vm-1zzx'));
const [, unscopedWarm] = time(() => engine.fuzzyFind(SYSTEM_VIEWER, 'resourceName', 'vm-1zzy'));
const ten = viewer(10, 0);
const [count, firstCount] = time(() => engine.count(ten, {}));
const [, firstFuzzy] = time(() => engine.fuzzyFind(ten, 'resourceName', 'vm-1zzx'));
const [, warmFuzzy] = time(() => engine.fuzzyFind(ten, 'resourceName', 'vm-2abc'));
const [, warmCount] = time(() => engine.count(ten, {}));
const half = viewer(100, 0);
const [, halfFirst] = time(() => engine.fuzzyFind(half, 'resourceName', 'vm-1zzx'));
const ms = (v: number) => `${v.toFixed(1)} ms`;
console.log(`rows ${ROWS}, ${SUBSCRIPTIONS} subscriptions, ${ROWS / ROWS_PER_RESOURCE} resources`);
console.log(`unscoped fuzzy name match: first ${ms(unscoped)} (index build), then ${ms(unscopedWarm)}`);
console.log(`scope of 10 subscriptions + 1 resource group (${count} rows): first count ${ms(firstCount)} (visible flags), first fuzzy ${ms(firstFuzzy)} (scoped names + index), then fuzzy ${ms(warmFuzzy)}, count ${ms(warmCount)}`);
console.log(`scope of 100 subscriptions: first fuzzy ${ms(halfFirst)} (flags + names + index)`);
