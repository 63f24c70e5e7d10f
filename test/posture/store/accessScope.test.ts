// Every engine read honours the viewer's AccessScope: two people with different subscriptions ask the same
// things and see different answers, with nothing from outside their scope in names, suggestions or the score.
import { addRecord, createBuilderState } from '../../../src/posture/store/builder';
import { createColumnarEngine } from '../../../src/posture/store/engine';
import { buildTable } from '../../../src/posture/store/join';
import { SYSTEM_VIEWER, type Viewer } from '../../../src/posture/viewer';
import { control, NOW, secureScore, SUB_A, SUB_B } from './records';
import { dbVuln, tenantRecords, webVuln } from './tenant';

const state = createBuilderState();
for (const record of [...tenantRecords(), secureScore(SUB_A, 30, 60), secureScore(SUB_B, 9, 10), control('Enable MFA', 0, 10, 4), control('Enable MFA', 5, 10, 1, SUB_B)]) {
  addRecord(state, record);
}
const table = buildTable(state);
const engine = createColumnarEngine(table, { now: () => NOW });
const prod: Viewer = { userId: 'p', scope: { subscriptions: [SUB_A.toUpperCase()] } };
const dev: Viewer = { userId: 'd', scope: { subscriptions: [SUB_B] } };
const groupOnly: Viewer = { userId: 'g', scope: { subscriptions: [], resourceGroups: [`${SUB_B}/RG-DATA`] } };
const nobody: Viewer = { userId: 'n', scope: { subscriptions: ['ffffffff-0000-0000-0000-000000000000'] } };

const names = (viewer: Viewer) => engine.search(viewer, { filter: {}, limit: 50 }).items.map((r) => r.resourceName).sort();

describe('access scope on every read', () => {
  it('lists and counts only rows in the viewer subscriptions or resource groups', () => {
    expect(new Set(names(prod))).toEqual(new Set(['vm-web-01', 'stgprodlogs']));
    expect(new Set(names(dev))).toEqual(new Set(['vm-db-01']));
    expect(new Set(names(groupOnly))).toEqual(new Set(['vm-db-01']));
    expect(names(nobody)).toEqual([]);
    expect(engine.count(dev, {})).toBe(engine.search(dev, { filter: {}, limit: 50 }).total);
    expect(engine.count(prod, {}) + engine.count(dev, {})).toBeLessThan(engine.count(SYSTEM_VIEWER, {}));
  });

  it('breaks down, opens details and counts capabilities within scope only', () => {
    expect(engine.group(dev, {}, 'subscription').groups.map((g) => g.label)).toEqual(['Contoso Dev']);
    expect(engine.group(prod, {}, 'subscription').groups.map((g) => g.label)).toEqual(['Contoso Production']);
    expect(engine.details(dev, webVuln.id)).toBeUndefined();
    expect(engine.details(dev, dbVuln.id)).toBeDefined();
    expect(engine.capabilities(dev).assessmentCount).toBe(engine.count(dev, {}));
    expect(engine.capabilities(dev).resourceCount).toBe(1);
    expect(engine.capabilities(nobody).resourceCount).toBe(0);
  });

  it('counts a scope\'s rows once, not on every capabilities call (every plan asks it)', () => {
    const first = engine.capabilities(prod);
    const live = table.live;
    let reads = 0;
    (table as { live: Uint8Array }).live = new Proxy(live, {
      get: (target, key) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    try {
      expect(engine.capabilities(prod)).toEqual(first);
      expect(reads).toBe(0);
    } finally {
      (table as { live: Uint8Array }).live = live;
    }
    expect(first.assessmentCount).toBe(engine.count(prod, {}));
  });

  it('offers names from inside the scope only, in vocabulary and in spelling suggestions', () => {
    expect(engine.vocabulary(dev, 'resourceName')).toEqual(['vm-db-01']);
    expect(engine.vocabulary(dev, 'subscription')).toEqual(['Contoso Dev']);
    expect(engine.vocabulary(dev, 'resourceGroup')).toEqual(['rg-data']);
    expect(engine.vocabulary(dev, 'owner')).not.toContain('alice@contoso.com');
    expect(engine.vocabulary(dev, 'recommendation')).not.toContain('Endpoint protection should be installed');
    expect(engine.vocabulary(dev, 'tagValue').map((v) => v.toLowerCase())).toEqual(['dev']);
    expect(engine.vocabulary(prod, 'tagKey')).toEqual(expect.arrayContaining(['team', 'costcenter']));
    expect(engine.vocabulary(dev, 'tagKey').map((k) => k.toLowerCase())).toEqual(['env']);
    // "vm-web-0l" is one letter from a machine the dev viewer may not see: no suggestion leaks it.
    expect(engine.fuzzyFind(SYSTEM_VIEWER, 'resourceName', 'vm-web-0l').map((m) => m.value)).toContain('vm-web-01');
    expect(engine.fuzzyFind(dev, 'resourceName', 'vm-web-0l').map((m) => m.value)).not.toContain('vm-web-01');
    expect(engine.fuzzyFind(dev, 'subscription', 'Contoso Production').map((m) => m.value)).not.toContain('Contoso Production');
    expect(engine.vocabulary(SYSTEM_VIEWER, 'resourceName')).toEqual(expect.arrayContaining(['vm-web-01', 'vm-db-01', 'stgprodlogs']));
  });

  it('scores only the subscriptions the viewer may read as a whole', () => {
    expect(engine.secureScore(SYSTEM_VIEWER)).toMatchObject({ current: 39, max: 70 });
    expect(engine.secureScore(dev)).toMatchObject({ current: 9, max: 10 });
    expect(engine.secureScore(dev)?.subscriptions.map((s) => s.subscriptionId)).toEqual([SUB_B]);
    expect(engine.secureScore(dev)?.controls).toEqual([expect.objectContaining({ displayName: 'Enable MFA', current: 5, max: 10 })]);
    expect(engine.secureScore(groupOnly)).toBeUndefined();
  });

  it('scopes vulnerabilities, resources and attack paths', () => {
    const cves = (viewer: Viewer) => engine.vulnerabilities(viewer, { filter: {}, limit: 50 }).items.map((v) => v.cveId);
    expect(cves(SYSTEM_VIEWER)).toContain('CVE-2024-0002');
    expect(cves(dev)).not.toContain('CVE-2024-0002');
    expect(engine.resources(dev, { filter: {}, limit: 50 }).items.map((r) => r.resourceName)).toEqual(['vm-db-01']);
    expect(engine.attackPaths(SYSTEM_VIEWER, { limit: 50 }).total).toBeGreaterThan(0);
    expect(engine.attackPaths(dev, { limit: 50 }).total).toBe(0);
  });

  it('keeps scopes apart after a local change (withChanges)', () => {
    const changed = engine.withChanges([{ kind: 'governance', assessmentId: dbVuln.id, owner: 'dana@contoso.com', at: NOW }]);
    expect(changed.vocabulary(dev, 'owner')).toContain('dana@contoso.com');
    expect(changed.vocabulary(prod, 'owner')).not.toContain('dana@contoso.com');
  });
});
