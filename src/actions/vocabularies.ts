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
/** An opaque reference from a card's Details button: it names the recommendation (contracts/shownRefs), never a resource name. */
export const rowRefSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Details buttons on cards from before refs named recommendations: `<listId>_<index>` into that list's rows. */
export function parseRowRef(ref: string): { listId: string; index: number } | undefined {
  const match = /^([a-z0-9]{6,16})_(\d{1,4})$/.exec(ref);
  if (!match?.[1] || !match[2]) return undefined;
  return { listId: match[1], index: Number(match[2]) };
}

/** A "Show more" button carries `<listId>_<first row of the page>`: the page is absolute, pressing twice shows it once. */
export function pageRef(listId: string, offset: number): string {
  return `${listId}_${offset}`;
}

/** Cards from before pages were absolute carry the list id alone: their page is "the next one". */
export const PAGE_REF_PATTERN = /^([a-z0-9]{6,16})(?:_(\d{1,5}))?$/;
export const pageRefSchema = z.string().regex(PAGE_REF_PATTERN);

export function parsePageRef(ref: string): { listId: string; offset?: number } | undefined {
  const match = PAGE_REF_PATTERN.exec(ref);
  if (!match?.[1]) return undefined;
  return match[2] === undefined ? { listId: match[1] } : { listId: match[1], offset: Number(match[2]) };
}

// The engine declares the same unions; these fail to compile if the two ever drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const groupingsMatchEngine: Same<Grouping, GroupBy> = true;
const sortOrdersMatchEngine: Same<SortOrder, EngineSortOrder> = true;
void groupingsMatchEngine;
void sortOrdersMatchEngine;
