// Materializes result rows from columns: only for the page being shown, never for every match.
import type { RecommendationRow } from '../engine';
import { categoriesOf, cloudOf, governanceOf, riskFactorsOf, riskOf, severityOf, statusOf } from './codecs';
import { governanceStateCode } from './governance';
import { assessmentIdOf } from './rowLookup';
import type { StringDictionary } from './dictionary';
import type { PostureTable, RowTerms } from './table';

/** The row's codes in a row<->term relation, as display values (at most `limit`). */
export function termsOf(terms: RowTerms, dict: StringDictionary, row: number, limit: number): string[] {
  const { offsets, rows } = terms.byRow;
  if (row + 1 >= offsets.length) return [];
  const out: string[] = [];
  const end = Math.min(offsets[row + 1] as number, (offsets[row] as number) + limit);
  for (let i = offsets[row] as number; i < end; i++) out.push(dict.value(rows[i] as number));
  return out;
}

function hasTerms(terms: RowTerms, row: number): boolean {
  const { offsets } = terms.byRow;
  return row + 1 < offsets.length && (offsets[row + 1] as number) > (offsets[row] as number);
}

export function subscriptionLabel(t: PostureTable, code: number): string | undefined {
  if (code < 0) return undefined;
  return t.subscriptionNames.get(code) ?? t.dict.subscription.value(code);
}

/** Rows whose assessment id a table keeps (about 1 MB of ids); past that the kept ids are dropped and kept anew. */
export const KEPT_IDS = 4096;
const keptIds = new WeakMap<PostureTable, Map<number, string>>();

/**
 * The row's assessment id, the same string each time the row is shown again (the top rows of a tenant come back in
 * list after list). Built afresh it is a new concatenation of the resource id and the key: every reader that hashes
 * or compares it (card refs, shown refs, reply records) then flattens and hashes ~200 characters again, ~5k
 * instructions an id; a kept string is hashed once. A table's ids never change (a change in chat makes a new table).
 */
export function rowAssessmentId(t: PostureTable, row: number): string {
  let kept = keptIds.get(t);
  if (!kept) keptIds.set(t, (kept = new Map()));
  let id = kept.get(row);
  if (id === undefined) {
    if (kept.size >= KEPT_IDS) kept.clear();
    kept.set(row, (id = assessmentIdOf(t, row)));
  }
  return id;
}

export function toRow(t: PostureTable, row: number, todayStart: number): RecommendationRow {
  const c = t.columns;
  const subscription = c.subscription[row] as number;
  const due = c.dueDate[row] as number;
  const out: RecommendationRow = {
    assessmentId: rowAssessmentId(t, row),
    key: t.dict.key.value(c.key[row] as number),
    displayName: t.dict.name.value(c.name[row] as number),
    status: statusOf(c.status[row] as number),
    severity: severityOf(c.severity[row] as number),
    riskFactors: riskFactorsOf(c.riskFactors[row] as number),
    attackPathCount: c.attackPaths[row] as number,
    categories: categoriesOf(c.categories[row] as number),
    cloud: cloudOf(c.cloud[row] as number),
    resourceId: t.dict.resource.value(c.resource[row] as number),
    resourceName: t.dict.resourceName.value(c.resourceName[row] as number),
    resourceType: t.dict.resourceType.value(c.resourceType[row] as number),
    governance: governanceOf(governanceStateCode(c, row, todayStart)),
    findingCount: c.findingCount[row] as number,
  };
  const risk = riskOf(c.risk[row] as number);
  if (risk) out.riskLevel = risk;
  const group = t.dict.resourceGroup.optional(c.resourceGroup[row] as number);
  if (group !== undefined) out.resourceGroup = group;
  if (subscription >= 0) {
    out.subscriptionId = t.dict.subscription.value(subscription);
    out.subscriptionName = subscriptionLabel(t, subscription);
  }
  const owner = t.dict.owner.optional(c.owner[row] as number);
  if (owner !== undefined) out.owner = owner;
  if (!Number.isNaN(due)) out.dueDate = due;
  const category = t.dict.recommendationCategory.optional(c.recommendationCategory[row] as number);
  if (category !== undefined) out.recommendationCategory = category;
  // Most rows have neither: no list is built for them.
  if (hasTerms(t.cves, row)) {
    const cves = termsOf(t.cves, t.dict.cve, row, 10);
    if (cves.length) out.cves = cves;
  }
  const software = hasTerms(t.software, row) ? termsOf(t.software, t.dict.software, row, 1)[0] : undefined;
  if (software !== undefined) out.software = software;
  const fix = c.fixState[row] as number;
  if (fix !== 0) out.fixAvailable = fix === 2;
  const fixedVersion = t.dict.text.optional(c.fixedVersion[row] as number);
  if (fixedVersion !== undefined) out.fixedVersion = fixedVersion;
  const detected = t.dict.text.optional(c.detectedVersions[row] as number);
  if (detected !== undefined) out.detectedVersions = detected;
  return out;
}
