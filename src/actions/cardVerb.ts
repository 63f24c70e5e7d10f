// What a card button may carry and what it becomes: each verb declares a zod schema for its data and a resolver
// that re-checks the data against what the bot knows and turns it into a registry action or a prompt to plan.
// Skills declare their verbs with this type; the transport (src/teams/cardActionRouter.ts) routes them.
import { z } from 'zod';
import type { ConversationMemory, PlannedAction } from './registry';
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

/** Verbs and refs are short identifiers: nothing a user typed, nothing that names a resource. */
export const VERB_PATTERN = /^[a-zA-Z][a-zA-Z0-9]{0,31}$/;
export const REF_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const opaqueRef = z.string().regex(REF_PATTERN);
