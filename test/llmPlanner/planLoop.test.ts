// The planning loop against an OpenAI-compatible server on loopback, through the real `openai` client over HTTP:
// tool calls become registry actions; invalid arguments go back with the registry's problems and are refused after
// the bound; unknown and card-only tools are refused; 429 (Retry-After honoured), 5xx, timeouts, content filters,
// refusals and malformed bodies end in a fallback reason, never a half plan.
import { createChatModel } from '../../src/llmPlanner/chatModel';
import { planWithModel, type PlanOutcome } from '../../src/llmPlanner/planLoop';
import { buildMessages } from '../../src/llmPlanner/promptBuilder';
import { toolsOf } from '../../src/llmPlanner/toolSchemas';
import type { PostureEngine } from '../../src/posture/engine';
import { moduleRegistry, type ModuleRegistry } from '../support/moduleRegistry';
import { loadDemoEngine } from '../planner/support/demoTenant';
import { completion, startFakeModelServer, textAnswer, toolCall, type FakeModelServer } from './support/fakeModelServer';

const API_KEY = 'sk-test-loopback';
let server: FakeModelServer;
let engine: PostureEngine;
let modules: ModuleRegistry;

beforeAll(async () => {
  engine = await loadDemoEngine();
  modules = moduleRegistry(engine);
  server = await startFakeModelServer({ kind: 'openai', apiKey: API_KEY });
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));
afterEach(() => expect(server.shapeProblems).toEqual([]));

interface RunOptions {
  timeoutMs?: number;
  maxRetries?: number;
  maxRepairs?: number;
  turnBudgetMs?: number;
  /** Ask with stream: true (server-sent events), collecting the text handed on. */
  streamed?: string[];
}

function run(message: string, options: RunOptions = {}): Promise<PlanOutcome> {
  const model = createChatModel({ provider: { kind: 'openai', apiKey: API_KEY, model: 'gpt-test', baseUrl: `${server.url}/v1` }, limits: { timeoutMs: options.timeoutMs ?? 5000, maxRetries: options.maxRetries ?? 0 } });
  return planWithModel({
    model,
    tools: toolsOf(modules.registry),
    messages: buildMessages({ message, matches: [], history: [], dataConsent: false }),
    checkPlan: (plan) => modules.registry.checkPlan(plan),
    maxRepairs: options.maxRepairs ?? 2,
    turnBudgetMs: options.turnBudgetMs ?? 10_000,
    ...(options.streamed ? { onText: (delta: string) => options.streamed!.push(delta) } : {}),
  });
}

describe('planWithModel over HTTP', () => {
  it('turns a tool call into a registry action and sends the tools, the rules and the message', async () => {
    server.script(toolCall('analyze', { filter: { riskLevels: ['Critical'], riskFactors: ['internetExposure'] } }));
    const outcome = await run('Show critical risks for publicly exposed resources');
    expect(outcome).toMatchObject({ kind: 'actions', actions: [{ name: 'analyze', parameters: { filter: { riskLevels: ['Critical'], riskFactors: ['internetExposure'] } } }], repairs: 0 });
    expect(outcome.usage).toEqual({ promptTokens: 321, completionTokens: 12, requests: 1 });
    const body = server.requests[0]?.body;
    expect(body?.model).toBe('gpt-test');
    expect(body?.tool_choice).toBe('auto');
    expect(body?.tools?.map((t) => t.function.name)).toEqual(expect.arrayContaining(['analyze', 'refine', 'details', 'summarize', 'remediate', 'assignOwner', 'applyFix', 'outOfScope']));
    expect(body?.messages.at(-1)).toEqual({ role: 'user', content: 'Show critical risks for publicly exposed resources' });
    expect(body?.messages[0]?.role).toBe('system');
  });

  it('hands invalid arguments back with the problems and takes the repaired call', async () => {
    server.script(toolCall('analyze', { filter: { riskLevels: ['Severe'] } }, { id: 'call_bad' }), toolCall('analyze', { filter: { riskLevels: ['High'] } }));
    const outcome = await run('show severe risks');
    expect(outcome).toMatchObject({ kind: 'actions', actions: [{ name: 'analyze', parameters: { filter: { riskLevels: ['High'] } } }], repairs: 1 });
    const second = server.requests[1]?.body.messages ?? [];
    const toolMessage = second.find((m) => m.role === 'tool');
    expect(toolMessage?.tool_call_id).toBe('call_bad');
    const reply = JSON.parse(String(toolMessage?.content)) as { ok: boolean; problems: Array<{ path: string }> };
    expect(reply.ok).toBe(false);
    expect(reply.problems[0]?.path).toBe('filter.riskLevels.0');
    expect(second.find((m) => m.role === 'assistant' && m.tool_calls)).toBeDefined();
  });

  it('refuses after the repair bound: no action runs', async () => {
    server.script(toolCall('analyze', { filter: { riskLevels: ['Severe'] } }));
    const outcome = await run('show severe risks', { maxRepairs: 2 });
    expect(outcome).toMatchObject({ kind: 'fallback', reason: 'invalidPlan' });
    expect(server.requests).toHaveLength(3);
  });

  it('refuses unknown tools and card-only actions, and arguments that are not JSON', async () => {
    server.script(toolCall('deleteEverything', {}));
    expect(await run('delete it all', { maxRepairs: 0 })).toMatchObject({ kind: 'fallback', reason: 'invalidPlan', detail: expect.stringContaining('no such tool') });
    server.script(toolCall('confirmAction', { pendingId: 'p1' }));
    expect(await run('confirm it for me', { maxRepairs: 0 })).toMatchObject({ kind: 'fallback', reason: 'invalidPlan' });
    server.script(toolCall('analyze', '{"filter": {'));
    expect(await run('show risks', { maxRepairs: 0 })).toMatchObject({ kind: 'fallback', reason: 'invalidPlan', detail: expect.stringContaining('not valid JSON') });
  });

  it('takes a text answer as a general-knowledge answer', async () => {
    server.script(textAnswer('Lateral movement is how an attacker moves from one compromised system to others.'));
    expect(await run('what is lateral movement?')).toMatchObject({ kind: 'answer', text: expect.stringContaining('Lateral movement') });
  });

  it('honours Retry-After on 429 with the client as the only retry layer', async () => {
    server.script({ status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } }, toolCall('secureScore', {}));
    const started = Date.now();
    const outcome = await run("what's our secure score?", { maxRetries: 2 });
    expect(outcome).toMatchObject({ kind: 'actions', actions: [{ name: 'secureScore' }] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('falls back on 429 after the bounded retries', async () => {
    server.script({ status: 429, headers: { 'retry-after-ms': '50' }, body: { error: { message: 'Rate limit reached' } } });
    expect(await run('show risks', { maxRetries: 2 })).toMatchObject({ kind: 'fallback', reason: 'rateLimited' });
    expect(server.requests).toHaveLength(3);
  });

  it('falls back on 5xx after the bounded retries', async () => {
    server.script({ status: 500, headers: { 'retry-after-ms': '10' }, body: { error: { message: 'boom' } } });
    expect(await run('show risks', { maxRetries: 1 })).toMatchObject({ kind: 'fallback', reason: 'serverError' });
    expect(server.requests).toHaveLength(2);
  });

  it('falls back when a request times out, and when the turn budget runs out', async () => {
    server.script({ ...toolCall('secureScore', {}), delayMs: 2000 });
    const started = Date.now();
    expect(await run('score?', { timeoutMs: 200 })).toMatchObject({ kind: 'fallback', reason: 'timeout' });
    expect(await run('score?', { timeoutMs: 5000, turnBudgetMs: 300 })).toMatchObject({ kind: 'fallback', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1800);
  });

  it('falls back on content-filter blocks, refusals and malformed bodies', async () => {
    server.script({ status: 400, body: { error: { message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.", code: 'content_filter', status: 400 } } });
    expect(await run('something nasty')).toMatchObject({ kind: 'fallback', reason: 'contentFilter' });
    server.script({ body: completion({ role: 'assistant', content: null }, 'content_filter') });
    expect(await run('something nasty')).toMatchObject({ kind: 'fallback', reason: 'contentFilter' });
    server.script({ body: completion({ role: 'assistant', content: null, refusal: "I can't help with that." }, 'stop') });
    expect(await run('something nasty')).toMatchObject({ kind: 'fallback', reason: 'refusal' });
    server.script({ body: '{"id": "chatcmpl-1", "choices": [' });
    expect(await run('show risks')).toMatchObject({ kind: 'fallback', reason: 'malformed' });
    server.script({ body: { id: 'x', object: 'chat.completion' } });
    expect(await run('show risks')).toMatchObject({ kind: 'fallback', reason: 'malformed' });
    server.script({ body: completion({ role: 'assistant', content: '' }, 'stop') });
    expect(await run('show risks')).toMatchObject({ kind: 'fallback', reason: 'malformed' });
  });

  it('streamed (stream: true): the same outcomes, repairs, retries and fallbacks, with the text handed on as it comes', async () => {
    const streamed: string[] = [];
    server.script(toolCall('details', { ordinal: 0 }), toolCall('details', { ordinal: 1 }));
    expect(await run('details of the first', { streamed })).toMatchObject({ kind: 'actions', actions: [{ name: 'details', parameters: { ordinal: 1 } }], repairs: 1 });
    expect(server.requests.map((r) => r.body.stream)).toEqual([true, true]);
    expect(server.requests[1]?.body.messages.map((m) => m.role)).toContain('tool');
    expect(streamed).toEqual([]);
    server.script(textAnswer('Lateral movement is an attacker moving between hosts.'));
    const answer = await run('what is lateral movement?', { streamed });
    expect(answer).toMatchObject({ kind: 'answer', text: 'Lateral movement is an attacker moving between hosts.', usage: { promptTokens: 321, completionTokens: 12, requests: 1 } });
    expect(streamed.length).toBeGreaterThan(3);
    expect(streamed.join('')).toBe('Lateral movement is an attacker moving between hosts.');
    server.script({ status: 429, headers: { 'retry-after-ms': '20' }, body: { error: { message: 'Rate limit reached' } } }, toolCall('secureScore', {}));
    expect(await run('score?', { streamed, maxRetries: 1 })).toMatchObject({ kind: 'actions', actions: [{ name: 'secureScore' }] });
    server.script({ status: 500, body: { error: { message: 'boom' } } });
    expect(await run('score?', { streamed })).toMatchObject({ kind: 'fallback', reason: 'serverError' });
    server.script({ body: completion({ role: 'assistant', content: null }, 'content_filter') });
    expect(await run('something nasty', { streamed })).toMatchObject({ kind: 'fallback', reason: 'contentFilter' });
    server.script({ ...textAnswer('slow words arriving one by one and never ending in time'), chunkDelayMs: 100 });
    expect(await run('score?', { streamed, turnBudgetMs: 300 })).toMatchObject({ kind: 'fallback', reason: 'timeout' });
    server.script({ body: '{"id": "chatcmpl-1", "choices": [' });
    expect(await run('show risks', { streamed })).toMatchObject({ kind: 'fallback', reason: 'malformed' });
  });
});
