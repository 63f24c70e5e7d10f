// The LLM planner's settings: Azure OpenAI wins when its endpoint is set, else OpenAI or a compatible server, else
// keyless; PLANNER forces one; half-configured models are refused with the variable to set.
import { describePlanner, llmFeature, type LlmConfig } from '../../src/config/features/llm';

const context = { appEnv: 'local', production: false, cwd: '/srv/bot' };
const parse = (env: Record<string, string>): LlmConfig['llm'] => (llmFeature.schema(context).parse(env) as LlmConfig).llm;
const rules = (env: Record<string, string>) => llmFeature.rules?.((name) => (env[name] ?? '').trim(), context) ?? [];

describe('llm config', () => {
  it('is keyless with nothing set', () => {
    expect(parse({})).toMatchObject({ planner: 'keyless', dataConsent: false });
    expect(parse({}).provider).toBeUndefined();
    expect(rules({})).toEqual([]);
  });

  it('uses OpenAI with a key and a model, and a compatible server with a base URL', () => {
    expect(parse({ OPENAI_API_KEY: 'sk-1', OPENAI_MODEL: 'gpt-4o-mini' })).toMatchObject({ planner: 'llm', provider: { kind: 'openai', apiKey: 'sk-1', model: 'gpt-4o-mini' } });
    expect(parse({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'llama3.1' })).toMatchObject({ planner: 'llm', provider: { kind: 'openai', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' } });
  });

  it('lets Azure OpenAI win when its endpoint is set, keyless without AZURE_OPENAI_API_KEY', () => {
    const config = parse({ OPENAI_API_KEY: 'sk-1', OPENAI_MODEL: 'gpt-4o-mini', AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' });
    expect(config).toMatchObject({ planner: 'llm', provider: { kind: 'azure', endpoint: 'https://contoso.openai.azure.com', deployment: 'gpt-4o', apiVersion: '2024-10-21' } });
    expect(config.provider && 'apiKey' in config.provider).toBe(false);
    expect(parse({ AZURE_OPENAI_ENDPOINT: 'https://c.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_API_VERSION: '2025-01-01-preview' }).provider).toEqual({
      kind: 'azure',
      endpoint: 'https://c.openai.azure.com',
      deployment: 'd',
      apiVersion: '2025-01-01-preview',
      apiKey: 'k',
    });
  });

  it('lets PLANNER=keyless force the keyless planner with a model configured', () => {
    expect(parse({ PLANNER: 'keyless', OPENAI_API_KEY: 'sk-1', OPENAI_MODEL: 'm' }).planner).toBe('keyless');
  });

  it('refuses half-configured models with the variable to set', () => {
    expect(rules({ PLANNER: 'llm' })).toEqual([expect.stringMatching(/^PLANNER: /)]);
    expect(rules({ OPENAI_API_KEY: 'sk-1' })).toEqual([expect.stringMatching(/^OPENAI_MODEL: /)]);
    expect(rules({ AZURE_OPENAI_ENDPOINT: 'https://c.openai.azure.com' })).toEqual([expect.stringMatching(/^AZURE_OPENAI_DEPLOYMENT: /)]);
    expect(() => parse({ OPENAI_BASE_URL: 'not a url' })).toThrow(/http/);
    expect(() => parse({ PLANNER: 'gpt' })).toThrow();
    expect(() => parse({ LLM_DATA_CONSENT: 'maybe' })).toThrow();
  });

  it('says at startup which planner and model answer, never the key', () => {
    const azure = parse({ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o', LLM_DATA_CONSENT: 'true' });
    expect(describePlanner(azure)).toBe('LLM planner: Azure OpenAI deployment "gpt-4o" at contoso.openai.azure.com (Entra ID, keyless); tenant data to the model: allowed (LLM_DATA_CONSENT=true); keyless planner as fallback');
    const openai = parse({ OPENAI_API_KEY: 'sk-secret', OPENAI_MODEL: 'gpt-4o-mini' });
    expect(describePlanner(openai)).not.toContain('sk-secret');
    expect(describePlanner(parse({}))).toBe('keyless planner (no language model)');
  });
});
