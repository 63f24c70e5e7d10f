// A deliberately naive reference for the engine: filters plain records row by row, written independently of
// the columnar code, so the two can be compared on random tenants.
import type { PostureFilter } from '../../../src/posture/engine';
import type { AssessmentRecord, GovernanceRecord, GovernanceState, PostureRecord } from '../../../src/posture/model';

const DAY = 86_400_000;
const has = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;
const lower = (s: string | undefined) => (s ?? '').toLowerCase();

export function createReference(records: PostureRecord[], now: number) {
  const latest = new Map<string, AssessmentRecord>();
  const governance = new Map<string, GovernanceRecord>();
  const names = new Map<string, string>();
  const tags = new Map<string, Record<string, string>>();
  const findings = new Map<string, Set<string>>();
  for (const r of records) {
    if (r.kind === 'assessment') {
      latest.delete(r.id.toLowerCase());
      latest.set(r.id.toLowerCase(), r);
    } else if (r.kind === 'governance') governance.set(r.assessmentId.toLowerCase(), r);
    else if (r.kind === 'subscription') names.set(r.subscriptionId.toLowerCase(), r.displayName);
    else if (r.kind === 'resource') tags.set(r.id.toLowerCase(), r.tags);
    else if (r.kind === 'finding' && r.status === 'Unhealthy') {
      const set = findings.get(`${r.resourceId.toLowerCase()}|${r.parentKey.toLowerCase()}`) ?? new Set<string>();
      set.add(r.severity);
      findings.set(`${r.resourceId.toLowerCase()}|${r.parentKey.toLowerCase()}`, set);
    }
  }
  const today = Math.floor(now / DAY) * DAY;
  const stateOf = (a: AssessmentRecord): GovernanceState => {
    if (a.status !== 'Unhealthy') return 'completed';
    const g = governance.get(a.id.toLowerCase());
    if (!g || (!g.owner && g.dueDate === undefined)) return 'unassigned';
    if (g.dueDate === undefined || g.dueDate >= today) return 'onTime';
    return 'overdue';
  };
  const matches = (a: AssessmentRecord, f: PostureFilter): boolean => {
    const sub = lower(a.subscriptionId);
    const g = governance.get(a.id.toLowerCase());
    const resourceTags = Object.entries(tags.get(a.resourceId.toLowerCase()) ?? {});
    return (
      (!has(f.statuses) || f.statuses.includes(a.status)) &&
      (!has(f.severities) || f.severities.includes(a.severity)) &&
      (!has(f.riskLevels) || (a.riskLevel !== undefined && f.riskLevels.includes(a.riskLevel))) &&
      (!has(f.riskFactors) || f.riskFactors.every((x) => a.riskFactors.includes(x))) &&
      (!has(f.categories) || f.categories.some((x) => a.categories.includes(x))) &&
      (!has(f.clouds) || f.clouds.includes(a.cloud)) &&
      (!has(f.resourceTypes) || f.resourceTypes.some((x) => lower(x) === lower(a.resourceType))) &&
      (!has(f.subscriptions) || f.subscriptions.some((x) => sub !== '' && (lower(x) === sub || lower(x) === lower(names.get(sub))))) &&
      (!has(f.resourceGroups) || f.resourceGroups.some((x) => a.resourceGroup !== undefined && lower(x) === lower(a.resourceGroup))) &&
      (!has(f.owners) || f.owners.some((x) => g?.owner !== undefined && lower(x) === lower(g.owner))) &&
      (!has(f.governance) || f.governance.includes(stateOf(a))) &&
      (!f.recommendationText || lower(a.displayName).includes(lower(f.recommendationText))) &&
      (!f.resourceText || lower(a.resourceName).includes(lower(f.resourceText))) &&
      (!has(f.tags) || f.tags.every((t) => resourceTags.some(([k, v]) => lower(v) === lower(t.value) && (!t.key || lower(k) === lower(t.key))))) &&
      (!has(f.findingSeverities) || f.findingSeverities.some((s) => findings.get(`${a.resourceId.toLowerCase()}|${a.key.toLowerCase()}`)?.has(s) ?? false)) &&
      (!f.hasAttackPaths || a.attackPathIds.length > 0) &&
      (f.dueFrom === undefined || (g?.dueDate !== undefined && g.dueDate >= f.dueFrom)) &&
      (f.dueBefore === undefined || (g?.dueDate !== undefined && g.dueDate < f.dueBefore))
    );
  };
  const riskRank = (a: AssessmentRecord) =>
    [a.riskLevel ? ['Low', 'Medium', 'High', 'Critical'].indexOf(a.riskLevel) + 1 : 0, a.attackPathIds.length, ['Low', 'Medium', 'High', 'Critical'].indexOf(a.severity)];
  return {
    rows: () => [...latest.values()],
    ids: (filter: PostureFilter) => [...latest.values()].filter((a) => matches(a, filter)).map((a) => a.id).sort(),
    riskRank,
    stateOf,
  };
}
