// The per-tenant consent record: the setting overrides, a decision counts only for the model it named, tenants are
// separate, another replica's decision is seen once the short cache expires, and the planner fails closed when the
// record cannot be read (the model is told no tenant data is shared, and the notice is said once).
import { createLlmPlanner } from '../../src/llmPlanner/llmPlanner';
import type { ChatModel, ChatRequest } from '../../src/llmPlanner/chatModel';
import { CONSENT_CACHE_MS, createModelConsent, MODEL_CONSENT_COLLECTION, modelTargetOf, type ModelTarget } from '../../src/llmPlanner/modelConsent';
import { sayStep, type MessagePlan, type MessagePlanner } from '../../src/actions/contracts/messagePlanner';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';

const TARGET: ModelTarget = { service: 'OpenAI-compatible server', endpoint: 'llm.contoso.example', model: 'gpt-4o-mini' };
const decision = { allowed: true, by: 'admin-1', byName: 'Ada', at: 1_000 };

describe('model consent', () => {
  it('is allowed by the setting whatever the record says', async () => {
    const records = createMemoryRecordsStore();
    const consent = createModelConsent(records, { setting: true, target: TARGET });
    await consent.decide('t1', { ...decision, allowed: false });
    expect(await consent.state('t1')).toEqual({ allowed: true, source: 'setting' });
  });

  it('is per tenant (case-insensitive) and counts only for the model it named', async () => {
    const records = createMemoryRecordsStore();
    const consent = createModelConsent(records, { setting: false, target: TARGET });
    expect(await consent.state('T1')).toEqual({ allowed: false });
    await consent.decide('T1', decision);
    expect(await consent.state('t1')).toMatchObject({ allowed: true, source: 'admin', record: { by: 'admin-1', target: TARGET } });
    expect(await consent.state('t2')).toEqual({ allowed: false });
    expect(await consent.state(undefined)).toEqual({ allowed: false });
    const moved = createModelConsent(records, { setting: false, target: { ...TARGET, endpoint: 'other.example' } });
    expect(await moved.state('t1')).toMatchObject({ allowed: false, record: { allowed: true } });
  });

  it("sees another replica's decision once the cache expires", async () => {
    const records = createMemoryRecordsStore();
    let clock = 0;
    const here = createModelConsent(records, { setting: false, target: TARGET, now: () => clock });
    const there = createModelConsent(records, { setting: false, target: TARGET, now: () => clock });
    expect((await here.state('t1')).allowed).toBe(false);
    await there.decide('t1', decision);
    expect((await here.state('t1')).allowed).toBe(false);
    clock += CONSENT_CACHE_MS;
    expect((await here.state('t1')).allowed).toBe(true);
    await here.decide('t1', { ...decision, allowed: false });
    expect((await here.state('t1')).allowed).toBe(false);
    expect((await records.get(MODEL_CONSENT_COLLECTION, 't1'))?.value).toMatchObject({ allowed: false, target: TARGET });
  });

  it('cannot be decided without a model, and names the configured one', async () => {
    const consent = createModelConsent(createMemoryRecordsStore(), { setting: false, target: undefined });
    await expect(consent.decide('t1', decision)).rejects.toThrow('no language model');
    expect(modelTargetOf({ planner: 'llm', provider: { kind: 'azure', endpoint: 'https://contoso.openai.azure.com/', deployment: 'gpt-4o', apiVersion: '2024-10-21' } })).toEqual({ service: 'Azure OpenAI', endpoint: 'contoso.openai.azure.com', model: 'gpt-4o' });
    expect(modelTargetOf({ planner: 'llm', provider: { kind: 'openai', apiKey: 'k', model: 'gpt-4o-mini' } })).toEqual({ service: 'OpenAI', endpoint: 'api.openai.com', model: 'gpt-4o-mini' });
    expect(modelTargetOf({ planner: 'keyless' })).toBeUndefined();
  });

  it('fails closed in the planner: an unreadable consent means no tenant data to the model, said once', async () => {
    const sent: ChatRequest[] = [];
    const model: ChatModel = { label: 'gpt-4o-mini', model: 'gpt-4o-mini', complete: async (request) => { sent.push(request); throw new Error('model down'); } };
    const keyless: MessagePlanner = { plan: async () => ({ steps: [sayStep('keyless answer')] }) };
    const planner = createLlmPlanner({
      model,
      registry: { list: () => [], checkPlan: () => [] } as never,
      keyless,
      engine: () => undefined,
      dataConsent: true,
      consent: { target: TARGET, state: () => Promise.reject(new Error('storage down')) },
      limits: { maxRepairs: 2, turnBudgetMs: 1000, promptTokenBudget: 10_000, historyTokenBudget: 500 },
    });
    const conversation: Record<string, unknown> = {};
    const first = await planner.plan({ text: 'show critical risks', viewer: SYSTEM_VIEWER, conversation });
    const texts = (plan: MessagePlan) => plan.steps.map((s) => (s.kind === 'say' ? s.text : s.kind));
    expect(texts(first)).toEqual([expect.stringContaining('no administrator has allowed'), expect.stringContaining('could not be reached'), 'keyless answer']);
    expect(texts(first)[0]).toContain('no posture data and no results are sent to it');
    const second = await planner.plan({ text: 'show critical risks', viewer: SYSTEM_VIEWER, conversation });
    expect(texts(second)).toEqual([expect.stringContaining('could not be reached'), 'keyless answer']);
    // The setting said yes, but the unreadable per-tenant state wins: the model was told the data is not shared.
    expect(sent).toHaveLength(2);
    expect(JSON.stringify(sent[0]?.messages)).toContain('Tenant data is not shared with you');
  });
});
