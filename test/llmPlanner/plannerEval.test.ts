// `npm run eval:planner` in CI: the labelled sets through the LLM planner against a scripted model on loopback. The
// script answers each prompt with the keyless planner's choice as a tool call, so the LLM path (tool schemas,
// HTTP, registry validation, list context) must reproduce the keyless planner's accuracy exactly; any loss is the
// LLM path's fault. A real model is measured the same way with a key (see the README).
import type { ActiveList } from '../../src/actions/contracts/activeList';
import { parseEvalArgs, runPlannerEval } from '../../src/cli/evalPlanner';
import { createChatModel } from '../../src/llmPlanner/chatModel';
import { nextList } from '../../src/llmPlanner/plannerEval';
import type { PostureEngine } from '../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { createConceptLexicon } from '../../src/planner/conceptLexicon';
import { planMessage } from '../../src/planner/planMessage';
import { loadDemoEngine } from '../planner/support/demoTenant';
import { completion, startFakeModelServer, type FakeModelServer } from './support/fakeModelServer';

const ENV = { OPENAI_BASE_URL: 'http://unused.invalid/v1', OPENAI_MODEL: 'scripted', OPENAI_API_KEY: 'sk-eval', LLM_MAX_RETRIES: '0' };

describe('eval:planner', () => {
  let server: FakeModelServer;
  let engine: PostureEngine;
  beforeAll(async () => {
    engine = await loadDemoEngine();
    server = await startFakeModelServer({ kind: 'openai', apiKey: 'sk-eval' });
  });
  afterAll(() => server.close());

  it('reads its arguments and refuses bad ones', () => {
    expect(parseEvalArgs(['--planner', 'llm', '--set', 'frozen'])).toEqual({ planner: 'llm', sets: ['frozen'], failures: false });
    expect(parseEvalArgs([])).toEqual({ planner: 'keyless', sets: ['dev', 'frozen'], failures: false });
    expect(() => parseEvalArgs(['--planner', 'gpt'])).toThrow('--planner must be llm or keyless');
  });

  it('gives the scripted model the keyless accuracy, per kind, on the frozen set', async () => {
    const lexicon = createConceptLexicon();
    // The script follows the list the eval keeps on screen the same way the eval does.
    let list: ActiveList | undefined;
    server.script((request) => {
      const context = String(request.body.messages[1]?.content ?? '');
      if (context.includes('On screen: no list yet.')) list = undefined;
      const prompt = String(request.body.messages.at(-1)?.content ?? '');
      const [action] = planMessage(prompt, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: list !== undefined, ...(list ? { activeList: { filter: list.filter, shown: 10, total: 20 } } : {}), lexicon });
      list = nextList(list, action);
      return { body: completion({ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: action?.name ?? 'help', arguments: JSON.stringify(action?.parameters ?? {}) } }] }, 'tool_calls') };
    });
    const model = createChatModel({ provider: { kind: 'openai', apiKey: 'sk-eval', model: 'scripted', baseUrl: `${server.url}/v1` }, limits: { timeoutMs: 5000, maxRetries: 0 } });
    const keyless = await runPlannerEval({ planner: 'keyless', sets: ['frozen'], failures: false }, ENV, { engine });
    const llm = await runPlannerEval({ planner: 'llm', sets: ['frozen'], failures: false }, ENV, { engine, model });
    const score = (lines: string[]) => /: (\d+)\/(\d+) =/.exec(lines[0] ?? '')?.slice(1, 3);
    expect(score(llm)).toEqual(score(keyless));
    expect(llm[0]).toMatch(/^llm \(scripted\), frozen set: \d+\/50 = [\d.]+%\n {2}analyze /);
    expect(llm[0]).not.toContain('no plan (fallback)');
    expect(server.shapeProblems).toEqual([]);
    console.log(`${keyless[0]?.split('\n')[0]}\n${llm[0]?.split('\n')[0]}`);
  }, 180_000);
});
