// Secure score rows computed from the assessments just generated: per subscription (and for the AWS connector),
// each control's score is its weight times the share of its resources that are healthy.
import type { BuiltAssessment } from './assessments';
import { ALL_CONTROLS } from './themes';

interface Counts { healthy: number; unhealthy: number; notApplicable: number }

export interface SecureScoreTally {
  /** Adds one resource's assessments to the tally of the given score scope (a subscription or a connector). */
  add(scope: string, subscriptionId: string, assessments: readonly BuiltAssessment[]): void;
  rows(tenantId: string): Record<string, unknown>[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const round4 = (n: number): number => Math.round(n * 10000) / 10000;

export function createSecureScoreTally(): SecureScoreTally {
  const scopes = new Map<string, { subscriptionId: string; controls: Map<string, Counts> }>();
  return {
    add(scope, subscriptionId, assessments) {
      let entry = scopes.get(scope);
      if (!entry) {
        entry = { subscriptionId, controls: new Map() };
        scopes.set(scope, entry);
      }
      const worst = new Map<string, keyof Counts>();
      for (const a of assessments) {
        const now = worst.get(a.controlId);
        const mine: keyof Counts = a.status === 'Unhealthy' ? 'unhealthy' : a.status === 'Healthy' ? 'healthy' : 'notApplicable';
        if (now === 'unhealthy' || (now === 'healthy' && mine === 'notApplicable')) continue;
        worst.set(a.controlId, mine);
      }
      for (const [controlId, state] of worst) {
        const counts = entry.controls.get(controlId) ?? { healthy: 0, unhealthy: 0, notApplicable: 0 };
        counts[state]++;
        entry.controls.set(controlId, counts);
      }
    },
    rows(tenantId) {
      const out: Record<string, unknown>[] = [];
      for (const [scope, { subscriptionId, controls }] of scopes) {
        let current = 0;
        let max = 0;
        let weight = 0;
        const scoreId = `${scope}/providers/Microsoft.Security/secureScores/ascScore`;
        const controlRows: Record<string, unknown>[] = [];
        for (const control of ALL_CONTROLS) {
          const counts = controls.get(control.id);
          if (!counts) continue;
          const assessed = counts.healthy + counts.unhealthy;
          const share = assessed === 0 ? 1 : counts.healthy / assessed;
          const score = round2(control.max * share);
          current += score;
          max += control.max;
          weight += assessed;
          controlRows.push({
            id: `${scoreId}/secureScoreControls/${control.id}`, name: control.id, type: 'microsoft.security/securescores/securescorecontrols',
            tenantId, kind: '', location: 'global', resourceGroup: '', subscriptionId,
            properties: {
              displayName: control.displayName,
              healthyResourceCount: counts.healthy,
              unhealthyResourceCount: counts.unhealthy,
              notApplicableResourceCount: counts.notApplicable,
              score: { max: control.max, current: score, percentage: round4(share) },
              weight: assessed,
            },
          });
        }
        out.push({
          id: scoreId, name: 'ascScore', type: 'microsoft.security/securescores', tenantId, kind: '', location: 'global', resourceGroup: '', subscriptionId,
          properties: { displayName: 'ASC score', score: { max, current: round2(current), percentage: max === 0 ? 0 : round4(current / max) }, weight },
        });
        out.push(...controlRows);
      }
      return out;
    },
  };
}
