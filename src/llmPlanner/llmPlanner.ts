// The LLM planner: the model picks registry actions for a message, or answers a general security question in a few
// labelled sentences. It implements the SDK-free planner contract (src/actions/contracts/messagePlanner.ts); the
// transport adapts it (src/teams/plannerAdapter.ts). The keyless planner answers instead, and says so,
// when the model times out, is rate limited, fails, is filtered, refuses, or keeps producing invalid calls.
// teams-ai's ActionPlanner is not used: it does not validate tool arguments, cannot hand the registry's problems
// back for repair, and has no fallback; this planner calls the same `openai` client itself.
import { z } from 'zod';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { ACTIVE_LIST_KEY, parseActiveList } from '../actions/contracts/activeList';
import { actionStep, sayStep, type MessagePlan, type MessagePlanner, type PlanRequest, type PlanStep } from '../actions/contracts/messagePlanner';
import type { ActionRegistry, PlannedAction } from '../actions/registry';
import type { LlmLimits } from '../config/features/llm';
import type { Logger } from '../logging/logger';
import type { VocabularyField } from '../posture/engine';
import type { Viewer } from '../posture/viewer';
import { createConceptLexicon, type ConceptLexicon } from '../planner/conceptLexicon';
import { scanMessage } from '../planner/messageScan';
import { bindVocabulary, type VocabularySource } from '../planner/vocabularyPort';
import type { ChatModel } from './chatModel';
import { citeNames, isCitationSource } from './citations';
import { namesIn, removeUngrounded } from './grounding';
import { createProseGate } from './proseGate';
import { planWithModel, type FallbackReason, type PlanOutcome } from './planLoop';
import { actionNamesOf, buildMessages, type HistoryTurn, type VocabularyMatch } from './promptBuilder';
import { countRequestTokens, trimHistory } from './tokenBudget';
import { toolsOf } from './toolSchemas';
import { createToolSelector, type ToolSelector } from './toolSelection';
import type { LlmUsageMeter } from './usageMeter';
import { withConsentNotice, withoutConsentNotice, type ModelConsent } from './modelConsent';

export const LLM_HISTORY_KEY = 'llmHistory';
/** The notice the conversation was last told: which model plans and what it is sent (with or without consent). */
export const CONSENT_NOTICE_KEY = 'llmConsentNotice';
const MAX_HISTORY_TURNS = 10;
/** Names from the data given per message: a few per field, a few fields; the estate never. */
const MAX_MATCHES = 6;
const MAX_VALUES_PER_MATCH = 3;
const GROUNDING_FIELDS: readonly VocabularyField[] = ['resourceName', 'resourceGroup', 'subscription', 'recommendation'];

export interface LlmPlannerOptions {
  model: ChatModel;
  registry: Pick<ActionRegistry, 'list' | 'checkPlan'>;
  /** The default planner, and the one that answers whenever the model cannot. */
  keyless: MessagePlanner;
  /** Actions a local reading of the message suggests (src/llmPlanner/toolSelection.ts); none: only the always-sent tools. */
  suggest?: (request: PlanRequest) => Promise<readonly string[]>;
  engine: () => VocabularySource | undefined;
  /** Whether tenant data may be sent in prepare()/planText() when no consent source decides (bench, eval). */
  dataConsent: boolean;
  /**
   * Per tenant, read on every turn. Without consent the model plans from the message and the tool list only: no
   * tenant names, no list filter, no repairs (no tool-role messages), its prose shown only when it names nothing.
   */
  consent?: Pick<ModelConsent, 'state' | 'target'>;
  limits: Pick<LlmLimits, 'maxRepairs' | 'turnBudgetMs' | 'promptTokenBudget' | 'historyTokenBudget'>;
  usage?: LlmUsageMeter;
  logger?: Logger;
}

export const FALLBACK_SENTENCES: Record<FallbackReason, string> = {
  timeout: 'the language model did not answer in time',
  rateLimited: 'the language model is busy (rate limited)',
  serverError: 'the language model service failed',
  contentFilter: "the language model's content filter blocked the request",
  refusal: 'the language model declined',
  malformed: 'the language model sent an answer I could not read',
  invalidPlan: "the language model's choice was not valid",
  error: 'the language model could not be reached',
};

export function fallbackNotice(reason: FallbackReason): string {
  return `(${FALLBACK_SENTENCES[reason]}, so my built-in planner answered this one.)`;
}

const historySchema = z.array(z.object({ user: z.string().max(400), did: z.string().max(400) })).max(MAX_HISTORY_TURNS);

export interface PreparedPrompt {
  messages: ChatCompletionMessageParam[];
  /** The tools sent with this message (a selection of callable). */
  tools: ChatCompletionTool[];
  /** Every tool the model may call. */
  callable: readonly ChatCompletionTool[];
  history: HistoryTurn[];
  /** Prompt tokens as counted by src/llmPlanner/tokenBudget.ts. */
  tokens: number;
}

export interface LlmPlanner extends MessagePlanner {
  /** The last turn's outcome (logs and tests). */
  lastOutcome(): PlanOutcome | undefined;
  prepare(text: string, conversation: Record<string, unknown> | undefined, viewer: Viewer, suggested?: readonly string[], dataConsent?: boolean): PreparedPrompt;
  planText(text: string, conversation: Record<string, unknown> | undefined, viewer: Viewer, dataConsent?: boolean, onText?: (delta: string) => void): Promise<{ outcome: PlanOutcome; history: HistoryTurn[] }>;
}

export function createLlmPlanner(options: LlmPlannerOptions): LlmPlanner {
  let lexicon: ConceptLexicon | undefined;
  let last: PlanOutcome | undefined;

  const matchesFor = (text: string, viewer: Viewer, dataConsent: boolean): VocabularyMatch[] => {
    const source = options.engine();
    if (!dataConsent || !source) return [];
    lexicon ??= createConceptLexicon();
    const names = scanMessage(text, lexicon, bindVocabulary(source, viewer)).names.filter((n) => !n.unknown && !n.everything);
    return names.slice(0, MAX_MATCHES).map((n) => ({ field: n.field, values: n.values.slice(0, MAX_VALUES_PER_MATCH) }));
  };

  const isKnown = (viewer: Viewer) => (name: string) => {
    const source = options.engine();
    if (!source) return false;
    const lower = name.toLowerCase();
    return GROUNDING_FIELDS.some((field) => source.vocabulary(viewer, field).some((value) => value.toLowerCase().includes(lower)));
  };

  /** Everything sent for one message, and its token count: what the bench measures at each tenant size. */
  // Actions are all registered before the first turn; a later registration (tests) rebuilds the list.
  let tools: { count: number; selector: ToolSelector } | undefined;
  const toolSelector = () => {
    const count = options.registry.list().length;
    if (tools?.count !== count) tools = { count, selector: createToolSelector(toolsOf(options.registry)) };
    return tools.selector;
  };

  const prepare = (text: string, conversation: Record<string, unknown> | undefined, viewer: Viewer, suggested: readonly string[] = [], dataConsent = options.dataConsent): PreparedPrompt => {
    const selector = toolSelector();
    const history = trimHistory(readHistory(conversation), options.limits.historyTokenBudget);
    const activeList = parseActiveList(conversation?.[ACTIVE_LIST_KEY]);
    const tools = selector.select({ suggested, previous: actionsOf(history.at(-1)), hasActiveList: activeList !== undefined });
    const base = { message: text, ...(activeList ? { activeList } : {}), dataConsent };
    let messages = buildMessages({ ...base, matches: matchesFor(text, viewer, dataConsent), history });
    // Over budget (a long history): drop history, then the names, before sending anything.
    if (countRequestTokens(messages, tools) > options.limits.promptTokenBudget) messages = buildMessages({ ...base, matches: [], history: [] });
    return { messages, tools, callable: selector.all, history, tokens: countRequestTokens(messages, tools) };
  };

  /** One message to an outcome, with no fallback: what plan() and the eval (src/cli/evalPlanner.ts) run. */
  const planText = async (text: string, conversation: Record<string, unknown> | undefined, viewer: Viewer, dataConsent = options.dataConsent, onText?: (delta: string) => void): Promise<{ outcome: PlanOutcome; history: HistoryTurn[] }> => {
    const suggested = options.suggest ? await options.suggest({ text, viewer, ...(conversation ? { conversation } : {}) }) : [];
    const { messages, tools, callable, history, tokens: promptTokens } = prepare(text, conversation, viewer, suggested, dataConsent);
    const started = performance.now();
    const outcome: PlanOutcome =
      promptTokens > options.limits.promptTokenBudget
        ? { kind: 'fallback', reason: 'error', detail: `the prompt needs ${promptTokens} tokens, over the budget of ${options.limits.promptTokenBudget}`, usage: { promptTokens: 0, completionTokens: 0, requests: 0 } }
        : await planWithModel({ model: options.model, tools, callable: callable.map((t) => t.function.name), messages, checkPlan: (plan) => options.registry.checkPlan(plan), maxRepairs: dataConsent ? options.limits.maxRepairs : 0, turnBudgetMs: options.limits.turnBudgetMs, ...(onText ? { onText } : {}) });
    last = outcome;
    options.logger?.info(
      { planner: 'llm', model: options.model.model, outcome: outcome.kind, ...(outcome.kind === 'fallback' ? { reason: outcome.reason, detail: outcome.detail } : {}), ...(outcome.kind === 'actions' ? { actions: outcome.actions.map((a) => a.name), repairs: outcome.repairs } : {}), estimatedPromptTokens: promptTokens, toolsSent: tools.length, usage: outcome.usage, ms: Math.round(performance.now() - started) },
      'llm plan',
    );
    void options.usage?.add(options.model.model, outcome.usage, outcome.kind === 'fallback' ? outcome.reason : undefined);
    return { outcome, history };
  };

  /**
   * Whether the tenant's data may go with this turn, and the notice saying it does not (empty once the conversation
   * was told). Without consent the model still plans, from the message and the tool list only. Fails closed: a
   * consent that cannot be read is no consent.
   */
  const consentGate = async ({ viewer, conversation }: PlanRequest): Promise<{ dataConsent: boolean; notice: string }> => {
    const consent = options.consent;
    if (!consent?.target) return { dataConsent: options.dataConsent, notice: '' };
    let state: Awaited<ReturnType<ModelConsent['state']>>;
    try {
      state = await consent.state(viewer.tenantId);
    } catch (error) {
      options.logger?.warn({ err: error }, 'model consent could not be read; the model plans without tenant data');
      state = { allowed: false };
    }
    // Either way the conversation is told once (and again after a change) which model plans and what it is sent.
    const notice = state.allowed ? withConsentNotice(consent.target) : withoutConsentNotice(state, consent.target);
    if (conversation?.[CONSENT_NOTICE_KEY] === notice) return { dataConsent: state.allowed, notice: '' };
    if (conversation) conversation[CONSENT_NOTICE_KEY] = notice;
    return { dataConsent: state.allowed, notice };
  };

  /** The label before model-written prose; its citations are numbered names the data holds. */
  const labelOf = (cited: boolean) =>
    cited ? `General security knowledge from ${options.model.label}; the numbered names are records in your posture data:` : `General security knowledge from ${options.model.label}, not from your posture data:`;

  /** Streamed, the label goes first, before it is known whether anything will be cited. */
  const streamLabelOf = (dataConsent: boolean) =>
    dataConsent ? `General security knowledge from ${options.model.label} (numbered names, if any, are records in your posture data):` : labelOf(false);

  const plan = async (request: PlanRequest): Promise<MessagePlan> => {
    const { text, viewer, conversation } = request;
    if (!text.trim()) return options.keyless.plan(request);
    const { dataConsent, notice } = await consentGate(request);
    // Without consent the prose must stand without the data: a name-shaped word removes its sentence, and nothing is cited.
    const known = dataConsent ? isKnown(viewer) : () => false;
    const source = options.engine();
    const citedNames = new Set<string>();
    const cite = (prose: string, start = 0) => {
      const names = namesIn(prose).filter((name) => known(name) && !citedNames.has(name.toLowerCase()));
      if (names.length === 0 || !isCitationSource(source)) return { text: prose, citations: [] };
      names.forEach((name) => citedNames.add(name.toLowerCase()));
      return citeNames(prose, names, source, viewer, start);
    };
    const removed = (names: string[]) => options.logger?.warn({ removed: names.slice(0, 10) }, 'llm answer named things absent from the data; removed');
    // 1:1 chats: prose is streamed a checked sentence at a time (src/llmPlanner/proseGate.ts).
    const gate = request.stream ? createProseGate({ stream: request.stream, label: streamLabelOf(dataConsent), isKnown: known, cite, onRemoved: removed }) : undefined;

    const { outcome, history } = await planText(text, conversation, viewer, dataConsent, gate?.onText);
    const streamed = gate?.finish(outcome.kind === 'answer');
    // The streamed message is ended first (by its own step), whatever follows it.
    const steps = (rest: PlanStep[]): MessagePlan => ({
      steps: [
        ...(streamed ? [{ kind: 'say' as const, text: streamed.text, ai: { model: options.model.label, citations: streamed.citations }, streamed: true }] : []),
        ...(notice ? [sayStep(notice)] : []),
        ...rest,
      ],
    });

    if (outcome.kind === 'actions') {
      remember(conversation, history, { user: text, did: outcome.actions.map(describeAction).join('; ') });
      return steps(outcome.actions.map(actionStep));
    }
    if (outcome.kind === 'answer') {
      if (streamed) {
        remember(conversation, history, { user: text, did: 'answered from general knowledge' });
        return steps([]);
      }
      // Streamed, every sentence was checked and none passed; else the answer is checked whole.
      const grounded = gate?.received ? { text: '', removed: [] } : removeUngrounded(outcome.text, known);
      if (grounded.removed.length > 0) removed(grounded.removed);
      if (grounded.text) {
        remember(conversation, history, { user: text, did: 'answered from general knowledge' });
        const cited = cite(grounded.text);
        return steps([{ kind: 'say', text: `${labelOf(cited.citations.length > 0)}\n\n${cited.text}`, ai: { model: options.model.label, citations: cited.citations } }]);
      }
      return steps(withNotice(await options.keyless.plan(request), 'malformed').steps);
    }
    return steps(withNotice(await options.keyless.plan(request), outcome.reason).steps);
  };

  return {
    plan,
    lastOutcome: () => last,
    prepare,
    planText,
  };
}

function withNotice(plan: MessagePlan, reason: FallbackReason): MessagePlan {
  return { steps: [sayStep(fallbackNotice(reason)), ...plan.steps] };
}

function describeAction(action: PlannedAction): string {
  const parameters = JSON.stringify(action.parameters ?? {});
  return `${action.name} ${parameters.length > 200 ? `${parameters.slice(0, 199)}…` : parameters}`;
}

/** The action names a history turn ran ("analyze {...}; summarize {...}"). */
function actionsOf(turn: HistoryTurn | undefined): string[] {
  const names = turn && !turn.did.startsWith('answered ') ? actionNamesOf(turn.did) : '';
  return names ? names.split('; ') : [];
}

function readHistory(conversation: Record<string, unknown> | undefined): HistoryTurn[] {
  const parsed = historySchema.safeParse(conversation?.[LLM_HISTORY_KEY]);
  return parsed.success ? parsed.data : [];
}

function remember(conversation: Record<string, unknown> | undefined, history: readonly HistoryTurn[], turn: HistoryTurn): void {
  if (!conversation) return;
  conversation[LLM_HISTORY_KEY] = [...history, { user: turn.user.slice(0, 400), did: turn.did.slice(0, 400) }].slice(-MAX_HISTORY_TURNS);
}

/** A planner's actions for a message as tool hints: the keyless planner reads it locally, in about a millisecond. */
export function suggestionsOf(planner: MessagePlanner): (request: PlanRequest) => Promise<string[]> {
  return async (request) => (await planner.plan(request)).steps.flatMap((step) => (step.kind === 'action' ? [step.action.name] : []));
}
