// Parameter vocabularies shared by every planner (keyless now, an LLM later) and every skill: defined once here,
// used by the action contracts (src/actions/contracts/) and read by the planner's lexicon. A new value is added
// here and nowhere else.
import { z } from 'zod';
import type { GroupBy, SortOrder as EngineSortOrder } from '../posture/engine';

/** How a list is ordered. */
export const SORT_ORDERS = ['risk', 'severity', 'dueDate'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** What a breakdown groups by. */
export const GROUPINGS = ['severity', 'riskLevel', 'resourceType', 'subscription', 'owner', 'category', 'cloud', 'recommendation', 'governance', 'riskFactor'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** list: the recommendations card; count: "how many"; breakdown: counts grouped by a grouping. */
export const VIEWS = ['list', 'count', 'breakdown'] as const;
export type View = (typeof VIEWS)[number];

/** Why a request is declined: not about posture, a request to dump everything, an injection attempt, not understood. */
export const OUT_OF_SCOPE_REASONS = ['notPosture', 'dumpAll', 'unsafe', 'notUnderstood'] as const;
export type OutOfScopeReason = (typeof OUT_OF_SCOPE_REASONS)[number];

export const sortOrderSchema = z.enum(SORT_ORDERS);
export const groupingSchema = z.enum(GROUPINGS);
export const viewSchema = z.enum(VIEWS);

// List references: how an action points at a list or a row the user was shown.
/** A list's id, as a "Show more" button carries it. */
export const LIST_ID_PATTERN = /^[a-z0-9]{6,16}$/;
export const listIdSchema = z.string().regex(LIST_ID_PATTERN);
/** A 1-based position in the list on screen ("the second one", "#3"). */
export const ordinalSchema = z.number().int().min(1).max(10000);
/** An opaque row reference from a card button (`<listId>_<index>`), never a resource name. */
export const rowRefSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export function rowRef(listId: string, index: number): string {
  return `${listId}_${index}`;
}

export function parseRowRef(ref: string): { listId: string; index: number } | undefined {
  const match = /^([a-z0-9]{6,16})_(\d{1,4})$/.exec(ref);
  if (!match?.[1] || !match[2]) return undefined;
  return { listId: match[1], index: Number(match[2]) };
}

// The engine declares the same unions; these fail to compile if the two ever drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const groupingsMatchEngine: Same<Grouping, GroupBy> = true;
const sortOrdersMatchEngine: Same<SortOrder, EngineSortOrder> = true;
void groupingsMatchEngine;
void sortOrdersMatchEngine;
