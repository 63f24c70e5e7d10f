// The action registry: the one place each action is declared (name, description, zod parameters, side effects,
// handler). Planners only produce registry actions, and parameters are validated here before any handler runs.
import type { z } from 'zod';
import { AppError } from '../errors/appError';
import type { ConfirmationContent } from '../views/confirmationView';
import type { Person } from './pendingActions';

/** What a handler receives besides its parameters. The transport builds it per turn. */
export interface ActionContext<Reply = unknown> {
  viewer: import('../posture/viewer').Viewer;
  /** Who sent this turn: the requester of any side effect it proposes, and the only one who may confirm it. */
  actor: Person;
  /** The conversation the turn belongs to (pending confirmations are kept per conversation). */
  conversationId: string;
  /** Conversation-scoped memory the skill may read and write (the "active page"). */
  conversation: ConversationMemory;
  /** Sends a reply (a card or text) to the user. */
  reply(message: Reply): Promise<void>;
  /**
   * Runs work after this turn has answered, in the same conversation (a proactive continuation): for effects that
   * take longer than Teams waits. Absent where the transport cannot continue a conversation.
   */
  later?(work: (continuation: Continuation<Reply>) => Promise<void>): void;
  /**
   * Holds a record update for this turn's closing commit (with its conversation state); false where the turn has
   * none or it has already committed (then the caller writes it itself). `failed` hears of a commit that failed.
   */
  atTurnEnd?(update: import('../storage/turnCommit').RecordUpdate, failed: (error: unknown) => void): boolean;
  /** True when a person pressed a card button for this action (never for a planner's action). */
  pressed?: boolean;
  /**
   * Runs another registry action in this turn, validated and gated like a planned one (a side effect is only
   * proposed): set by the registry for read handlers, so one request can offer several drafts (bulk delegation).
   */
  runAction?(action: PlannedAction): Promise<void>;
}

export interface Continuation<Reply = unknown> {
  reply(message: Reply): Promise<void>;
  /** Replaces the card the turn answered (the pressed card) in place; a new message where that is not possible. */
  replaceCard(message: Reply): Promise<void>;
}

export interface ConversationMemory {
  get<T>(key: string): T | undefined;
  /**
   * `merge` says how this key combines with a concurrent turn's write (another process saved first): it gets the
   * value as this turn read it, as this turn leaves it, and as stored now. Without it this turn's value wins.
   */
  set<T>(key: string, value: T, merge?: (base: T | undefined, mine: T, fresh: T | undefined) => T | undefined): void;
  delete(key: string): void;
}

/** An action that only reads: it runs straight from a plan. */
export interface ReadActionDefinition<S extends z.ZodTypeAny = z.ZodTypeAny, Reply = unknown> {
  name: string;
  description: string;
  parameters: S;
  /**
   * A plain-code twin of `parameters` for the common shapes (optional): returns exactly what the schema's parse
   * returns, or undefined to let the schema decide. It never accepts what the schema refuses; its test compares both.
   */
  plainParameters?(value: unknown): z.infer<S> | undefined;
  sideEffects: false;
  handler(params: z.infer<S>, context: ActionContext<Reply>): Promise<void>;
}

/** What a side-effect action proposes: the exact change, what it is about, and the card that shows it. */
export interface Proposal<E> {
  effect: E;
  /** What the change is about (an assessment id): a newer proposal for the same target supersedes an older one. */
  target: string;
  card: ConfirmationContent;
}

export interface EffectContext<Reply = unknown> extends ActionContext<Reply> {
  /** Stable for one confirmation: a re-run after a crash must find what this key already did, not do it twice. */
  idempotencyKey: string;
  /** Who confirmed (always the requester). */
  confirmedBy: Person;
}

/** What the effect did, said to the user and kept in the audit record. */
export interface EffectOutcome {
  text: string;
}

/**
 * An action that changes something (email, cards to others, pull requests, fixes, write-backs). It never runs
 * from a plan: `propose` reads data and describes the change; the confirmation flow stores it as a pending action
 * and shows the card; only the requester's press runs `perform`, with the stored effect.
 */
export interface SideEffectActionDefinition<S extends z.ZodTypeAny = z.ZodTypeAny, E extends z.ZodTypeAny = z.ZodTypeAny, Reply = unknown> {
  name: string;
  description: string;
  /** Ids only (recommendation or record ids, list positions): recipients, targets and text come from data and card inputs. */
  parameters: S;
  /**
   * A plain-code twin of `parameters` for the common shapes (optional): returns exactly what the schema's parse
   * returns, or undefined to let the schema decide. It never accepts what the schema refuses; its test compares both.
   */
  plainParameters?(value: unknown): z.infer<S> | undefined;
  sideEffects: true;
  /** Exactly what will change; validated again before it runs. */
  effect: E;
  propose(params: z.infer<S>, context: ActionContext<Reply>): Promise<Proposal<z.infer<E>>>;
  /** Merges the card's submitted inputs into the effect; throws AppError BAD_INPUT with a sentence the user can act on. */
  withInputs?(effect: z.infer<E>, inputs: Readonly<Record<string, string>>): z.infer<E>;
  perform(effect: z.infer<E>, context: EffectContext<Reply>): Promise<EffectOutcome>;
  /** Takes longer than Teams waits for an answer (SMTP, a pull request, ARM): acknowledged at once, finished later. */
  long?: boolean;
  /**
   * Changes only the presser's own assignment (an owner card's Accept, Set ETA, Mark as fixed): a card press is the
   * confirmation, so no second card follows. `propose` must refuse anyone the change does not belong to. From a
   * planner such an action is still proposed on a confirmation card.
   */
  confirmedByPress?: boolean;
}

export type ActionDefinition<S extends z.ZodTypeAny = z.ZodTypeAny, Reply = unknown> =
  | ReadActionDefinition<S, Reply>
  | SideEffectActionDefinition<S, z.ZodTypeAny, Reply>;

/** Receives side-effect actions instead of running them (the confirmation flow). */
export interface SideEffectGate<Reply = unknown> {
  propose(definition: SideEffectActionDefinition<z.ZodTypeAny, z.ZodTypeAny, Reply>, parameters: unknown, context: ActionContext<Reply>): Promise<void>;
  /** Runs a press-confirmed action once per distinct change. */
  runPressed(definition: SideEffectActionDefinition<z.ZodTypeAny, z.ZodTypeAny, Reply>, parameters: unknown, context: ActionContext<Reply>): Promise<void>;
}

export interface PlannedAction {
  name: string;
  parameters: unknown;
}

/**
 * One thing wrong with a plan, precise enough for a planner to repair it (an LLM planner is given the list back):
 * which action (by its place in the plan and its name), where in its parameters, and what is wrong.
 */
export interface PlanProblem {
  /** 0-based position of the action in the plan. */
  index: number;
  /** unknownAction: no such action is registered; invalidParameter: the parameters fail the action's schema. */
  code: 'unknownAction' | 'invalidParameter';
  action: string;
  /** Dotted path into the parameters (`filter.riskLevels.0`); empty for the action as a whole. */
  path: string;
  message: string;
}

/** The sentence the user sees for an invalid plan: plain words, no paths, no internals. */
export function planProblemSentence(problems: readonly PlanProblem[]): string {
  const unknown = problems.find((p) => p.code === 'unknownAction');
  if (unknown) return `I don't know the action "${unknown.action.slice(0, 60)}". Type "help" to see what I can do.`;
  const first = problems[0];
  if (!first) return 'That request was not valid.';
  const count = problems.filter((p) => p.index === first.index).length;
  const what = count === 1 ? 'a value it does not accept' : `${count} values it does not accept`;
  return `I couldn't run that: the ${first.action.slice(0, 60)} action got ${what}. Try asking another way, or type "help" for examples.`;
}

export interface ActionRegistry<Reply = unknown> {
  register<S extends z.ZodTypeAny>(definition: ActionDefinition<S, Reply>): void;
  get(name: string): ActionDefinition<z.ZodTypeAny, Reply> | undefined;
  list(): ReadonlyArray<ActionDefinition<z.ZodTypeAny, Reply>>;
  /** Every problem with a plan, checked with each action's one schema; empty when the plan can run. */
  checkPlan(plan: readonly PlannedAction[]): PlanProblem[];
  /** Validates parameters with the action's schema; throws AppError INVALID_ACTION (details.problems: PlanProblem[]). */
  validate(action: PlannedAction): { definition: ActionDefinition<z.ZodTypeAny, Reply>; parameters: unknown };
  /** Runs a read action; hands a side-effect action to the confirmation gate (refused without one). */
  run(action: PlannedAction, context: ActionContext<Reply>): Promise<void>;
  /** Side-effect actions are proposed through this gate from now on. */
  useConfirmation(gate: SideEffectGate<Reply>): void;
}

export function createActionRegistry<Reply = unknown>(): ActionRegistry<Reply> {
  const actions = new Map<string, ActionDefinition<z.ZodTypeAny, Reply>>();
  let gate: SideEffectGate<Reply> | undefined;

  type Checked = { ok: true; definition: ActionDefinition<z.ZodTypeAny, Reply>; parameters: unknown } | { ok: false; problems: PlanProblem[] };
  const check = (action: PlannedAction, index: number): Checked => {
    const name = typeof action.name === 'string' ? action.name : String(action.name);
    const definition = actions.get(name);
    if (!definition) return { ok: false, problems: [{ index, code: 'unknownAction', action: name, path: '', message: `unknown action; known actions: ${[...actions.keys()].join(', ')}` }] };
    const plain = definition.plainParameters?.(action.parameters ?? {});
    if (plain !== undefined) return { ok: true, definition, parameters: plain };
    const parsed = definition.parameters.safeParse(action.parameters ?? {});
    if (parsed.success) return { ok: true, definition, parameters: parsed.data };
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ index, code: 'invalidParameter' as const, action: name, path: issue.path.join('.'), message: issue.message })) };
  };

  const validate: ActionRegistry<Reply>['validate'] = (action) => {
    const checked = check(action, 0);
    if (!checked.ok) throw new AppError('INVALID_ACTION', planProblemSentence(checked.problems), { details: { problems: checked.problems } });
    return { definition: checked.definition, parameters: checked.parameters };
  };

  const run: ActionRegistry<Reply>['run'] = async (action, context) => {
    const { definition, parameters } = validate(action);
    if (!definition.sideEffects) return definition.handler(parameters, { ...context, runAction: (next) => run(next, context) });
    if (!gate) throw new AppError('INVALID_ACTION', `The ${definition.name} action changes things and needs your confirmation first.`);
    if (definition.confirmedByPress && context.pressed) return gate.runPressed(definition, parameters, context);
    return gate.propose(definition, parameters, context);
  };

  return {
    register(definition) {
      if (actions.has(definition.name)) throw new Error(`Action ${definition.name} is registered twice`);
      actions.set(definition.name, definition as unknown as ActionDefinition<z.ZodTypeAny, Reply>);
    },
    get: (name) => actions.get(name),
    list: () => [...actions.values()],
    checkPlan: (plan) => plan.flatMap((action, index) => {
      const checked = check(action, index);
      return checked.ok ? [] : checked.problems;
    }),
    validate,
    run,
    useConfirmation(next) {
      gate = next;
    },
  };
}
