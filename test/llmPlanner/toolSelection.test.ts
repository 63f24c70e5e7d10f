// Tool selection per message: small tools always, large ones when the local reading, the previous turn or the list
// on screen points at them, and fewer tokens than the whole list; a tool that was not sent is still callable.
import { createChatModel } from '../../src/llmPlanner/chatModel';
import { planWithModel } from '../../src/llmPlanner/planLoop';
import { buildMessages } from '../../src/llmPlanner/promptBuilder';
import { countToolTokens } from '../../src/llmPlanner/tokenBudget';
import { toolsOf } from '../../src/llmPlanner/toolSchemas';
import { ALWAYS_SENT, createToolSelector, SMALL_TOOL_TOKENS } from '../../src/llmPlanner/toolSelection';
import { loadDemoEngine } from '../planner/support/demoTenant';
import { moduleRegistry } from '../support/moduleRegistry';
import { startFakeModelServer, toolCall } from './support/fakeModelServer';

const names = (tools: ReadonlyArray<{ function: { name: string } }>) => tools.map((t) => t.function.name);

describe('createToolSelector', () => {
  let all: ReturnType<typeof toolsOf>;
  beforeAll(async () => {
    all = toolsOf(moduleRegistry(await loadDemoEngine()).registry);
  });

  it('sends small tools and the always-sent ones, not the large ones nobody pointed at', () => {
    const selector = createToolSelector(all);
    const sent = selector.select({ suggested: [], previous: [], hasActiveList: false });
    const large = all.filter((t) => countToolTokens([t]) > SMALL_TOOL_TOKENS && !ALWAYS_SENT.includes(t.function.name));
    expect(large.length).toBeGreaterThan(0);
    for (const name of ALWAYS_SENT) expect(names(sent)).toContain(name);
    for (const tool of large) expect(names(sent)).not.toContain(tool.function.name);
    for (const tool of all.filter((t) => countToolTokens([t]) <= SMALL_TOOL_TOKENS)) expect(names(sent)).toContain(tool.function.name);
    expect(countToolTokens(sent)).toBeLessThan(countToolTokens(all) / 2);
    // Registration order is kept, and the same selection is the same list (its token count is cached).
    expect(names(sent)).toEqual(names(all).filter((n) => names(sent).includes(n)));
    expect(selector.select({ suggested: [], previous: [], hasActiveList: false })).toBe(sent);
  });

  it('adds a large tool when the message, the previous turn or the list on screen points at it', () => {
    const selector = createToolSelector(all);
    expect(names(selector.select({ suggested: ['changes'], previous: [], hasActiveList: false }))).toContain('changes');
    expect(names(selector.select({ suggested: [], previous: ['resources'], hasActiveList: false }))).toContain('resources');
    const onList = names(selector.select({ suggested: [], previous: [], hasActiveList: true }));
    expect(onList).toContain('refine');
    expect(onList).not.toContain('changes');
  });

  it('still accepts a call to a callable tool that was not sent; the registry validates it', async () => {
    const modules = moduleRegistry(await loadDemoEngine());
    const server = await startFakeModelServer({ kind: 'openai', apiKey: 'sk-select' });
    try {
      const model = createChatModel({ provider: { kind: 'openai', apiKey: 'sk-select', model: 'gpt-test', baseUrl: `${server.url}/v1` }, limits: { timeoutMs: 5000, maxRetries: 0 } });
      const every = toolsOf(modules.registry);
      const sent = createToolSelector(every).select({ suggested: [], previous: [], hasActiveList: false });
      const base = { model, tools: sent, messages: buildMessages({ message: 'what changed?', matches: [], history: [], dataConsent: false }), checkPlan: modules.registry.checkPlan, maxRepairs: 0, turnBudgetMs: 5000 };
      server.script(toolCall('changes', { since: { daysAgo: 7 } }));
      expect(names(server.requests[0]?.body.tools ?? [])).toEqual([]);
      const outcome = await planWithModel({ ...base, callable: names(every) });
      expect(names(server.requests[0]?.body.tools ?? [])).toEqual(names(sent));
      expect(outcome).toMatchObject({ kind: 'actions', actions: [{ name: 'changes', parameters: { since: { daysAgo: 7 } } }] });
      // Card-only actions are not callable, sent or not.
      server.script(toolCall('confirmAction', { ref: 'x' }));
      expect(await planWithModel({ ...base, callable: names(every) })).toMatchObject({ kind: 'fallback', reason: 'invalidPlan' });
      expect(server.shapeProblems).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
