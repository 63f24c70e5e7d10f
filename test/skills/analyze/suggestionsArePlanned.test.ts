// Every follow-up the analyze skill suggests must be understood by the keyless planner as a follow-up on the
// list it was offered with, and must run: a suggestion the bot cannot act on is worse than none.
import { readActiveList } from '../../../src/planner/activeList';
import { planMessage } from '../../../src/planner/planMessage';
import type { PostureEngine } from '../../../src/posture/engine';
import type { Category } from '../../../src/posture/model';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import type { Reply } from '../../../src/views/reply';
import { loadDemoEngine } from '../../planner/support/demoTenant';
import { skillHarness } from './skillHarness';
import { pluralLabel, resourceTypeLabel } from '../../../src/views/postureLabels';

const QUESTIONS: Array<[string, unknown]> = [
  ['analyze', { filter: { riskLevels: ['Critical'], riskFactors: ['internetExposure'] } }],
  ['analyze', { filter: { riskLevels: ['Critical'] } }],
  ['analyze', {}],
  ['analyze', { filter: { governance: ['overdue'] } }],
  ['analyze', { filter: { findingSeverities: ['High'] } }],
  ['analyze', { filter: { clouds: ['AWS'] } }],
  ['analyze', { view: 'count', filter: { severities: ['High'] } }],
  ['analyze', { view: 'breakdown', groupBy: 'severity' }],
];

describe('suggested follow-ups on the demo tenant', () => {
  let engine: PostureEngine;
  beforeAll(async () => {
    engine = await loadDemoEngine();
  });

  it.each(QUESTIONS)('%s %j: each suggestion plans to a follow-up that runs', async (name, parameters) => {
    const first = skillHarness(engine);
    const reply = await first.run(name, parameters);
    expect(reply.suggestions?.length ?? 0).toBeGreaterThanOrEqual(2);
    for (const suggestion of reply.suggestions ?? []) {
      // Each suggestion is tried on a fresh copy of the conversation, as a user would pick one of them.
      const bot = skillHarness(engine);
      await bot.run(name, parameters);
      const activeList = readActiveList(Object.fromEntries(bot.memory));
      const planned = planMessage(suggestion, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: activeList !== undefined, ...(activeList ? { activeList } : {}) });
      expect({ suggestion, actions: planned.map((a) => a.name) }).toEqual({ suggestion, actions: [expect.stringMatching(/^(refine|details|showMore)$/)] });
      const asked = () => {
        const list = bot.memory.get('activeList') as { filter: unknown; view: string; groupBy?: string };
        return JSON.stringify([list.filter, list.view, list.groupBy]);
      };
      const before = asked();
      const answer: Reply = await bot.run(planned[0]!.name, planned[0]!.parameters);
      expect(answer.kind).toBeDefined();
      // A refinement must change what is asked (filter or view), not just repeat the list.
      if (planned[0]!.name === 'refine') expect({ suggestion, changed: asked() !== before }).toEqual({ suggestion, changed: true });
    }
  });
});

describe('"Just the …" for every resource type of the demo tenant', () => {
  let engine: PostureEngine;
  beforeAll(async () => {
    engine = await loadDemoEngine();
  });

  it('plans to a refinement that keeps that type', () => {
    const types = engine.vocabulary(SYSTEM_VIEWER, 'resourceType').filter((t) => t.toLowerCase() !== 'microsoft.resources/subscriptions');
    expect(types.length).toBeGreaterThanOrEqual(12);
    const misunderstood: string[] = [];
    for (const type of types) {
      const suggestion = `Just the ${pluralLabel(resourceTypeLabel(type)).toLowerCase()}`;
      const activeList = { filter: {}, shown: 10, total: 50 };
      const [planned] = planMessage(suggestion, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: true, activeList });
      const set = (planned?.parameters as { set?: { resourceTypes?: string[]; categories?: Category[] } } | undefined)?.set;
      const types = set?.resourceTypes ?? [];
      // A category refinement also keeps the type when every row of that type is in the category (GitHub
      // repositories: "repos" reads as DevOps).
      const ofType = engine.count(SYSTEM_VIEWER, { resourceTypes: [type] });
      const keptByCategory = !!set?.categories?.length && ofType > 0 && engine.count(SYSTEM_VIEWER, { resourceTypes: [type], categories: set.categories }) === ofType;
      if (planned?.name !== 'refine' || !(types.some((t) => t.toLowerCase() === type.toLowerCase()) || keptByCategory)) misunderstood.push(`${suggestion} -> ${JSON.stringify(planned)}`);
    }
    expect(misunderstood).toEqual([]);
  });
});
