// Runs the labelled prompt sets through the keyless planner on the demo tenant and reports accuracy.
// dev.json is the set the planner was developed with; frozen.json (written by someone else) is held out.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedAction } from '../../src/actions/registry';
import type { PostureEngine } from '../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import type { ActiveListSummary } from '../../src/planner/activeList';
import { createConceptLexicon } from '../../src/planner/conceptLexicon';
import { planMessage } from '../../src/planner/planMessage';
import { analyzeParamsSchema, type AnalyzeFilter } from '../../src/actions/contracts/analyze';
import { applyRefine, nextActiveList } from './support/activeListSim';
import { DEMO_TENANT_PATH, loadDemoEngine } from './support/demoTenant';
import { compareParameters, readLabelledSet, type Label } from './support/labelledSet';
import { resourcesOf } from './support/resourcesOf';
import { moduleRegistry } from '../support/moduleRegistry';

const DEV_THRESHOLD = 0.9;
const FROZEN_THRESHOLD = 0.75;
/**
 * frozen2.json (issues 10 and 11) is reported, not tuned on (its failures stay hidden): it scored 35/50 on its first
 * run, 37/50 after the catalog subject words and more time phrasings, and 38/50 after classes of failure found in
 * new dev prompts (declined destructive/code-writing requests, thanks with praise, riskiest <type>, how many CVEs,
 * multi-word CVE nicknames, subjects holding a type word). The floor is that score, the first set's 75% bar met.
 */
const FROZEN2_FLOOR = 0.76;
/**
 * frozen3.json: 50 SOC-analyst prompts written by the convo helper before those planner changes, run hidden like the
 * others: 43/50 on its first run, 45/50 after them. The floor is that score.
 */
const FROZEN3_FLOOR = 0.9;
const STRICT_TOTALS = process.env.STRICT_DEMO_TOTALS === '1';
const lexicon = createConceptLexicon();
const registries = new Map<PostureEngine, ReturnType<typeof moduleRegistry>['registry']>();
function registryFor(engine: PostureEngine) {
  let registry = registries.get(engine);
  if (!registry) registries.set(engine, (registry = moduleRegistry(engine).registry));
  return registry;
}

function plan(engine: PostureEngine, prompt: string, active: ActiveListSummary | undefined): PlannedAction {
  const actions = planMessage(prompt, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: !!active, ...(active ? { activeList: active } : {}), lexicon });
  if (actions.length !== 1 || !actions[0]) throw new Error(`expected one action, got ${JSON.stringify(actions)}`);
  return actions[0];
}

function check(engine: PostureEngine, label: Label): string[] {
  let active: ActiveListSummary | undefined;
  for (const previous of label.context?.previous ?? []) active = nextActiveList(active, plan(engine, previous, active));
  const action = plan(engine, label.prompt, active);
  const problems: string[] = [];
  // The registry every module registers into is the one validator a plan must pass.
  for (const p of registryFor(engine).checkPlan([action])) problems.push(`invalid plan: ${p.action} ${p.path}: ${p.message} (${JSON.stringify(action.parameters)})`);
  if (action.name !== label.expect.action) return [...problems, `action: expected ${label.expect.action}, got ${action.name} ${JSON.stringify(action.parameters)}`];
  if (label.expect.parameters) problems.push(...compareParameters(label.expect.parameters, action.parameters));
  const resources = label.expect.resources;
  if (resources && (action.name === 'analyze' || action.name === 'refine')) {
    const filter: AnalyzeFilter = action.name === 'analyze' ? analyzeParamsSchema.parse(action.parameters).filter : applyRefine(active?.filter ?? {}, action.parameters);
    const found = resourcesOf(engine, filter);
    // The labelled filter run live is the reference; the pinned total only counts when asked for (the demo tenant
    // is regenerated as it grows: refresh with REFRESH_PLANNER_LABELS=1).
    const labelled = label.expect.parameters?.filter;
    if (action.name === 'analyze' && labelled && typeof labelled === 'object') {
      const reference = resourcesOf(engine, analyzeParamsSchema.parse({ filter: labelled }).filter);
      if (reference.total !== found.total) problems.push(`resources: the labelled filter finds ${reference.total} rows, the planned one ${found.total}`);
    }
    if (STRICT_TOTALS && resources.total !== undefined && found.total !== resources.total) problems.push(`resources: expected ${resources.total} rows, got ${found.total}`);
    for (const name of resources.includes ?? []) if (!found.names.has(name)) problems.push(`resources: ${name} missing`);
  }
  return problems;
}

/** The held-out set's failures are not printed unless asked for, so whoever tunes the planner does not see them. */
function runSet(engine: PostureEngine, name: string, labels: Label[], showFailures = true): number {
  const failures: string[] = [];
  for (const label of labels) {
    const problems = check(engine, label);
    if (problems.length > 0) failures.push(`${label.id} ${JSON.stringify(label.prompt)}\n    ${problems.join('\n    ')}`);
  }
  const accuracy = (labels.length - failures.length) / labels.length;
  const details = showFailures && failures.length ? `\n  ${failures.join('\n  ')}` : '';
  console.log(`${name}: ${labels.length - failures.length}/${labels.length} = ${(accuracy * 100).toFixed(1)}%${details}`);
  return accuracy;
}

const here = join(__dirname, 'labelled');
const haveDemo = existsSync(DEMO_TENANT_PATH);
if (!haveDemo) console.warn(`labelled set skipped: the demo tenant is not at ${DEMO_TENANT_PATH}`);
const maybe = haveDemo ? describe : describe.skip;

maybe('labelled prompt sets on the demo tenant', () => {
  let engine: PostureEngine;
  beforeAll(async () => {
    engine = await loadDemoEngine();
  });

  it(`dev set: at least ${DEV_THRESHOLD * 100}% right, and 160 prompts or more`, () => {
    const labels = readLabelledSet(join(here, 'dev.json'));
    expect(labels.length).toBeGreaterThanOrEqual(160);
    expect(runSet(engine, 'dev', labels)).toBeGreaterThanOrEqual(DEV_THRESHOLD);
  });

  const frozenPath = join(here, 'frozen.json');
  (existsSync(frozenPath) ? it : it.skip)(`frozen set (held out): at least ${FROZEN_THRESHOLD * 100}% right`, () => {
    const accuracy = runSet(engine, 'frozen', readLabelledSet(frozenPath), process.env.SHOW_FROZEN_FAILURES === '1');
    expect(accuracy).toBeGreaterThanOrEqual(FROZEN_THRESHOLD);
  });

  // The second held-out set (issues 10 and 11's kinds: time, change, executive summary, top N, staying on topic).
  const frozen2Path = join(here, 'frozen2.json');
  (existsSync(frozen2Path) ? it : it.skip)(`second frozen set (held out): no lower than its last score, ${FROZEN2_FLOOR * 100}%`, () => {
    const accuracy = runSet(engine, 'frozen2', readLabelledSet(frozen2Path), process.env.SHOW_FROZEN_FAILURES === '1');
    expect(accuracy).toBeGreaterThanOrEqual(FROZEN2_FLOOR);
  });

  // The third held-out set (SOC-analyst phrasings, written by the convo helper before its planner changes, never tuned on).
  const frozen3Path = join(here, 'frozen3.json');
  (existsSync(frozen3Path) ? it : it.skip)(`third frozen set (held out): at least ${FROZEN3_FLOOR * 100}%`, () => {
    const accuracy = runSet(engine, 'frozen3', readLabelledSet(frozen3Path), process.env.SHOW_FROZEN_FAILURES === '1');
    expect(accuracy).toBeGreaterThanOrEqual(FROZEN3_FLOOR);
  });
});
