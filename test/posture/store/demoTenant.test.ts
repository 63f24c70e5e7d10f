// The store fed by the real loader with the committed demo tenant: whole-pipeline invariants that hold for any
// tenant, not numbers tuned to this one.
import { existsSync } from 'node:fs';
import { loadPosture } from '../../../src/posture/loadPosture';
import { createExportFileSource } from '../../../src/posture/source';
import { createPostureStoreBuilder } from '../../../src/posture/store';
import type { PostureEngine } from '../../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { projectPath } from '../../../src/paths';

const demo = projectPath('src', 'posture', 'demo', 'demo-tenant.json');
const NOW = Date.UTC(2026, 5, 1, 12);

(existsSync(demo) ? describe : describe.skip)('the demo tenant through the loader', () => {
  let engine: PostureEngine;
  beforeAll(async () => {
    const loaded = await loadPosture({
      source: createExportFileSource({ path: demo }),
      builder: createPostureStoreBuilder({ now: () => NOW }),
      dateShift: 'toNow',
      now: () => NOW,
    });
    engine = loaded.engine;
  });

  it('holds assessments with risk data, governance, findings and a secure score', () => {
    const caps = engine.capabilities(SYSTEM_VIEWER);
    expect(caps.assessmentCount).toBeGreaterThan(100);
    expect(caps).toMatchObject({ hasRiskData: true, hasGovernance: true, hasFindings: true, hasSecureScore: true });
    expect(engine.count(SYSTEM_VIEWER, {})).toBe(caps.assessmentCount);
  });

  it('every page row resolves to details with the same fields', () => {
    const page = engine.search(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 25 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const row of page.items) expect(engine.details(SYSTEM_VIEWER, row.assessmentId.toLowerCase())).toMatchObject(row);
  });

  it('governance states partition the unhealthy rows, and a shifted tenant has some of each', () => {
    const unhealthy = engine.count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] });
    const groups = engine.group(SYSTEM_VIEWER, { statuses: ['Unhealthy'] }, 'governance');
    expect(groups.groups.reduce((sum, g) => sum + g.count, 0)).toBe(unhealthy);
    expect(groups.groups.map((g) => g.key).sort()).toEqual(['onTime', 'overdue', 'unassigned']);
  });

  it('every subscription name is found exactly by fuzzy search and filters to its rows', () => {
    const groups = engine.group(SYSTEM_VIEWER, {}, 'subscription').groups;
    for (const group of groups) {
      expect(engine.fuzzyFind(SYSTEM_VIEWER, 'subscription', group.label, 1)[0]).toEqual({ value: group.label, score: 1 });
      expect(engine.count(SYSTEM_VIEWER, { subscriptions: [group.label] })).toBe(group.count);
    }
  });

  it('the findings filter selects rows whose resource has open findings of that severity', () => {
    const rows = engine.search(SYSTEM_VIEWER, { filter: { findingSeverities: ['Critical', 'High'] }, limit: 10 }).items;
    expect(rows.length).toBeGreaterThan(0);
    const withFindings = rows.map((row) => engine.details(SYSTEM_VIEWER, row.assessmentId)).filter((d) => d && d.findingCount > 0);
    for (const details of withFindings) expect(details?.findings.some((f) => f.status === 'Unhealthy')).toBe(true);
  });
});
