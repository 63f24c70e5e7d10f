// One planning turn with the model: ask for tool calls, check every call with the registry (the one validator:
// teams-ai does not validate in tools mode), hand invalid arguments back with the problems for a bounded number of
// repairs, and bound the whole turn in time. The model picks actions; it never supplies the data: a turn ends as
// registry actions, a short general-knowledge answer, or a reason to fall back to the keyless planner.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionMessageToolCall, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { PlannedAction, PlanProblem } from '../actions/registry';
import type { ChatModel } from './chatModel';
import { assembleStream, type AssembledCompletion } from './streamAssembly';

export type FallbackReason = 'timeout' | 'rateLimited' | 'serverError' | 'contentFilter' | 'refusal' | 'malformed' | 'invalidPlan' | 'error';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  requests: number;
}

export type PlanOutcome =
  | { kind: 'actions'; actions: PlannedAction[]; repairs: number; usage: TokenUsage }
  | { kind: 'answer'; text: string; usage: TokenUsage }
  | { kind: 'fallback'; reason: FallbackReason; detail: string; usage: TokenUsage };

export interface PlanLoopOptions {
  model: ChatModel;
  /** The tools sent. */
  tools: ChatCompletionTool[];
  /** Names of every tool the model may call (sent or not); the sent ones when absent. */
  callable?: readonly string[];
  messages: ChatCompletionMessageParam[];
  /** registry.checkPlan. */
  checkPlan(plan: readonly PlannedAction[]): PlanProblem[];
  maxRepairs: number;
  turnBudgetMs: number;
  /**
   * Set to stream: the request goes with `stream: true` and the model's prose is handed on as it arrives (before
   * any tool call starts). The outcome is the same as without.
   */
  onText?: (delta: string) => void;
}

/** Actions one message may become ("show critical risks and assign the first" is two). */
export const MAX_ACTIONS_PER_TURN = 2;

class TurnTimeout extends Error {}

export async function planWithModel(options: PlanLoopOptions): Promise<PlanOutcome> {
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0, requests: 0 };
  const offered = new Set(options.callable ?? options.tools.map((t) => t.function.name));
  const messages = [...options.messages];
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // The client's retry sleeps do not watch the signal: the race ends the turn on time whatever it is doing.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new TurnTimeout(`no plan within ${options.turnBudgetMs} ms`));
    }, options.turnBudgetMs);
  });
  deadline.catch(() => undefined);
  try {
    for (let attempt = 0; attempt <= options.maxRepairs; attempt += 1) {
      const request = { messages, tools: options.tools };
      const { onText } = options;
      const stream = onText ? options.model.stream?.bind(options.model) : undefined;
      const asked: Promise<AssembledCompletion> = stream && onText ? stream(request, abort.signal).then((chunks) => assembleStream(chunks, onText)) : options.model.complete(request, abort.signal);
      const completion = await Promise.race([asked, deadline]);
      usage.requests += 1;
      usage.promptTokens += completion?.usage?.prompt_tokens ?? 0;
      usage.completionTokens += completion?.usage?.completion_tokens ?? 0;
      const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
      if (!choice || typeof choice.message !== 'object' || choice.message === null) return fallback('malformed', 'the response has no message', usage);
      if (choice.finish_reason === 'content_filter') return fallback('contentFilter', 'the response was filtered', usage);
      const message = choice.message;
      if (typeof message.refusal === 'string' && message.refusal.trim()) return fallback('refusal', 'the model refused', usage);
      const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
      if (calls.length === 0) {
        const text = typeof message.content === 'string' ? message.content.trim() : '';
        return text ? { kind: 'answer', text, usage } : fallback('malformed', 'neither a tool call nor text', usage);
      }
      const { plan, problems } = readCalls(calls, offered, options.checkPlan);
      if (problems.length === 0) return { kind: 'actions', actions: plan, repairs: attempt, usage };
      if (attempt === options.maxRepairs) return fallback('invalidPlan', problems.map((p) => `${p.action}${p.path ? `.${p.path}` : ''}: ${p.message}`).join('; ').slice(0, 300), usage);
      messages.push({ role: 'assistant', content: null, tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.function.name, arguments: c.function.arguments } })) });
      for (const [index, call] of calls.entries()) {
        const mine = problems.filter((p) => p.index === index).map(({ path, message: problem, code }) => ({ code, path, message: problem }));
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(mine.length > 0 ? { ok: false, problems: mine, hint: 'Call the tool again with corrected arguments, or call outOfScope.' } : { ok: true }) });
      }
    }
    return fallback('invalidPlan', 'no valid plan', usage);
  } catch (error) {
    const [reason, detail] = classify(error);
    return fallback(reason, detail, usage);
  } finally {
    clearTimeout(timer);
  }
}

const fallback = (reason: FallbackReason, detail: string, usage: TokenUsage): PlanOutcome => ({ kind: 'fallback', reason, detail, usage });

/** Tool calls as a plan, with every problem: unknown or card-only tools, arguments that are not JSON, schema failures. */
export function readCalls(calls: readonly ChatCompletionMessageToolCall[], offered: ReadonlySet<string>, checkPlan: PlanLoopOptions['checkPlan']): { plan: PlannedAction[]; problems: PlanProblem[] } {
  const own: PlanProblem[] = [];
  const plan: PlannedAction[] = calls.map((call, index) => {
    const name = typeof call?.function?.name === 'string' ? call.function.name : '';
    if (!offered.has(name)) own.push({ index, code: 'unknownAction', action: name.slice(0, 64), path: '', message: `no such tool; the tools are: ${[...offered].join(', ')}` });
    const raw = typeof call?.function?.arguments === 'string' ? call.function.arguments : '';
    let parameters: unknown = {};
    if (raw.trim()) {
      try {
        parameters = JSON.parse(raw);
      } catch {
        own.push({ index, code: 'invalidParameter', action: name.slice(0, 64), path: '', message: 'the arguments are not valid JSON' });
      }
    }
    return { name, parameters };
  });
  if (calls.length > MAX_ACTIONS_PER_TURN) own.push({ index: MAX_ACTIONS_PER_TURN, code: 'invalidParameter', action: plan[MAX_ACTIONS_PER_TURN]?.name ?? '', path: '', message: `call at most ${MAX_ACTIONS_PER_TURN} tools per message` });
  const checked = checkPlan(plan.filter((_, index) => !own.some((p) => p.index === index))).map((p) => ({ ...p, index: originalIndex(p.index, own, plan.length) }));
  return { plan, problems: [...own, ...checked].sort((a, b) => a.index - b.index) };
}

/** checkPlan numbered only the calls without own problems: map its index back to the call's place. */
function originalIndex(index: number, own: readonly PlanProblem[], length: number): number {
  const kept = Array.from({ length }, (_, i) => i).filter((i) => !own.some((p) => p.index === i));
  return kept[index] ?? index;
}

function classify(error: unknown): [FallbackReason, string] {
  if (error instanceof TurnTimeout || error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) return ['timeout', 'the model did not answer in time'];
  if (error instanceof OpenAI.RateLimitError) return ['rateLimited', 'the model is rate limited (429)'];
  if (error instanceof OpenAI.APIError) {
    const code = (error as { code?: unknown }).code;
    if (code === 'content_filter' || /content.?filter|ResponsibleAIPolicyViolation/i.test(error.message)) return ['contentFilter', 'the request was blocked by the content filter'];
    if (typeof error.status === 'number' && error.status >= 500) return ['serverError', `the model server failed (${error.status})`];
    if (error instanceof OpenAI.APIConnectionError) return ['error', 'the model server could not be reached'];
    return ['error', `the model server refused the request (${error.status ?? 'no status'})`];
  }
  // By name: node-fetch reports a body that is not JSON as a FetchError "invalid json response body", and a
  // JSON.parse error from another realm is no instance of this realm's SyntaxError.
  if (error instanceof Error && (error.name === 'SyntaxError' || /invalid json/i.test(error.message))) return ['malformed', 'the response was not valid JSON'];
  return ['error', error instanceof Error ? error.message.slice(0, 200) : 'unknown error'];
}
