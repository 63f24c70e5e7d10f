// Answers above single rows, over the columnar table: CVEs counted per affected resource, resources rolled up and
// ranked by risk, and attack paths with the open recommendations that break them. All three scan the rows the
// filter selects once and materialize only what is shown.
import type { PostureFilter, RecommendationRow } from '../engine';
import type {
  AttackPathAnswer,
  AttackPathEntity,
  AttackPathRequest,
  AttackPathResult,
  ResourceRequest,
  ResourceResult,
  ResourceSummary,
  VulnerabilityRequest,
  VulnerabilityResult,
  VulnerabilitySummary,
} from '../insights';
import { RISK_LEVELS, SEVERITIES, type AttackPathRecord, type Severity } from '../model';
import { cloudOf, riskOf, severityOf, statusCode } from './codecs';
import { createOrder, TopK } from './ranking';
import { findRow } from './rowLookup';
import { subscriptionLabel, toRow } from './rows';
import type { PostureTable } from './table';

/** Visits the rows a filter selects (the engine's scan, with viewer scope applied). */
export type RowScan = (filter: PostureFilter, visit: (row: number) => void) => void;

const MAX_SOFTWARE = 5;
const DEFAULT_PER_RESOURCE = 5;

export function vulnerabilitiesOf(t: PostureTable, scan: RowScan, request: VulnerabilityRequest, page: { offset: number; limit: number }): VulnerabilityResult {
  // One scan marks the matching rows; then each CVE's rows (ascending) are counted, resources once each via a stamp.
  const matched = new Uint8Array(t.rowCount);
  scan(request.filter, (row) => {
    matched[row] = 1;
  });
  interface Tally {
    rows: number;
    resources: number;
    fix: boolean;
    worstRowSeverity: number;
  }
  const tallies = new Map<number, Tally>();
  const { offsets, rows } = t.cves.byCode;
  const stamp = new Int32Array(t.dict.resource.size).fill(-1);
  for (let code = 0; code + 1 < offsets.length; code++) {
    let tally: Tally | undefined;
    for (let i = offsets[code] as number; i < (offsets[code + 1] as number); i++) {
      const row = rows[i] as number;
      if (matched[row] !== 1) continue;
      tally ??= { rows: 0, resources: 0, fix: false, worstRowSeverity: 0 };
      tally.rows++;
      const resource = t.columns.resource[row] as number;
      if (stamp[resource] !== code) {
        stamp[resource] = code;
        tally.resources++;
      }
      if (t.columns.fixState[row] === 2) tally.fix = true;
      tally.worstRowSeverity = Math.max(tally.worstRowSeverity, t.columns.severity[row] as number);
    }
    if (tally) tallies.set(code, tally);
  }
  const items: VulnerabilitySummary[] = [];
  for (const [code, tally] of tallies) {
    const info = t.cveInfo.get(code);
    const item: VulnerabilitySummary = {
      cveId: t.dict.cve.value(code),
      resourceCount: tally.resources,
      recommendationCount: tally.rows,
      fixAvailable: tally.fix,
      software: [...(t.cveSoftware.get(code) ?? [])].slice(0, MAX_SOFTWARE).map((s) => t.dict.software.value(s)),
    };
    if (info?.title !== undefined) item.title = info.title;
    // Without a CVE severity, the worst severity of the recommendations naming it stands in.
    const severity = info?.severity ?? (tally.worstRowSeverity > 0 ? severityOf(tally.worstRowSeverity) : undefined);
    if (severity !== undefined) item.severity = severity;
    if (info?.score !== undefined) item.score = info.score;
    items.push(item);
  }
  items.sort((a, b) => b.resourceCount - a.resourceCount || (b.score ?? -1) - (a.score ?? -1) || severityRank(b.severity) - severityRank(a.severity) || (a.cveId < b.cveId ? -1 : a.cveId > b.cveId ? 1 : 0));
  return { total: items.length, offset: page.offset, items: items.slice(page.offset, page.offset + page.limit) };
}

function severityRank(severity: Severity | undefined): number {
  return severity === undefined ? 0 : SEVERITIES.indexOf(severity) + 1;
}

export function resourcesOf(t: PostureTable, scan: RowScan, request: ResourceRequest, page: { offset: number; limit: number }, todayStart: number): ResourceResult {
  const c = t.columns;
  const size = t.dict.resource.size;
  const best = new Int32Array(size).fill(-1);
  const counts = new Uint32Array(size);
  const order = createOrder(t, 'risk');
  const rank = c.riskRank;
  scan(request.filter, (row) => {
    const resource = c.resource[row] as number;
    counts[resource] = (counts[resource] as number) + 1;
    const current = best[resource] as number;
    // riskRank settles almost every comparison; the full order only breaks its ties.
    if (current < 0 || (rank[row] as number) > (rank[current] as number) || (rank[row] === rank[current] && order.compare(row, current) < 0)) best[resource] = row;
  });
  // Resources ranked by their worst matching recommendation, then by how many match, then by name: top-k selection
  // over resource codes (a full sort of every matching resource costs more than the page needs).
  const resourceOrder = {
    primary: (code: number) => (rank[best[code] as number] as number) * 2 ** 21 + Math.min(counts[code] as number, 2 ** 21 - 1),
    compare: (a: number, b: number) => order.compare(best[a] as number, best[b] as number) || (counts[b] as number) - (counts[a] as number) || a - b,
  };
  const top = new TopK(page.offset + page.limit, resourceOrder);
  let total = 0;
  for (let code = 0; code < size; code++) {
    if ((counts[code] as number) === 0) continue;
    total++;
    top.offer(code);
  }
  const shown = top.sorted().slice(page.offset, page.offset + page.limit);
  const perResource = Math.max(0, Math.min(50, Math.floor(request.recommendationsPerResource ?? DEFAULT_PER_RESOURCE)));
  const wanted = new Set(shown);
  const tops = new Map<number, TopK>();
  const detail = new Map<number, { severities: Record<Severity, number>; paths: number; cves: Set<number>; owners: Set<number> }>();
  for (const code of shown) {
    tops.set(code, new TopK(perResource, order));
    detail.set(code, { severities: { Low: 0, Medium: 0, High: 0, Critical: 0 }, paths: 0, cves: new Set(), owners: new Set() });
  }
  if (shown.length > 0) {
    // Second pass over the shown resources' rows only: the filter again, with the resources pinned.
    const ids = shown.map((code) => t.dict.resource.value(code));
    scan({ ...request.filter, resourceIds: ids }, (row) => {
      const resource = c.resource[row] as number;
      if (!wanted.has(resource)) return;
      tops.get(resource)?.offer(row);
      const d = detail.get(resource);
      if (!d) return;
      const severity = severityOf(c.severity[row] as number);
      d.severities[severity]++;
      d.paths = Math.max(d.paths, c.attackPaths[row] as number);
      const owner = c.owner[row] as number;
      if (owner >= 0) d.owners.add(owner);
      const offsets = t.cves.byRow.offsets;
      if (row + 1 < offsets.length) for (let i = offsets[row] as number; i < (offsets[row + 1] as number); i++) d.cves.add(t.cves.byRow.rows[i] as number);
    });
  }
  const items = shown.map((code): ResourceSummary => {
    const row = best[code] as number;
    const d = detail.get(code);
    const subscription = c.subscription[row] as number;
    const item: ResourceSummary = {
      resourceId: t.dict.resource.value(code),
      resourceName: t.dict.resourceName.value(c.resourceName[row] as number),
      resourceType: t.dict.resourceType.value(c.resourceType[row] as number),
      cloud: cloudOf(c.cloud[row] as number),
      highestSeverity: highestSeverity(d?.severities),
      count: counts[code] as number,
      severityCounts: d?.severities ?? { Low: 0, Medium: 0, High: 0, Critical: 0 },
      attackPathCount: d?.paths ?? 0,
      cveCount: d?.cves.size ?? 0,
      owners: [...(d?.owners ?? [])].map((owner) => t.dict.owner.value(owner)).sort(),
      recommendations: (tops.get(code)?.sorted() ?? []).map((r) => toRow(t, r, todayStart)),
    };
    const risk = riskOf(c.risk[row] as number);
    if (risk) item.riskLevel = risk;
    const group = t.dict.resourceGroup.optional(c.resourceGroup[row] as number);
    if (group !== undefined) item.resourceGroup = group;
    if (subscription >= 0) {
      item.subscriptionId = t.dict.subscription.value(subscription);
      const name = subscriptionLabel(t, subscription);
      if (name !== undefined) item.subscriptionName = name;
    }
    return item;
  });
  return { total, offset: page.offset, items };
}

function highestSeverity(counts: Record<Severity, number> | undefined): Severity {
  if (!counts) return 'Low';
  for (const severity of [...SEVERITIES].reverse()) if (counts[severity] > 0) return severity;
  return 'Low';
}

/** Built once per table: lower-cased path id / name -> rows whose risk references it. */
const pathRowsCache = new WeakMap<PostureTable, Map<string, number[]>>();

function rowsReferencingPaths(t: PostureTable): Map<string, number[]> {
  let map = pathRowsCache.get(t);
  if (map) return map;
  map = new Map();
  for (const [row, ids] of t.sparse.attackPathIds) {
    if (t.live[row] !== 1) continue;
    for (const id of ids) {
      const key = id.toLowerCase();
      const list = map.get(key);
      if (list) list.push(row);
      else map.set(key, [row]);
    }
  }
  pathRowsCache.set(t, map);
  return map;
}

/** Per path (by position), the rows that reference it or that it references; built once per table. */
const candidatesCache = new WeakMap<PostureTable, number[][]>();

function pathCandidates(t: PostureTable): number[][] {
  const unhealthy = statusCode('Unhealthy');
  let cached = candidatesCache.get(t);
  if (cached) return cached;
  const references = rowsReferencingPaths(t);
  cached = t.attackPaths.map((path) => {
    const rows = new Set<number>();
    for (const row of references.get(path.id.toLowerCase()) ?? []) rows.add(row);
    for (const row of references.get(pathName(path.id)) ?? []) rows.add(row);
    for (const ref of path.assessmentRefs) {
      const row = ref.includes('/') ? findRow(t, ref) : undefined;
      if (row !== undefined) rows.add(row);
    }
    return [...rows].filter((row) => t.live[row] === 1 && t.columns.status[row] === unhealthy);
  });
  candidatesCache.set(t, cached);
  return cached;
}

function pathName(id: string): string {
  return (id.split('/').filter(Boolean).pop() ?? id).toLowerCase();
}

export function attackPathsOf(
  t: PostureTable,
  request: AttackPathRequest,
  page: { offset: number; limit: number },
  todayStart: number,
  visible: Uint8Array | undefined,
): AttackPathResult {
  const order = createOrder(t, 'risk');
  const entity = (id: string, names: Record<string, string>): AttackPathEntity => {
    const code = t.dict.resource.find(id);
    const fromRows = code === undefined ? undefined : resourceNameOf(t, code);
    return { id, name: names[id] ?? fromRows ?? (id.split('/').filter(Boolean).pop() ?? id) };
  };
  const needle = request.resourceText?.trim().toLowerCase();
  const wantedIds = new Set((request.resourceIds ?? []).map((id) => id.trim().toLowerCase()).filter(Boolean));
  const answers: Array<{ path: AttackPathRecord; answer: AttackPathAnswer; rank: number; open: number[] }> = [];
  const candidates = pathCandidates(t);
  for (const [index, path] of t.attackPaths.entries()) {
    if (wantedIds.size > 0 && !pathTouches(path, wantedIds)) continue;
    // Candidates are already live and open (the table is frozen); only the viewer's scope is applied per query.
    const all = candidates[index] ?? [];
    const open = visible === undefined ? all : all.filter((row) => visible[row] === 1);
    // Under a narrowed scope, a path shows only to someone who sees a recommendation on it.
    if (visible !== undefined && open.length === 0) continue;
    // Names are resolved for the paths a text search needs them for, and for the page shown; not for every path.
    if (needle && !pathNames(path, entity).some((name) => name.toLowerCase().includes(needle)) && !path.displayName.toLowerCase().includes(needle)) continue;
    answers.push({ path, answer: undefined as unknown as AttackPathAnswer, rank: path.riskLevel ? RISK_LEVELS.indexOf(path.riskLevel) + 1 : 0, open });
  }
  answers.sort((a, b) => b.rank - a.rank || b.open.length - a.open.length || (a.path.displayName < b.path.displayName ? -1 : a.path.displayName > b.path.displayName ? 1 : 0) || (a.path.id < b.path.id ? -1 : 1));
  const items = answers.slice(page.offset, page.offset + page.limit).map(({ path, open }) => {
    const answer = describePath(path, entity);
    answer.recommendations = [...open].sort(order.compare).map((row) => toRow(t, row, todayStart));
    return answer;
  });
  return { total: answers.length, offset: page.offset, items };
}

/** Whether the path goes through one of these resources (ids lower-cased). */
function pathTouches(path: AttackPathRecord, wanted: ReadonlySet<string>): boolean {
  const ids = [path.entryPointId, path.targetId, ...path.resourceIds, ...path.steps.flatMap((s) => [s.from, s.to])];
  return ids.some((id) => id !== undefined && wanted.has(id.toLowerCase()));
}

function pathNames(path: AttackPathRecord, entity: (id: string, names: Record<string, string>) => AttackPathEntity): string[] {
  const ids = [path.entryPointId, path.targetId, ...path.steps.flatMap((s) => [s.from, s.to])].filter((id): id is string => id !== undefined);
  return ids.map((id) => entity(id, path.entityNames).name);
}

function resourceNameOf(t: PostureTable, code: number): string | undefined {
  const { offsets, rows } = t.indexes.resource;
  const start = offsets[code] as number;
  if (start === undefined || start >= (offsets[code + 1] as number)) return undefined;
  return t.dict.resourceName.value(t.columns.resourceName[rows[start] as number] as number);
}

function describePath(path: AttackPathRecord, entity: (id: string, names: Record<string, string>) => AttackPathEntity): AttackPathAnswer {
  const answer: AttackPathAnswer = {
    id: path.id,
    displayName: path.displayName,
    riskFactors: path.riskFactors,
    steps: path.steps.map((step) => {
      const out: AttackPathAnswer['steps'][number] = { from: entity(step.from, path.entityNames), to: entity(step.to, path.entityNames) };
      if (step.label !== undefined) out.label = step.label;
      return out;
    }),
    recommendations: [] as RecommendationRow[],
  };
  if (path.description !== undefined) answer.description = path.description;
  if (path.riskLevel !== undefined) answer.riskLevel = path.riskLevel;
  const entryId = path.entryPointId ?? path.steps[0]?.from;
  const targetId = path.targetId ?? path.steps[path.steps.length - 1]?.to;
  if (entryId) answer.entryPoint = entity(entryId, path.entityNames);
  else if (path.entryPoint) answer.entryPoint = { id: path.entryPoint, name: path.entryPoint };
  if (targetId) answer.target = entity(targetId, path.entityNames);
  else if (path.target) answer.target = { id: path.target, name: path.target };
  return answer;
}
