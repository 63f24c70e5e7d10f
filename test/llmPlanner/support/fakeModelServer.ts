// An OpenAI-compatible chat completions server on loopback that each test scripts, checking the public API's shape
// on every request: the path (OpenAI `/v1/chat/completions`, or Azure `/openai/deployments/<name>/chat/completions`
// with an `api-version` query), the auth header (`Authorization: Bearer` or Azure's `api-key`), a JSON body with a
// model, messages with roles, and function tools. A request of the wrong shape is answered 400 and recorded as a
// shape problem, so a client that drifts fails its test. The real `openai` client talks to it over HTTP.
// A request with `stream: true` (which must ask for usage in `stream_options`) gets the scripted completion as
// server-sent events, as the service streams it: a role chunk, the text in small pieces or each tool call's id and
// name and then its arguments in pieces, the finish reason, a usage chunk, and `data: [DONE]`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: ChatBody;
}

export interface ChatBody {
  model?: string;
  messages: Array<{ role: string; content?: string | null; tool_calls?: unknown[]; tool_call_id?: string }>;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
  tool_choice?: unknown;
  [key: string]: unknown;
}

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is (malformed bodies). */
  body?: unknown;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
  /** Streamed answers: wait this long between events (so a client sees them arrive apart). */
  chunkDelayMs?: number;
}

export type Step = ScriptedResponse | ((request: SeenRequest) => ScriptedResponse);

export type Expectation = { kind: 'openai'; apiKey: string } | { kind: 'azure'; deployment: string; apiVersion: string; auth: { apiKey: string } | { bearer: string } };

export interface FakeModelServer {
  url: string;
  /** Every request that reached the server, in order. */
  requests: SeenRequest[];
  /** Shape problems found (each also answered 400). Tests expect none. */
  shapeProblems: string[];
  /** Steps are consumed in order; when they run out the last one repeats. */
  script(...steps: Step[]): void;
  close(): Promise<void>;
}

let callCounter = 0;

/** A completion calling one tool, as the service sends it. */
export function toolCall(name: string, args: unknown, extra: { id?: string } = {}): ScriptedResponse {
  callCounter += 1;
  return {
    body: completion({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: extra.id ?? `call_${callCounter}`, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } }],
    }, 'tool_calls'),
  };
}

/** A completion answering in text. */
export function textAnswer(text: string, finishReason = 'stop'): ScriptedResponse {
  return { body: completion({ role: 'assistant', content: text }, finishReason) };
}

export function completion(message: Record<string, unknown>, finishReason: string): Record<string, unknown> {
  return {
    id: `chatcmpl-${callCounter}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'scripted-model',
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 321, completion_tokens: 12, total_tokens: 333 },
  };
}

function checkShape(request: SeenRequest, expect: Expectation): string[] {
  const problems: string[] = [];
  if (request.method !== 'POST') problems.push(`method ${request.method}`);
  if (!String(request.headers['content-type'] ?? '').includes('application/json')) problems.push('content-type is not JSON');
  if (expect.kind === 'openai') {
    if (request.path !== '/v1/chat/completions') problems.push(`path ${request.path}`);
    if (request.headers.authorization !== `Bearer ${expect.apiKey}`) problems.push(`authorization ${String(request.headers.authorization)}`);
    if (typeof request.body.model !== 'string' || !request.body.model) problems.push('no model in the body');
  } else {
    if (request.path !== `/openai/deployments/${expect.deployment}/chat/completions`) problems.push(`path ${request.path}`);
    if (request.query.get('api-version') !== expect.apiVersion) problems.push(`api-version ${String(request.query.get('api-version'))}`);
    if ('apiKey' in expect.auth) {
      if (request.headers['api-key'] !== expect.auth.apiKey) problems.push(`api-key ${String(request.headers['api-key'])}`);
      if (request.headers.authorization) problems.push('authorization sent with an api key');
    } else {
      if (request.headers.authorization !== `Bearer ${expect.auth.bearer}`) problems.push(`authorization ${String(request.headers.authorization)}`);
      if (request.headers['api-key']) problems.push('api-key sent with a bearer token');
    }
  }
  if (!Array.isArray(request.body.messages) || request.body.messages.length === 0) problems.push('no messages');
  if (request.body.stream !== undefined && typeof request.body.stream !== 'boolean') problems.push('stream is not a boolean');
  if (request.body.stream === true && (request.body.stream_options as { include_usage?: unknown } | undefined)?.include_usage !== true) problems.push('a stream without stream_options.include_usage');
  if (request.body.stream !== true && request.body.stream_options !== undefined) problems.push('stream_options without stream');
  for (const message of request.body.messages ?? []) {
    if (!['system', 'user', 'assistant', 'tool', 'developer'].includes(message.role)) problems.push(`message role ${message.role}`);
    if (message.role === 'tool' && typeof message.tool_call_id !== 'string') problems.push('tool message without tool_call_id');
  }
  for (const tool of request.body.tools ?? []) {
    if (tool.type !== 'function' || !/^[a-zA-Z0-9_-]{1,64}$/.test(tool.function?.name ?? '')) problems.push(`tool ${JSON.stringify(tool).slice(0, 80)}`);
    if (tool.function.parameters && tool.function.parameters.type !== 'object') problems.push(`tool ${tool.function.name} parameters are not an object schema`);
  }
  return problems;
}

export async function startFakeModelServer(expect: Expectation): Promise<FakeModelServer> {
  const requests: SeenRequest[] = [];
  const shapeProblems: string[] = [];
  let steps: Step[] = [];
  let next = 0;
  const sockets = new Set<import('node:net').Socket>();

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: ChatBody = { messages: [] };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody;
      } catch {
        shapeProblems.push('body is not JSON');
      }
      const seen: SeenRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body };
      requests.push(seen);
      const problems = checkShape(seen, expect);
      if (problems.length > 0) {
        shapeProblems.push(...problems);
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: problems.join('; '), type: 'invalid_request_error' } }));
        return;
      }
      const step = steps[Math.min(next, steps.length - 1)];
      next += 1;
      const response = typeof step === 'function' ? step(seen) : (step ?? { status: 500, body: { error: { message: 'no script' } } });
      const send = () => {
        if (res.destroyed) return;
        if (seen.body.stream === true && (response.status ?? 200) === 200 && typeof response.body === 'object' && response.body !== null) {
          void sendEvents(res, chunksOf(response.body as Record<string, unknown>), response.chunkDelayMs ?? 0);
          return;
        }
        const raw = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? {});
        res.writeHead(response.status ?? 200, { 'content-type': 'application/json', ...response.headers });
        res.end(raw);
      };
      if (response.delayMs) setTimeout(send, response.delayMs).unref();
      else send();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    shapeProblems,
    script: (...scripted) => {
      steps = scripted;
      next = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A completion as the chunks a streaming service sends for it. */
export function chunksOf(completion: Record<string, unknown>): Array<Record<string, unknown>> {
  const head = { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model };
  const choice = (completion.choices as Array<{ message: { content?: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>; refusal?: string | null }; finish_reason: string }>)[0];
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...head, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  const chunks: Array<Record<string, unknown>> = [chunk({ role: 'assistant', content: '' })];
  const message = choice?.message ?? {};
  // Words with their following space, a few per chunk: sentences end inside chunks as they do in real streams.
  for (const piece of (message.content ?? '').match(/\S+\s*/g) ?? []) chunks.push(chunk({ content: piece }));
  if (message.refusal) chunks.push(chunk({ refusal: message.refusal }));
  for (const [index, call] of (message.tool_calls ?? []).entries()) {
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
    const args = call.function.arguments;
    const half = Math.ceil(args.length / 2);
    for (const part of [args.slice(0, half), args.slice(half)]) if (part) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
  }
  chunks.push(chunk({}, choice?.finish_reason ?? 'stop'));
  chunks.push({ ...head, choices: [], usage: completion.usage });
  return chunks;
}

async function sendEvents(res: ServerResponse, chunks: ReadonlyArray<Record<string, unknown>>, delayMs: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const chunk of chunks) {
    if (res.destroyed) return;
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
  }
  res.end('data: [DONE]\n\n');
}
