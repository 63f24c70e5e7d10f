// One recommendation in full: its row, per-key texts, resource tags and location, governance, open findings
// under this recommendation (or all of the resource's findings when it is not their parent) and attack paths.
import type { AttackPathView, FindingView, RecommendationDetails, RecommendationRow } from '../engine';
import type { FindingRecord } from '../model';
import { toRow } from './rows';
import { portalLinkOf, type PostureTable } from './table';

/** The row must be live (see findRow). */
export function buildDetails(t: PostureTable, row: number, todayStart: number): RecommendationDetails {
  const c = t.columns;
  const base = toRow(t, row, todayStart);
  const info = t.keyInfo.get(c.key[row] as number);
  // Texts written for this row's cloud only: an Azure VM is never described by an AWS row's "EC2 instance" text.
  const texts = info?.cloudTexts ? (info.cloudTexts.get(c.cloud[row] as number) ?? {}) : info;
  const resourceCode = c.resource[row] as number;
  const resource = t.resources.get(resourceCode);
  const governance = t.governance[c.governance[row] as number];
  const labels = t.dict.riskLabels.optional(c.riskLabels[row] as number);
  const details: RecommendationDetails = {
    ...base,
    riskFactorLabels: labels ? labels.split('\u0000') : [],
    threats: info?.threats ?? [],
    tags: resource?.tags ?? {},
    findings: c.individualFinding[row] === 1 ? individualFindings(t, row, base) : findingsFor(t.findingsByResource.get(resourceCode) ?? [], base.key),
    attackPaths: attackPathsFor(t, row, base.assessmentId, base.key, base.resourceId),
  };
  const optional: Partial<RecommendationDetails> = {
    statusCause: t.dict.text.optional(c.statusCause[row] as number),
    statusDescription: t.dict.text.optional(c.statusDescription[row] as number),
    firstEvaluationDate: dateOf(c.firstEvaluation[row]),
    statusChangeDate: dateOf(c.statusChange[row]),
    description: texts?.description,
    remediationDescription: texts?.remediationDescription,
    assessmentType: info?.assessmentType,
    userImpact: info?.userImpact,
    implementationEffort: info?.implementationEffort,
    policyDefinitionId: info?.policyDefinitionId,
    nativeResourceId: t.sparse.nativeResourceId.get(row),
    connectorId: t.sparse.connectorId.get(row),
    portalLink: portalLinkOf(t.sparse, row, c.key[row] as number),
    iacRuleId: t.sparse.iacRuleId.get(row),
    location: resource?.location,
    isGracePeriod: governance?.isGracePeriod,
    etaDate: governance?.etaDate,
    etaJustification: governance?.etaJustification,
    ticketNumber: governance?.ticketNumber,
    ticketLink: governance?.ticketLink,
    ticketStatus: governance?.ticketStatus,
  };
  for (const [field, value] of Object.entries(optional)) if (value !== undefined) Object.assign(details, { [field]: value });
  return details;
}

/** An individual recommendation is a finding itself: one view per CVE it names, or one for itself when it names none. */
function individualFindings(t: PostureTable, row: number, base: RecommendationRow): FindingView[] {
  const fix = t.columns.fixState[row] as number;
  const withFix = (view: FindingView): FindingView => (fix === 0 ? view : { ...view, patchable: fix === 2 });
  const { offsets, rows } = t.cves.byRow;
  const views: FindingView[] = [];
  if (row + 1 < offsets.length) {
    for (let i = offsets[row] as number; i < (offsets[row + 1] as number); i++) {
      const code = rows[i] as number;
      const id = t.dict.cve.value(code);
      const info = t.cveInfo.get(code);
      const view: FindingView = { id: `${base.assessmentId}#${id}`, findingId: id, displayName: info?.title ?? id, severity: info?.severity ?? base.severity, status: base.status, cves: [id] };
      if (info?.score !== undefined) view.cvssScore = info.score;
      views.push(withFix(view));
    }
  }
  const order = { Critical: 0, High: 1, Medium: 2, Low: 3 } as const;
  if (views.length > 0) return views.sort((a, b) => order[a.severity] - order[b.severity] || (b.cvssScore ?? 0) - (a.cvssScore ?? 0));
  return [withFix({ id: base.assessmentId, findingId: base.key, displayName: base.displayName, severity: base.severity, status: base.status, cves: [] })];
}

function dateOf(value: number | undefined): number | undefined {
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

/** Findings of this recommendation when it is their parent; otherwise none (they belong to another row). */
function findingsFor(findings: FindingRecord[], key: string): FindingView[] {
  const order = { Critical: 0, High: 1, Medium: 2, Low: 3 } as const;
  return findings
    .filter((f) => f.parentKey === key.toLowerCase())
    .sort((a, b) => Number(b.status === 'Unhealthy') - Number(a.status === 'Unhealthy') || order[a.severity] - order[b.severity] || (b.cvssScore ?? 0) - (a.cvssScore ?? 0))
    .map((f) => {
      const view: FindingView = { id: f.id, findingId: f.findingId, displayName: f.displayName, severity: f.severity, status: f.status, cves: f.cves };
      if (f.cvssScore !== undefined) view.cvssScore = f.cvssScore;
      if (f.patchable !== undefined) view.patchable = f.patchable;
      if (f.category !== undefined) view.category = f.category;
      if (f.description !== undefined) view.description = f.description;
      if (f.remediation !== undefined) view.remediation = f.remediation;
      return view;
    });
}

function attackPathsFor(t: PostureTable, row: number, id: string, key: string, resourceId: string): AttackPathView[] {
  const lowerId = id.toLowerCase();
  const lowerKey = key.toLowerCase();
  const resource = resourceId.toLowerCase();
  const own = new Set((t.sparse.attackPathIds.get(row) ?? []).map((p) => p.toLowerCase()));
  // A path naming only the recommendation key (no resources) concerns every resource with it.
  return t.attackPaths
    .filter((p) => {
      const refs = p.assessmentRefs.map((ref) => ref.toLowerCase());
      return (
        own.has(p.id.toLowerCase()) ||
        refs.includes(lowerId) ||
        p.resourceIds.some((r) => r.toLowerCase() === resource) ||
        (refs.includes(lowerKey) && p.resourceIds.length === 0)
      );
    })
    .map((p) => {
      const view: AttackPathView = { id: p.id, displayName: p.displayName };
      if (p.riskLevel !== undefined) view.riskLevel = p.riskLevel;
      if (p.description !== undefined) view.description = p.description;
      if (p.entryPoint !== undefined) view.entryPoint = p.entryPoint;
      if (p.target !== undefined) view.target = p.target;
      return view;
    });
}
