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
  /** True when a person pressed a card button for this action (never for a planner's action). */
  pressed?: boolean;
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

export interface ActionRegistry<Reply = unknown> {
  register<S extends z.ZodTypeAny>(definition: ActionDefinition<S, Reply>): void;
  get(name: string): ActionDefinition<z.ZodTypeAny, Reply> | undefined;
  list(): ReadonlyArray<ActionDefinition<z.ZodTypeAny, Reply>>;
  /** Validates parameters with the action's schema; throws AppError INVALID_ACTION listing every problem. */
  validate(action: PlannedAction): { definition: ActionDefinition<z.ZodTypeAny, Reply>; parameters: unknown };
  /** Runs a read action; hands a side-effect action to the confirmation gate (refused without one). */
  run(action: PlannedAction, context: ActionContext<Reply>): Promise<void>;
  /** Side-effect actions are proposed through this gate from now on. */
  useConfirmation(gate: SideEffectGate<Reply>): void;
}

export function createActionRegistry<Reply = unknown>(): ActionRegistry<Reply> {
  const actions = new Map<string, ActionDefinition<z.ZodTypeAny, Reply>>();
  let gate: SideEffectGate<Reply> | undefined;

  const validate: ActionRegistry<Reply>['validate'] = (action) => {
    const definition = actions.get(action.name);
    if (!definition) throw new AppError('INVALID_ACTION', `I don't know the action "${String(action.name).slice(0, 60)}".`);
    const parsed = definition.parameters.safeParse(action.parameters ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(parameters)'}: ${issue.message}`);
      throw new AppError('INVALID_ACTION', `The ${definition.name} action got invalid parameters.`, { details: { problems } });
    }
    return { definition, parameters: parsed.data };
  };

  return {
    register(definition) {
      if (actions.has(definition.name)) throw new Error(`Action ${definition.name} is registered twice`);
      actions.set(definition.name, definition as unknown as ActionDefinition<z.ZodTypeAny, Reply>);
    },
    get: (name) => actions.get(name),
    list: () => [...actions.values()],
    validate,
    async run(action, context) {
      const { definition, parameters } = validate(action);
      if (!definition.sideEffects) return definition.handler(parameters, context);
      if (!gate) throw new AppError('INVALID_ACTION', `The ${definition.name} action changes things and needs your confirmation first.`);
      if (definition.confirmedByPress && context.pressed) return gate.runPressed(definition, parameters, context);
      return gate.propose(definition, parameters, context);
    },
    useConfirmation(next) {
      gate = next;
    },
  };
}
