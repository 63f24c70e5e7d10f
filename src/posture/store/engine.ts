// The columnar PostureEngine: filters compile to code checks, candidates come from the most selective index,
// lists use top-k selection, and the clock is read per query for governance state.
import { containerKey } from './builder';
import type { ChangeablePostureEngine, EngineCapabilities, PostureFilter, SearchResult, StatusRow } from '../engine';
import { statusOf } from './codecs';
import { applyChanges } from './changes';
import type { Viewer } from '../viewer';
import { buildDetails } from './details';
import { compileFilter, type CandidatePlan, type CompiledFilter } from './filter';
import { startOfUtcDay } from './governance';
import { governanceIndexOf } from './governanceIndex';
import { warmQueryIndexes } from './rowBitmaps';
import { countRows, forEachRow } from './rowSet';
import { createGrouper } from './grouping';
import { createOrder, TopK } from './ranking';
import { assessmentIdOf, findRow } from './rowLookup';
import { toRow } from './rows';
import { byAccessScope, coversSubscription, scopeKey, type ScopeResolver } from './scope';
import { summarizeSecureScore } from './secureScore';
import type { PostureTable } from './table';
import { createScopedVocabulary, createVocabulary, type Vocabulary } from './vocabulary';
import { attackPathsOf, resourcesOf, vulnerabilitiesOf } from './insights';
import { keepNewest } from '../../collections/keepNewest';

export interface ColumnarEngineOptions {
  now?: () => number;
  scope?: ScopeResolver;
  /** Forces how filters draw candidates (tests compare each way with a row-by-row reference); default 'auto'. */
  plan?: CandidatePlan;
}

/** What an engine derived by withChanges takes over from its base instead of computing it again. */
interface Inherited {
  vocabulary: Vocabulary;
  ownersChanged: boolean;
  secureScore: ReturnType<typeof summarizeSecureScore>;
}

/** Most results a single page may ask for; larger limits are clamped rather than refused. */
export const MAX_PAGE = 10_000;
const DEFAULT_FUZZY_LIMIT = 5;
/** Secure scores kept for scoped viewers (one per scope; the first computed is dropped first, as reads do not renew one). */
const MAX_SCOPED_SCORES = 64;

export function createColumnarEngine(table: PostureTable, options: ColumnarEngineOptions = {}, inherited?: Inherited): ChangeablePostureEngine {
  const now = options.now ?? Date.now;
  const scope = options.scope ?? byAccessScope;
  const vocabulary = inherited
    ? createVocabulary(table, { from: inherited.vocabulary, changed: inherited.ownersChanged ? ['owner'] : [] })
    : createVocabulary(table);
  const secureScore = inherited ? inherited.secureScore : summarizeSecureScore(table);
  // Per visible-row array (the resolver keeps one per scope): a scoped viewer's names, counts and score.
  const scopedVocabularies = new WeakMap<Uint8Array, Vocabulary>();
  const scopedCounts = new WeakMap<Uint8Array, { assessments: number; resources: number }>();
  const scopedScores = new Map<string, ReturnType<typeof summarizeSecureScore>>();
  const vocabularyOf = (viewer: Viewer): Vocabulary => {
    const visible = scope(table, viewer);
    if (!visible) return vocabulary;
    let scoped = scopedVocabularies.get(visible);
    if (!scoped) scopedVocabularies.set(visible, (scoped = createScopedVocabulary(table, visible)));
    return scoped;
  };
  // Every plan asks capabilities (hasRiskData): a scoped viewer's counts are kept with its visible rows, not
  // recounted over every row on every turn (rows' liveness is fixed per table; a change makes a new table).
  const countsOf = (visible: Uint8Array): { assessments: number; resources: number } => {
    let counts = scopedCounts.get(visible);
    if (counts === undefined) {
      let assessments = 0;
      const { live } = table;
      for (let row = 0; row < visible.length; row++) if (visible[row] === 1 && live[row] === 1) assessments++;
      counts = { assessments, resources: countResources(table, visible) };
      scopedCounts.set(visible, counts);
    }
    return counts;
  };
  // Built with the engine on a fresh load (counted in load time); a table derived by withChanges builds its own on first use.
  if (!inherited) {
    governanceIndexOf(table);
    warmQueryIndexes(table);
  }

  const walk = (compiled: CompiledFilter, visit: (row: number) => void): void => {
    if (compiled.none) return;
    if (compiled.rows) {
      const { residual } = compiled;
      forEachRow(compiled.rows, residual ? (row) => residual(row) && visit(row) : visit);
      return;
    }
    const { test } = compiled;
    const { offsets, rows } = compiled.source.index;
    for (const code of compiled.source.codes) {
      const end = offsets[code + 1] ?? 0;
      for (let i = offsets[code] ?? 0; i < end; i++) {
        const row = rows[i] as number;
        if (test(row)) visit(row);
      }
    }
  };
  const compile = (viewer: Viewer, filter: PostureFilter, todayStart: number): CompiledFilter =>
    compileFilter(table, filter ?? {}, todayStart, scope(table, viewer), options.plan);
  const scan = (viewer: Viewer, filter: PostureFilter, todayStart: number, visit: (row: number) => void): void =>
    walk(compile(viewer, filter, todayStart), visit);

  const engine: ChangeablePostureEngine = {
    capabilities(viewer): EngineCapabilities {
      const visible = scope(table, viewer);
      const counts = visible ? countsOf(visible) : undefined;
      return {
        hasRiskData: table.hasRiskData,
        hasAttackPaths: table.hasAttackPathRows || table.attackPaths.length > 0,
        hasGovernance: table.governance.length > 0,
        hasFindings: table.findingCount > 0,
        hasSecureScore: secureScore !== undefined,
        assessmentCount: counts ? counts.assessments : table.liveCount,
        resourceCount: counts ? counts.resources : table.resourceCount,
      };
    },

    search(viewer, request): SearchResult {
      const todayStart = startOfUtcDay(now());
      const offset = clampInt(request.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = clampInt(request.limit, 0, MAX_PAGE);
      const top = new TopK(offset + limit, createOrder(table, request.sort ?? 'risk'));
      let total = 0;
      const compiled = compile(viewer, request.filter, todayStart);
      const grouper = request.groupBy ? createGrouper(table, request.groupBy, todayStart) : undefined;
      if (compiled.rows && !compiled.none) {
        total = top.offerSet(compiled.rows, compiled.residual);
        grouper?.visitSet(compiled.rows, compiled.residual);
      } else
        walk(compiled, (row) => {
          total++;
          top.offer(row);
          grouper?.visit(row);
        });
      // Pushed, not mapped: map's result is packed or holey depending on whether this code is optimized, and every
      // reader of the page deoptimizes when that changes.
      const items: SearchResult['items'] = [];
      for (const row of top.sorted().slice(offset, offset + limit)) items.push(toRow(table, row, todayStart));
      return grouper ? { total, offset, items, groups: grouper.finish() } : { total, offset, items };
    },

    statusRows(start, limit) {
      const from = clampInt(start, 0, table.rowCount);
      const end = Math.min(table.rowCount, from + clampInt(limit, 0, Number.MAX_SAFE_INTEGER));
      const c = table.columns;
      const items: StatusRow[] = [];
      for (let row = from; row < end; row++) {
        if (!table.live[row]) continue; // a row another load or a change retired
        items.push({
          assessmentId: assessmentIdOf(table, row),
          status: statusOf(c.status[row] as number),
          displayName: table.dict.name.value(c.name[row] as number),
          resourceName: table.dict.resourceName.value(c.resourceName[row] as number),
        });
      }
      return end < table.rowCount ? { items, next: end } : { items };
    },

    count(viewer, filter) {
      const compiled = compile(viewer, filter, startOfUtcDay(now()));
      if (compiled.none) return 0;
      if (compiled.rows && !compiled.residual) return countRows(compiled.rows);
      let total = 0;
      walk(compiled, () => total++);
      return total;
    },

    group(viewer, filter, by) {
      const todayStart = startOfUtcDay(now());
      const grouper = createGrouper(table, by, todayStart);
      const compiled = compile(viewer, filter, todayStart);
      if (compiled.rows && !compiled.none) grouper.visitSet(compiled.rows, compiled.residual);
      else walk(compiled, grouper.visit);
      return grouper.finish();
    },

    details(viewer, assessmentId) {
      if (typeof assessmentId !== 'string' || !assessmentId.trim()) return undefined;
      const row = findRow(table, assessmentId);
      if (row === undefined) return undefined;
      const visible = scope(table, viewer);
      if (visible && visible[row] !== 1) return undefined;
      return buildDetails(table, row, startOfUtcDay(now()));
    },

    containerTags(subscriptionId, resourceGroup) {
      return table.containerTags.get(containerKey(subscriptionId, resourceGroup));
    },

    vocabulary(viewer, field) {
      return vocabularyOf(viewer).values(field);
    },

    fuzzyFind(viewer, field, text, limit = DEFAULT_FUZZY_LIMIT) {
      if (typeof text !== 'string') return [];
      return vocabularyOf(viewer).fuzzy(field, text.slice(0, 200), clampInt(limit, 0, 100));
    },

    secureScore(viewer) {
      const access = viewer.scope;
      if (!access || secureScore === undefined) return secureScore;
      const key = scopeKey(access);
      if (!scopedScores.has(key)) {
        keepNewest(scopedScores, key, summarizeSecureScore(table, (id) => coversSubscription(access, id)), MAX_SCOPED_SCORES);
      }
      return scopedScores.get(key);
    },

    vulnerabilities(viewer, request) {
      const todayStart = startOfUtcDay(now());
      return vulnerabilitiesOf(table, (filter, visit) => scan(viewer, filter, todayStart, visit), request, pageOf(request));
    },

    resources(viewer, request) {
      const todayStart = startOfUtcDay(now());
      return resourcesOf(table, (filter, visit) => scan(viewer, filter, todayStart, visit), request, pageOf(request), todayStart);
    },

    attackPaths(viewer, request) {
      return attackPathsOf(table, request, pageOf(request), startOfUtcDay(now()), scope(table, viewer));
    },

    withChanges(changes) {
      const changed = applyChanges(table, changes);
      if (changed.applied === 0) return engine;
      return createColumnarEngine(changed.table, options, { vocabulary, ownersChanged: changed.ownersChanged, secureScore });
    },
  };
  return engine;
}

/** Distinct resources among a viewer's live rows. */
function countResources(table: PostureTable, visible: Uint8Array): number {
  const seen = new Uint8Array(table.dict.resource.size);
  let count = 0;
  for (let row = 0; row < table.rowCount; row++) {
    if (visible[row] !== 1 || table.live[row] !== 1) continue;
    const resource = table.columns.resource[row] as number;
    if (resource >= 0 && seen[resource] === 0) {
      seen[resource] = 1;
      count++;
    }
  }
  return count;
}

function pageOf(request: { offset?: number; limit: number }): { offset: number; limit: number } {
  return { offset: clampInt(request.offset ?? 0, 0, Number.MAX_SAFE_INTEGER), limit: clampInt(request.limit, 0, MAX_PAGE) };
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
