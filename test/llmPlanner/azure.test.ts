// Azure OpenAI through the same client: the deployment path with the api-version query, `api-key` with a key, and
// keyless with an Entra ID bearer token from a credential (a fake TokenCredential here; DefaultAzureCredential in
// production), asked for the Cognitive Services scope.
import { AZURE_COGNITIVE_SCOPE, createChatModel, type TokenCredential } from '../../src/llmPlanner/chatModel';
import { buildMessages } from '../../src/llmPlanner/promptBuilder';
import { startFakeModelServer, toolCall, type FakeModelServer } from './support/fakeModelServer';

const request = { messages: buildMessages({ message: "what's our secure score?", matches: [], history: [], dataConsent: false }), tools: [] };
const limits = { timeoutMs: 5000, maxRetries: 0 };

describe('Azure OpenAI', () => {
  let server: FakeModelServer | undefined;
  afterEach(async () => {
    expect(server?.shapeProblems).toEqual([]);
    await server?.close();
  });

  it('calls the deployment with the api-version and an api-key header', async () => {
    server = await startFakeModelServer({ kind: 'azure', deployment: 'gpt-4o-posture', apiVersion: '2024-10-21', auth: { apiKey: 'azure-key-1' } });
    server.script(toolCall('secureScore', {}));
    const model = createChatModel({ provider: { kind: 'azure', endpoint: server.url, deployment: 'gpt-4o-posture', apiVersion: '2024-10-21', apiKey: 'azure-key-1' }, limits });
    const completion = await model.complete(request, new AbortController().signal);
    expect(completion.choices[0]?.message.tool_calls?.[0]?.function.name).toBe('secureScore');
    expect(server.requests).toHaveLength(1);
    expect(model.model).toBe('gpt-4o-posture');
  });

  it('is keyless with a bearer token from the credential, for the Cognitive Services scope', async () => {
    server = await startFakeModelServer({ kind: 'azure', deployment: 'gpt-4o-posture', apiVersion: '2025-01-01-preview', auth: { bearer: 'entra-token-xyz' } });
    server.script(toolCall('secureScore', {}));
    const scopes: Array<string | string[]> = [];
    const credential: TokenCredential = {
      getToken: async (scope) => {
        scopes.push(scope);
        return { token: 'entra-token-xyz', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const model = createChatModel({ provider: { kind: 'azure', endpoint: `${server.url}/`, deployment: 'gpt-4o-posture', apiVersion: '2025-01-01-preview' }, limits, credential });
    await model.complete(request, new AbortController().signal);
    await model.complete(request, new AbortController().signal);
    expect(server.requests).toHaveLength(2);
    expect(scopes.flat()).toContain(AZURE_COGNITIVE_SCOPE);
  });

  it('a credential that fails reaches no server', async () => {
    server = await startFakeModelServer({ kind: 'azure', deployment: 'd', apiVersion: '2024-10-21', auth: { bearer: 'never' } });
    const credential: TokenCredential = { getToken: async () => Promise.reject(new Error('no managed identity here')) };
    const model = createChatModel({ provider: { kind: 'azure', endpoint: server.url, deployment: 'd', apiVersion: '2024-10-21' }, limits, credential });
    await expect(model.complete(request, new AbortController().signal)).rejects.toThrow();
    expect(server.requests).toHaveLength(0);
  });
});
