import { createPostureStoreBuilder } from '../../../src/posture/store';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { assessment, engineOf, NOW, resource } from './records';
import { tenantRecords } from './tenant';

describe('capabilities', () => {
  it('reports what the export holds', () => {
    expect(engineOf(tenantRecords(), { now: NOW }).capabilities(SYSTEM_VIEWER)).toEqual({
      hasRiskData: true,
      hasAttackPaths: true,
      hasGovernance: true,
      hasFindings: true,
      hasSecureScore: false,
      assessmentCount: 7,
      resourceCount: 4,
    });
  });
});

describe('a tenant without Defender CSPM', () => {
  const engine = engineOf([
    assessment({ resourceName: 'a', key: 'k1', severity: 'Low' }),
    assessment({ resourceName: 'b', key: 'k2', severity: 'Critical' }),
    assessment({ resourceName: 'c', key: 'k3', severity: 'High' }),
  ]);
  it('says it has no risk data and ranks by severity', () => {
    expect(engine.capabilities(SYSTEM_VIEWER)).toMatchObject({ hasRiskData: false, hasAttackPaths: false, hasGovernance: false, hasFindings: false });
    expect(engine.search(SYSTEM_VIEWER, { filter: {}, limit: 5 }).items.map((r) => r.severity)).toEqual(['Critical', 'High', 'Low']);
    expect(engine.search(SYSTEM_VIEWER, { filter: {}, limit: 5 }).items[0]).not.toHaveProperty('riskLevel');
  });
  it('a risk filter matches nothing rather than everything', () => {
    expect(engine.count(SYSTEM_VIEWER, { riskLevels: ['Critical'] })).toBe(0);
    expect(engine.group(SYSTEM_VIEWER, {}, 'riskLevel').groups).toEqual([{ key: 'none', label: 'No risk level', count: 3 }]);
  });
});

describe('an empty tenant', () => {
  const engine = createPostureStoreBuilder().finish();
  it('answers every query with nothing', () => {
    expect(engine.capabilities(SYSTEM_VIEWER)).toMatchObject({ assessmentCount: 0, resourceCount: 0, hasRiskData: false });
    expect(engine.search(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 10 })).toEqual({ total: 0, offset: 0, items: [] });
    expect(engine.count(SYSTEM_VIEWER, { subscriptions: ['x'] })).toBe(0);
    expect(engine.group(SYSTEM_VIEWER, {}, 'severity').groups).toEqual([]);
    expect(engine.details(SYSTEM_VIEWER, '/subscriptions/x')).toBeUndefined();
    expect(engine.vocabulary(SYSTEM_VIEWER, 'resourceName')).toEqual([]);
    expect(engine.fuzzyFind(SYSTEM_VIEWER, 'subscription', 'prod')).toEqual([]);
    expect(engine.secureScore(SYSTEM_VIEWER)).toBeUndefined();
  });
});

describe('unicode and odd names', () => {
  const name = 'Übersicht-Größe-日本語';
  const row = assessment({ resourceName: name, key: 'k1', displayName: 'Prüfung: Verschlüsselung aktivieren', resourceGroup: 'RG-Ünïcode' });
  const engine = engineOf([row, resource(row.resourceId, name, { tags: { 'Kostenstelle': 'Ärger' } })]);
  it('matches case-insensitively beyond ASCII', () => {
    expect(engine.count(SYSTEM_VIEWER, { resourceText: 'größe-日本' })).toBe(1);
    expect(engine.count(SYSTEM_VIEWER, { recommendationText: 'VERSCHLÜSSELUNG' })).toBe(1);
    expect(engine.count(SYSTEM_VIEWER, { resourceGroups: ['rg-üNÏCODE'] })).toBe(1);
    expect(engine.count(SYSTEM_VIEWER, { tags: [{ key: 'kostenstelle', value: 'ärger' }] })).toBe(1);
    expect(engine.fuzzyFind(SYSTEM_VIEWER, 'resourceName', 'ubersicht')[0]?.value).toBe(name);
    expect(engine.fuzzyFind(SYSTEM_VIEWER, 'resourceName', 'kubernetes')).toEqual([]);
    expect(engine.fuzzyFind(SYSTEM_VIEWER, 'resourceName', 'übersicht größe')[0]?.value).toBe(name);
    // Upper-casing would turn ß into SS, which no case-insensitive match undoes: lower-case instead.
    expect(engine.details(SYSTEM_VIEWER, row.id.toLowerCase())?.resourceName).toBe(name);
  });
});

describe('records in any order, ids of any shape', () => {
  it('resource rows may be missing; ids that do not follow the ARM pattern still resolve', () => {
    const odd = { ...assessment({ resourceName: 'gcp-vm', key: 'k9', cloud: 'GCP' }), id: 'projects/p1/assessments/XYZ' };
    const engine = engineOf([odd]);
    expect(engine.details(SYSTEM_VIEWER, 'PROJECTS/p1/assessments/xyz')?.assessmentId).toBe('projects/p1/assessments/XYZ');
    expect(engine.search(SYSTEM_VIEWER, { filter: {}, limit: 1 }).items[0]?.assessmentId).toBe('projects/p1/assessments/XYZ');
  });

  it('refuses records after finish instead of silently dropping them', () => {
    const builder = createPostureStoreBuilder();
    builder.finish();
    expect(() => builder.add(assessment({ resourceName: 'a', key: 'k' }))).toThrow(/finished/);
  });
});
