// The engine against the naive reference on seeded random tenants: every filter, combined at random.
import type { PostureFilter } from '../../../src/posture/engine';
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_FACTORS, RISK_LEVELS, SEVERITIES, STATUS_CODES, type PostureRecord } from '../../../src/posture/model';
import { addRecord, createBuilderState } from '../../../src/posture/store/builder';
import { createColumnarEngine } from '../../../src/posture/store/engine';
import type { CandidatePlan } from '../../../src/posture/store/filter';
import { buildTable } from '../../../src/posture/store/join';
import { SYSTEM_VIEWER, type AccessScope, type Viewer } from '../../../src/posture/viewer';
import { assessment, DAY, engineOf, finding, governance, NOW, resource, resourceIdOf, subscription } from './records';
import { createReference } from './reference';

function random(seed: number) {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const some = <T>(list: readonly T[], p: number): T[] => list.filter(() => next() < p);
  return { next, pick, some };
}

const SUBS = ['11111111-0000-0000-0000-000000000001', '11111111-0000-0000-0000-000000000002', '11111111-0000-0000-0000-000000000003'];
const TYPES = ['Microsoft.Compute/virtualMachines', 'Microsoft.Storage/storageAccounts', 'Microsoft.Sql/servers/databases'];
const NAMES = ['Storage accounts should restrict network access', 'Machines should be patched', 'SQL databases should have vulnerability findings resolved', 'MFA should be enabled'];
const OWNERS = ['ana@contoso.com', 'Ben@Contoso.com', 'chloé@contoso.com'];

function tenant(seed: number): PostureRecord[] {
  const r = random(seed);
  const out: PostureRecord[] = [subscription(SUBS[0]!, 'Prod'), subscription(SUBS[1]!, 'Dev')];
  for (let i = 0; i < 120; i++) {
    const type = r.pick(TYPES);
    const group = r.pick(['rg-a', 'RG-B', 'rg-c']);
    const sub = r.pick(SUBS);
    const name = `${r.pick(['web', 'db', 'stg', 'Ärchiv'])}-${i}`;
    const id = resourceIdOf(name, type, group, sub);
    if (r.next() < 0.7) out.push(resource(id, name, { tags: Object.fromEntries(r.some([['env', r.pick(['prod', 'dev'])], ['team', r.pick(['a', 'b'])]] as const, 0.6)) }));
    for (let k = 0; k < 4; k++) {
      if (r.next() < 0.3) continue;
      const a = assessment({
        resourceName: name, key: `key-${k}`, displayName: NAMES[k]!, resourceType: type, resourceGroup: group, subscriptionId: sub, resourceId: id,
        status: r.pick(STATUS_CODES), severity: r.pick(SEVERITIES), riskLevel: r.next() < 0.8 ? r.pick(RISK_LEVELS) : undefined,
        riskFactors: r.some(RISK_FACTORS, 0.3), categories: r.some(CATEGORIES, 0.3), cloud: r.pick(CLOUDS),
        attackPathIds: r.next() < 0.2 ? ['p1', 'p2'].slice(0, 1 + Math.floor(r.next() * 2)) : [],
      });
      out.push(a);
      if (r.next() < 0.5) out.push(governance(r.next() < 0.5 ? a.id.toUpperCase() : a.id, { owner: r.next() < 0.8 ? r.pick(OWNERS) : undefined, dueDate: r.next() < 0.8 ? NOW + Math.round((r.next() - 0.5) * 10) * DAY / 2 : undefined }));
      if (r.next() < 0.1) out.push({ ...a, status: r.pick(STATUS_CODES) }); // a later copy replaces the row
      if (k === 0 && r.next() < 0.4) out.push(finding(id, 'key-0', { severity: r.pick(SEVERITIES), status: r.pick(STATUS_CODES) }));
    }
  }
  // Shuffle: the store must not depend on record order.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function randomFilter(seed: number): PostureFilter {
  const r = random(seed);
  const f: PostureFilter = {};
  const maybe = (p: number) => r.next() < p;
  if (maybe(0.5)) f.statuses = r.some(STATUS_CODES, 0.5);
  if (maybe(0.3)) f.severities = r.some(SEVERITIES, 0.5);
  if (maybe(0.3)) f.riskLevels = r.some(RISK_LEVELS, 0.5);
  if (maybe(0.2)) f.riskFactors = r.some(RISK_FACTORS, 0.3);
  if (maybe(0.2)) f.categories = r.some(CATEGORIES, 0.3);
  if (maybe(0.2)) f.clouds = r.some(CLOUDS, 0.5);
  if (maybe(0.2)) f.resourceTypes = [r.pick(TYPES).toUpperCase()];
  if (maybe(0.3)) f.subscriptions = [r.pick([...SUBS, 'prod', 'DEV', 'nope'])];
  if (maybe(0.2)) f.resourceGroups = [r.pick(['rg-a', 'rg-b', 'RG-C'])];
  if (maybe(0.2)) f.owners = [r.pick([...OWNERS, 'BEN@contoso.com'])];
  if (maybe(0.3)) f.governance = r.some(GOVERNANCE_STATES, 0.5);
  if (maybe(0.2)) f.recommendationText = r.pick(['storage', 'SHOULD', 'vulnerab', 'zzz']);
  if (maybe(0.2)) f.resourceText = r.pick(['web', 'DB-1', 'ärch', '7']);
  if (maybe(0.2)) f.tags = [r.next() < 0.5 ? { key: 'ENV', value: r.pick(['prod', 'dev']) } : { value: r.pick(['a', 'b', 'prod']) }];
  if (maybe(0.2)) f.findingSeverities = r.some(SEVERITIES, 0.5);
  if (maybe(0.1)) f.hasAttackPaths = true;
  // Due dates in the tenant lie within 2.5 days of NOW, on half days.
  if (maybe(0.15)) f.dueFrom = NOW + Math.round((r.next() - 0.5) * 6) * DAY / 2;
  if (maybe(0.15)) f.dueBefore = NOW + Math.round((r.next() - 0.3) * 6) * DAY / 2;
  return f;
}

/** The same tenant with candidates drawn one way only: by one index, or by intersected bitmaps. */
function plannedEngine(records: PostureRecord[], plan: CandidatePlan) {
  const state = createBuilderState();
  for (const record of records) addRecord(state, record);
  return createColumnarEngine(buildTable(state), { now: () => NOW, plan });
}

describe.each([1, 2, 3])('random tenant %i', (seed) => {
  const records = tenant(seed);
  const engine = engineOf(records, { now: NOW });
  const reference = createReference(records, NOW);

  it.each(['index', 'bitmaps'] as const)('draws the same rows as the reference with candidates by %s, in lists, counts and groups, scoped or not', (plan) => {
    const planned = plannedEngine(records, plan);
    const scoped: Viewer = { ...SYSTEM_VIEWER, scope: { subscriptions: [SUBS[0]!], resourceGroups: [`${SUBS[1]}/RG-B`] } };
    const inScope = new Set([...reference.ids({ subscriptions: [SUBS[0]!] }), ...reference.ids({ subscriptions: [SUBS[1]!], resourceGroups: ['rg-b'] })]);
    for (let i = 0; i < 150; i++) {
      const filter = randomFilter(seed * 1000 + i);
      const expected = reference.ids(filter);
      const result = planned.search(SYSTEM_VIEWER, { filter, limit: 1000 });
      expect({ filter, ids: result.items.map((row) => row.assessmentId).sort() }).toEqual({ filter, ids: expected });
      expect({ filter, total: result.total, count: planned.count(SYSTEM_VIEWER, filter) }).toEqual({ filter, total: expected.length, count: expected.length });
      expect(planned.group(SYSTEM_VIEWER, filter, 'governance').total).toBe(expected.length);
      const visible = expected.filter((id) => inScope.has(id));
      expect({ filter, scoped: planned.search(scoped, { filter, limit: 1000 }).items.map((row) => row.assessmentId).sort() }).toEqual({ filter, scoped: visible });
      expect(planned.count(scoped, filter)).toBe(visible.length);
    }
  });

  // Scoped reads against a scan of the visible rows: the scope as a filter on the rows' resources, asked unscoped.
  it.each(['auto', 'index', 'bitmaps'] as const)('gives a scoped viewer the pages, totals, counts and groups of its visible rows only, with candidates by %s', (plan) => {
    const planned = plannedEngine(records, plan);
    const scopes: Record<string, AccessScope> = {
      empty: { subscriptions: ['ffffffff-0000-0000-0000-000000000000'] },
      oneSubscription: { subscriptions: [SUBS[0]!.toUpperCase()] },
      resourceGroups: { subscriptions: [], resourceGroups: [`${SUBS[1]}/RG-B`, `${SUBS[2]}/rg-a`] },
      subscriptionAndGroup: { subscriptions: [SUBS[0]!], resourceGroups: [`${SUBS[1]}/rg-c`] },
      everything: { subscriptions: SUBS },
    };
    const bys = ['resourceType', 'severity', 'riskLevel', 'owner', 'governance', 'category', 'riskFactor', 'subscription', 'cloud', 'recommendation'] as const;
    for (const [name, scope] of Object.entries(scopes)) {
      const viewer: Viewer = { userId: name, scope };
      const subs = new Set(scope.subscriptions.map((id) => id.toLowerCase()));
      const groups = new Set((scope.resourceGroups ?? []).map((pair) => pair.toLowerCase()));
      const visible = reference.rows().filter((a) => subs.has((a.subscriptionId ?? '').toLowerCase()) || groups.has(`${a.subscriptionId ?? ''}/${a.resourceGroup ?? ''}`.toLowerCase()));
      const ids = new Set(visible.map((a) => a.id));
      const resourceIds = [...new Set(visible.map((a) => a.resourceId))];
      if (name === 'empty') expect(resourceIds).toEqual([]);
      else expect(resourceIds.length).toBeGreaterThan(5);
      for (let i = 0; i < 40; i++) {
        const filter = i === 0 ? {} : randomFilter(seed * 1000 + 300 + i);
        const expected = reference.ids(filter).filter((id) => ids.has(id));
        const asSystem = { ...filter, resourceIds };
        const all = planned.search(viewer, { filter, limit: 1000 });
        expect({ name, filter, ids: all.items.map((row) => row.assessmentId).sort(), total: all.total, count: planned.count(viewer, filter) }).toEqual({ name, filter, ids: expected, total: expected.length, count: expected.length });
        const by = bys[i % bys.length]!;
        const group = planned.group(viewer, filter, by);
        expect(group.total).toBe(expected.length);
        expect({ name, filter, by, group }).toEqual({ name, filter, by, group: resourceIds.length ? planned.group(SYSTEM_VIEWER, asSystem, by) : { by, total: 0, groups: [] } });
        for (const sort of ['risk', 'severity', 'dueDate'] as const) {
          const request = { filter, sort, offset: i % 4, limit: 7, ...(i % 2 ? { groupBy: by } : {}) };
          const page = planned.search(viewer, request);
          const want = resourceIds.length ? planned.search(SYSTEM_VIEWER, { ...request, filter: asSystem }) : { total: 0, offset: i % 4, items: [], ...(i % 2 ? { groups: { by, total: 0, groups: [] } } : {}) };
          expect({ name, filter, sort, page }).toEqual({ name, filter, sort, page: want });
        }
      }
    }
    // 'everything' is every row: the same answers as no scope at all.
    const everyone: Viewer = { userId: 'all', scope: scopes.everything! };
    for (let i = 0; i < 20; i++) {
      const request = { filter: randomFilter(seed * 1000 + 400 + i), limit: 9, groupBy: bys[i % bys.length]! };
      expect(planned.search(everyone, request)).toEqual(planned.search(SYSTEM_VIEWER, request));
    }
  });

  it('pages the same rows in the same order with candidates by index and by bitmaps, for every sort', () => {
    const byIndex = plannedEngine(records, 'index');
    const byBitmaps = plannedEngine(records, 'bitmaps');
    for (let i = 0; i < 60; i++) {
      const filter = randomFilter(seed * 1000 + 500 + i);
      for (const sort of ['risk', 'severity', 'dueDate'] as const) {
        const request = { filter, sort, offset: i % 4, limit: 7 };
        expect({ filter, sort, page: byBitmaps.search(SYSTEM_VIEWER, request) }).toEqual({ filter, sort, page: byIndex.search(SYSTEM_VIEWER, request) });
      }
    }
  });

  it.each(['index', 'bitmaps'] as const)('counts each group as the reference does, with candidates by %s', (plan) => {
    const planned = plannedEngine(records, plan);
    const unhealthy = reference.rows().filter((a) => a.status === 'Unhealthy');
    const states = planned.group(SYSTEM_VIEWER, { statuses: ['Unhealthy'] }, 'governance').groups;
    for (const state of GOVERNANCE_STATES) {
      expect({ state, count: states.find((g) => g.key === state)?.count ?? 0 }).toEqual({ state, count: unhealthy.filter((a) => reference.stateOf(a) === state).length });
    }
    for (const [by, field] of [['category', 'categories'], ['riskFactor', 'riskFactors']] as const) {
      const groups = planned.group(SYSTEM_VIEWER, { statuses: ['Unhealthy'] }, by).groups;
      const values: readonly string[] = by === 'category' ? CATEGORIES : RISK_FACTORS;
      for (const value of values) {
        expect({ by, value, count: groups.find((g) => g.key === value)?.count ?? 0 }).toEqual({ by, value, count: unhealthy.filter((a) => (a[field] as readonly string[]).includes(value)).length });
      }
    }
  });

  it.each(['index', 'bitmaps'] as const)('a search that groups too gives the same page as without, and the groups group() gives, with candidates by %s', (plan) => {
    const planned = plannedEngine(records, plan);
    const scoped: Viewer = { ...SYSTEM_VIEWER, scope: { subscriptions: [SUBS[0]!], resourceGroups: [`${SUBS[1]}/RG-B`] } };
    const bys = ['resourceType', 'severity', 'riskLevel', 'owner', 'governance', 'category', 'riskFactor', 'subscription'] as const;
    let grouped = 0;
    for (let i = 0; i < 80; i++) {
      const filter = randomFilter(seed * 1000 + 700 + i);
      const by = bys[i % bys.length]!;
      for (const viewer of [SYSTEM_VIEWER, scoped]) {
        const request = { filter, sort: (['risk', 'severity', 'dueDate'] as const)[i % 3], offset: i % 3, limit: 5 };
        const { groups, ...page } = planned.search(viewer, { ...request, groupBy: by });
        expect({ filter, by, page }).toEqual({ filter, by, page: planned.search(viewer, request) });
        expect({ filter, by, groups }).toEqual({ filter, by, groups: planned.group(viewer, filter, by) });
        if ((groups?.groups.length ?? 0) > 1) grouped++;
      }
    }
    expect(grouped).toBeGreaterThan(20);
  });

  it('holds every assessment once (later copies replace earlier ones)', () => {
    expect(engine.capabilities(SYSTEM_VIEWER).assessmentCount).toBe(reference.rows().length);
  });

  it('matches the reference on 150 random filters', () => {
    let nonEmpty = 0;
    for (let i = 0; i < 150; i++) {
      const filter = randomFilter(seed * 1000 + i);
      const result = engine.search(SYSTEM_VIEWER, { filter, limit: 1000 });
      const got = result.items.map((row) => row.assessmentId).sort();
      expect({ filter, ids: got }).toEqual({ filter, ids: reference.ids(filter) });
      expect(result.total).toBe(got.length);
      if (got.length > 0) nonEmpty++;
    }
    // The comparison only means something if the random filters select rows, and not always all of them.
    expect(nonEmpty).toBeGreaterThan(40);
    expect(nonEmpty).toBeLessThan(150);
  });

  it('orders by risk, attack paths, severity; governance state agrees', () => {
    const byId = new Map(reference.rows().map((a) => [a.id, a]));
    const items = engine.search(SYSTEM_VIEWER, { filter: {}, limit: 1000 }).items;
    for (let i = 1; i < items.length; i++) {
      const previous = reference.riskRank(byId.get(items[i - 1]!.assessmentId)!);
      const current = reference.riskRank(byId.get(items[i]!.assessmentId)!);
      const order = previous.map((value, at) => value - current[at]!).find((difference) => difference !== 0) ?? 0;
      expect(order).toBeGreaterThanOrEqual(0);
    }
    for (const row of items) expect(row.governance).toBe(reference.stateOf(byId.get(row.assessmentId)!));
  });

  it('group counts add up to the filtered total', () => {
    for (const by of ['severity', 'riskLevel', 'resourceType', 'subscription', 'owner', 'cloud', 'recommendation', 'governance'] as const) {
      const result = engine.group(SYSTEM_VIEWER, { statuses: ['Unhealthy'] }, by);
      expect(result.total).toBe(reference.ids({ statuses: ['Unhealthy'] }).length);
      expect(result.groups.reduce((sum, g) => sum + g.count, 0)).toBe(result.total);
    }
  });
});
