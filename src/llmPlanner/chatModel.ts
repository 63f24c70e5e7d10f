// The model behind the planner, through the `openai` client (the version teams-ai 1.7.4 pins, so there is one copy):
// OpenAI, any OpenAI-compatible server (OPENAI_BASE_URL), or Azure OpenAI by deployment with an API key or an
// Entra ID bearer token (DefaultAzureCredential). The client's own retries are the only retry layer: they honour
// Retry-After on 429 and back off on 5xx and connection errors, bounded by maxRetries.
import { DefaultAzureCredential, getBearerTokenProvider } from '@azure/identity';
import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { LlmLimits, LlmProvider } from '../config/features/llm';

/** The scope Azure OpenAI accepts Entra ID tokens for. */
export const AZURE_COGNITIVE_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** @azure/core-auth's TokenCredential, as getBearerTokenProvider takes it. */
export type TokenCredential = Parameters<typeof getBearerTokenProvider>[0];

export interface ChatRequest {
  messages: ChatCompletionMessageParam[];
  tools: ChatCompletionTool[];
}

export interface ChatModel {
  /** What users and the startup line are told answers: "gpt-4o-mini" or "Azure OpenAI deployment gpt-4o". */
  readonly label: string;
  /** The model name counted in usage (the deployment on Azure). */
  readonly model: string;
  complete(request: ChatRequest, signal: AbortSignal): Promise<ChatCompletion>;
  /** The same request with `stream: true`: the completion as server-sent chunks (text and tool-call deltas, then usage). */
  stream?(request: ChatRequest, signal: AbortSignal): Promise<AsyncIterable<ChatCompletionChunk>>;
}

export interface ChatModelOptions {
  provider: LlmProvider;
  limits: Pick<LlmLimits, 'timeoutMs' | 'maxRetries'>;
  /** Keyless Azure: the credential to get tokens from; DefaultAzureCredential when not given (tests pass a fake). */
  credential?: TokenCredential;
}

export function createChatModel(options: ChatModelOptions): ChatModel {
  const { provider, limits } = options;
  const common = { timeout: limits.timeoutMs, maxRetries: limits.maxRetries };
  if (provider.kind === 'azure') {
    const client = new AzureOpenAI({
      ...common,
      // The portal shows endpoints with a trailing slash; the client would then miss the /openai segment.
      endpoint: provider.endpoint.replace(/\/+$/, ''),
      deployment: provider.deployment,
      apiVersion: provider.apiVersion,
      ...(provider.apiKey
        ? { apiKey: provider.apiKey }
        : { azureADTokenProvider: getBearerTokenProvider(options.credential ?? new DefaultAzureCredential(), AZURE_COGNITIVE_SCOPE) }),
    });
    return modelOf(client, provider.deployment, `Azure OpenAI deployment ${provider.deployment}`);
  }
  const client = new OpenAI({ ...common, apiKey: provider.apiKey, ...(provider.baseUrl ? { baseURL: provider.baseUrl } : {}) });
  return modelOf(client, provider.model, provider.model);
}

function modelOf(client: OpenAI, model: string, label: string): ChatModel {
  const body = (request: ChatRequest) => ({
    model,
    messages: request.messages,
    ...(request.tools.length > 0 ? { tools: request.tools, tool_choice: 'auto' as const, parallel_tool_calls: false } : {}),
    temperature: 0,
  });
  return {
    label,
    model,
    complete: (request, signal) => client.chat.completions.create(body(request), { signal }),
    // include_usage: the last chunk carries the token counts the usage meter needs.
    stream: (request, signal) => client.chat.completions.create({ ...body(request), stream: true, stream_options: { include_usage: true } }, { signal }),
  };
}
