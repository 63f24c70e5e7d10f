// Card buttons carry opaque data ({ verb, ref, ... }): the router checks the envelope, finds the verb, validates
// its data with the verb's schema and lets the verb resolve it (see src/actions/cardVerb.ts).
import { z } from 'zod';
import { VERB_PATTERN, type CardActionOutcome, type CardActionScope, type CardVerb } from '../actions/cardVerb';
import { AppError } from '../errors/appError';

// The verb contract lives in src/actions/cardVerb.ts so skills declare verbs without importing the transport.
export { opaqueRef, REF_PATTERN, VERB_PATTERN, type CardActionOutcome, type CardActionScope, type CardVerb } from '../actions/cardVerb';

export interface CardActionRouter {
  register<S extends z.ZodTypeAny>(verb: CardVerb<S>): void;
  verbs(): string[];
  /** Validates an untrusted payload and resolves it; throws AppError INVALID_ACTION or STALE_ACTION. */
  resolve(payload: unknown, scope: CardActionScope): Promise<CardActionOutcome>;
}

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
