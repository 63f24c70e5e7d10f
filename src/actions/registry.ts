// The action registry: the one place each action is declared (name, description, zod parameters, side effects,
// handler). Planners only produce registry actions, and parameters are validated here before any handler runs.
import type { z } from 'zod';
import { AppError } from '../errors/appError';

/** What a handler receives besides its parameters. The transport builds it per turn. */
export interface ActionContext<Reply = unknown> {
  viewer: import('../posture/viewer').Viewer;
  /** Conversation-scoped memory the skill may read and write (the "active page"). */
  conversation: ConversationMemory;
  /** Sends a reply (a card or text) to the user. */
  reply(message: Reply): Promise<void>;
  /** True only when the requesting user confirmed this exact side effect. */
  confirmed: boolean;
}

export interface ConversationMemory {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T): void;
  delete(key: string): void;
}

export interface ActionDefinition<S extends z.ZodTypeAny = z.ZodTypeAny, Reply = unknown> {
  name: string;
  description: string;
  parameters: S;
  /** Side effects (email, cards to others, PRs, fixes) run only after the requesting user confirms. */
  sideEffects: boolean;
  handler(params: z.infer<S>, context: ActionContext<Reply>): Promise<void>;
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
  run(action: PlannedAction, context: ActionContext<Reply>): Promise<void>;
}

export function createActionRegistry<Reply = unknown>(): ActionRegistry<Reply> {
  const actions = new Map<string, ActionDefinition<z.ZodTypeAny, Reply>>();

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
      if (definition.sideEffects && !context.confirmed) {
        throw new AppError('INVALID_ACTION', `The ${definition.name} action changes things and needs your confirmation first.`);
      }
      await definition.handler(parameters, context);
    },
  };
}
