// Whole turns on the demo tenant for the answers above single recommendations: the keyless planner reads the
// message, the registry validates and runs the planned action, the skill answers with a card built from the engine.
import { planMessage } from '../../../src/planner/planMessage';
import { readActiveList } from '../../../src/planner/activeList';
import type { PostureEngine } from '../../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import type { AttackPathsView, ResourcesView, VulnerabilitiesView } from '../../../src/views/insightViews';
import { loadDemoEngine } from '../../planner/support/demoTenant';
import { cardModel, skillHarness } from './skillHarness';

let engine: PostureEngine;
beforeAll(async () => {
  engine = await loadDemoEngine();
});

async function turn(message: string) {
  const planned = planMessage(message, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: false });
  expect(planned).toHaveLength(1);
  const bot = skillHarness(engine);
  const reply = await bot.run(planned[0]!.name, planned[0]!.parameters);
  return { action: planned[0]!, reply };
}

describe('vulnerability questions', () => {
  it('"CVE-2021-44228" lists that CVE with its counts and the resources it is on', async () => {
    const { action, reply } = await turn('CVE-2021-44228');
    expect(action).toEqual({ name: 'vulnerabilities', parameters: { cves: ['CVE-2021-44228'] } });
    const view = cardModel(reply, 'vulnerabilities') as unknown as VulnerabilitiesView;
    expect(view.rows).toHaveLength(1);
    expect(view.rows[0]!.text).toContain('CVE-2021-44228');
    expect(view.rows[0]!.text).toContain('Log4Shell');
    const expected = engine.vulnerabilities(SYSTEM_VIEWER, { filter: { cves: ['CVE-2021-44228'], statuses: ['Unhealthy'] }, limit: 1 }).items[0]!;
    expect(expected.resourceCount).toBeGreaterThan(0);
    expect(view.rows[0]!.facts).toContain(`${expected.resourceCount} resource`);
    expect(view.affected.length).toBe(Math.min(10, expected.resourceCount));
    expect(view.affectedTitle).toMatch(/^Most affected resources/);
  });

  it.each(['log4shell', 'any log4shell exposure?', 'show heartbleed vulnerabilities', 'PrintNightmare'])('"%s" is found by the CVE titles in the data', async (message) => {
    const { action, reply } = await turn(message);
    expect(action.name).toBe('vulnerabilities');
    const view = cardModel(reply, 'vulnerabilities') as unknown as VulnerabilitiesView;
    expect(view.rows.length).toBeGreaterThan(0);
    const word = (action.parameters as { text: string }).text;
    for (const row of view.rows) expect(row.text.toLowerCase()).toContain(word);
  });

  it('a package name the titles lack is a software search', async () => {
    const { action, reply } = await turn('vulnerabilities in expat');
    expect(action.name).toBe('vulnerabilities');
    const view = cardModel(reply, 'vulnerabilities') as unknown as VulnerabilitiesView;
    expect(view.rows.length).toBeGreaterThan(0);
    for (const row of view.rows) expect(row.facts.toLowerCase()).toContain('expat');
  });

  it('a nickname the titles lack is read from the cited table', async () => {
    const { action } = await turn('are we exposed to spring4shell');
    expect(action).toEqual({ name: 'vulnerabilities', parameters: { cves: ['CVE-2022-22965'] } });
  });

  it('"which have a fix available" lists only CVEs with a fix', async () => {
    const { action, reply } = await turn('which vulnerabilities have a fix available');
    expect(action).toEqual({ name: 'vulnerabilities', parameters: { fixAvailable: true } });
    const view = cardModel(reply, 'vulnerabilities') as unknown as VulnerabilitiesView;
    expect(view.rows.length).toBeGreaterThan(0);
    for (const row of view.rows) expect(row.facts).toContain('fix available');
    const { action: none } = await turn('which CVEs have no fix available yet');
    expect(none).toEqual({ name: 'vulnerabilities', parameters: { fixAvailable: false } });
  });

  it('"top CVEs by affected resources" ranks CVEs by resources affected, top N honoured', async () => {
    const { action, reply } = await turn('top CVEs by affected resources');
    expect(action.name).toBe('vulnerabilities');
    const view = cardModel(reply, 'vulnerabilities') as unknown as VulnerabilitiesView;
    const counts = view.rows.map((r) => Number(/^(\d+) resource/.exec(r.facts)?.[1]));
    expect(counts.length).toBe(10);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const { action: three, reply: threeReply } = await turn('top 3 CVEs');
    expect(three).toEqual({ name: 'vulnerabilities', parameters: { limit: 3 } });
    expect((cardModel(threeReply, 'vulnerabilities') as unknown as VulnerabilitiesView).rows).toHaveLength(3);
  });
});

describe('resources as the unit', () => {
  it('"top 5 riskiest resources" gives five resources, riskiest first, each with its recommendations ranked', async () => {
    const { action, reply } = await turn('top 5 riskiest resources');
    expect(action).toEqual({ name: 'resources', parameters: { filter: {}, limit: 5 } });
    const view = cardModel(reply, 'resources') as unknown as ResourcesView;
    expect(view.resources).toHaveLength(5);
    const expected = engine.resources(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 5 }).items.map((r) => r.resourceName);
    expect(view.resources.map((r) => r.heading)).toEqual(expected.map((name, i) => `${i + 1}. ${name}`));
    expect(view.resources[0]!.recommendations.length).toBeGreaterThan(0);
    const { action: two } = await turn('show the 2 riskiest resources');
    expect(two).toMatchObject({ name: 'resources', parameters: { limit: 2 } });
  });

  it('"what\'s wrong with <resource>" gives that resource\'s card with its recommendations ranked', async () => {
    const { action, reply } = await turn("what's wrong with aks-tracking-prod");
    expect(action).toEqual({ name: 'resources', parameters: { filter: { resourceText: 'aks-tracking-prod' }, limit: 1 } });
    const view = cardModel(reply, 'resources') as unknown as ResourcesView;
    expect(view.resources).toHaveLength(1);
    expect(view.resources[0]!.heading).toBe('1. aks-tracking-prod');
    expect(view.title).toBe("What's wrong with aks-tracking-prod");
    const rows = engine.search(SYSTEM_VIEWER, { filter: { resourceText: 'aks-tracking-prod', statuses: ['Unhealthy'] }, sort: 'risk', limit: 10 }).items;
    expect(view.resources[0]!.recommendations.length).toBe(Math.min(10, rows.length));
  });
});

describe('attack paths', () => {
  it('"show attack paths" lists paths with entry point, steps, target, risk factors and what breaks them', async () => {
    const { action, reply } = await turn('show attack paths');
    expect(action).toEqual({ name: 'attackPaths', parameters: {} });
    const view = cardModel(reply, 'attackPaths') as unknown as AttackPathsView;
    expect(view.paths.length).toBeGreaterThan(0);
    const first = view.paths[0]!;
    expect(first.entryPoint).not.toBe('');
    expect(first.target).not.toBe('');
    // Several paths: each one's steps on one line (the route); one path alone lists them (below).
    expect(first.steps).toEqual([]);
    expect(first.route).toContain(' → ');
    expect(first.riskFactors).not.toBe('');
    expect(first.recommendations.length).toBeGreaterThan(0);
  });

  it('"the attack path for jumpbox" shows the paths through that resource', async () => {
    const { action, reply } = await turn('show the attack path for jumpbox');
    expect(action).toEqual({ name: 'attackPaths', parameters: { resourceText: 'jumpbox' } });
    const view = cardModel(reply, 'attackPaths') as unknown as AttackPathsView;
    expect(view.paths.length).toBeGreaterThan(0);
    for (const path of view.paths) expect(`${path.entryPoint} ${path.target} ${path.route} ${path.steps.map((s) => s.text).join(' ')}`.toLowerCase()).toContain('jumpbox');
    expect(view.paths[0]!.recommendationsTitle).toMatch(/^Fix any of these/);
  });

  it('recommendation questions about attack paths stay recommendation lists', async () => {
    expect((await turn('which recommendations have attack paths?')).action.name).toBe('analyze');
    expect((await turn('show critical risks with attack paths')).action.name).toBe('analyze');
  });
});

describe('suggested next questions', () => {
  it.each(['top 3 CVEs', 'top 5 riskiest resources', "what's wrong with aks-tracking-prod", 'show attack paths'])('each suggestion after "%s" plans to an answer that runs', async (message) => {
    const { reply } = await turn(message);
    expect(reply.suggestions?.length ?? 0).toBeGreaterThan(0);
    for (const suggestion of reply.suggestions ?? []) {
      // Each suggestion is pressed right after the card, in the same conversation (so "Show more" pages that card).
      const bot = skillHarness(engine);
      const first = planMessage(message, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: false })[0]!;
      await bot.run(first.name, first.parameters);
      const activeList = readActiveList(Object.fromEntries(bot.memory));
      const [action] = planMessage(suggestion, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: !!activeList, ...(activeList ? { activeList } : {}) });
      const next = await bot.run(action!.name, action!.parameters);
      expect({ suggestion, action: action!.name }).toEqual({ suggestion, action: expect.stringMatching(/^(vulnerabilities|resources|attackPaths|analyze|showMore)$/) });
      expect(next.kind).toBe('card');
    }
  });
});
