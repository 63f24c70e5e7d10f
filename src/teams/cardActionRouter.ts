// Card buttons carry opaque data ({ verb, ref, ... }). Each verb declares a zod schema for its data and a resolver
// that re-checks the data against what the bot knows and turns it into a registry action or a prompt to plan.
import { z } from 'zod';
import type { ConversationMemory, PlannedAction } from '../actions/registry';
import { AppError } from '../errors/appError';
import type { Viewer } from '../posture/viewer';

export type CardActionOutcome = { kind: 'action'; action: PlannedAction } | { kind: 'prompt'; text: string };

export interface CardActionScope {
  conversation: ConversationMemory;
  viewer: Viewer;
}

export interface CardVerb<S extends z.ZodTypeAny = z.ZodTypeAny> {
  verb: string;
  /** Schema of the payload without `verb`; make it strict so unexpected fields are refused. */
  data: S;
  /** Throws AppError STALE_ACTION when the reference no longer matches the data. */
  resolve(data: z.infer<S>, scope: CardActionScope): CardActionOutcome | Promise<CardActionOutcome>;
}

export interface CardActionRouter {
  register<S extends z.ZodTypeAny>(verb: CardVerb<S>): void;
  verbs(): string[];
  /** Validates an untrusted payload and resolves it; throws AppError INVALID_ACTION or STALE_ACTION. */
  resolve(payload: unknown, scope: CardActionScope): Promise<CardActionOutcome>;
}

/** Verbs and refs are short identifiers: nothing a user typed, nothing that names a resource. */
export const VERB_PATTERN = /^[a-zA-Z][a-zA-Z0-9]{0,31}$/;
export const REF_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const opaqueRef = z.string().regex(REF_PATTERN);

const envelope = z.object({ verb: z.string().regex(VERB_PATTERN) }).passthrough();

export function createCardActionRouter(): CardActionRouter {
  const verbs = new Map<string, CardVerb>();
  return {
    register(verb) {
      if (!VERB_PATTERN.test(verb.verb)) throw new Error(`Card verb "${verb.verb}" is not a short identifier`);
      if (verbs.has(verb.verb)) throw new Error(`Card verb ${verb.verb} is registered twice`);
      verbs.set(verb.verb, verb as unknown as CardVerb);
    },
    verbs: () => [...verbs.keys()],
    async resolve(payload, scope) {
      const head = envelope.safeParse(payload);
      if (!head.success) throw new AppError('INVALID_ACTION', "That button's data is not valid.", { details: { reason: 'envelope' } });
      const { verb, ...rest } = head.data;
      const definition = verbs.get(verb);
      if (!definition) throw new AppError('INVALID_ACTION', "That button isn't one I know.", { details: { verb } });
      const data = definition.data.safeParse(rest);
      if (!data.success) {
        const problems = data.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`);
        throw new AppError('INVALID_ACTION', "That button's data is not valid.", { details: { verb, problems } });
      }
      return definition.resolve(data.data, scope);
    },
  };
}
