// Following delegations to verified closure. "what have I delegated?", "which delegations are overdue?": every
// open delegation is checked against the posture data as it is now, and moves to Verified only when the
// assessment is Healthy in data newer than the delegation (a reload after it; or, on the demo tenant, a fix
// simulated in chat after it, labelled simulated). "mark the first delegation as fixed" re-checks at once: without
// that evidence it stays Fixed – pending verification, and the delegator is told so.
import { withinScope } from '../../access/idScope';
import type { z } from 'zod';
import { cancelDelegationParamsSchema, listDelegationsParamsSchema, markFixedParamsSchema } from '../../actions/contracts/delegate';
import type { ActionContext, ActionDefinition, ReadActionDefinition } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import type { PostureEngine, RecommendationDetails } from '../../posture/engine';
import { withoutLinks } from '../../views/portalLinks';
import type { Reply } from '../../views/reply';
import type { ContactBook } from '../../contacts/contactBook';
import { roleOf } from './ownerCard';
import { CLOSED, STATE_LABELS, stateOf, transition, type Delegation, type DelegationRecords } from './delegationRecords';
import { displayDate } from '../../views/postureLabels';

/** Text replies go out as plain text: data is shown as it is, minus any link in it. */
const plain = (text: string): string => withoutLinks(text);

export interface TrackingPosture {
  current(): PostureEngine;
  /** When the data now served was loaded (epoch ms). */
  info(): { loadedAt: number };
}

export interface TrackingOptions {
  posture: TrackingPosture;
  delegations: DelegationRecords;
  /** Who the asker is as an owner (the addresses Teams gave for them). */
  contacts: ContactBook;
  now?: () => number;
}

/** The ids of the delegation list shown last, for "the second delegation". */
export const LAST_DELEGATION_LIST_KEY = 'delegate.lastList';
const MAX_LISTED = 20;
const DAY_MS = 86_400_000;

/** What shows the fix, if anything: Healthy in data loaded after the delegation, or a later simulated fix. */
export function evidenceOfFix(delegation: Pick<Delegation, 'createdAt'>, details: RecommendationDetails | undefined, loadedAt: number): 'data' | 'simulated' | undefined {
  if (!details || details.status !== 'Healthy') return undefined;
  if (details.statusCause === 'SimulatedFix') return (details.statusChangeDate ?? 0) > delegation.createdAt ? 'simulated' : undefined;
  return loadedAt > delegation.createdAt ? 'data' : undefined;
}

export const VERIFIABLE: ReadonlySet<string> = new Set(['Assigned', 'Reassigned', 'Accepted', 'EtaSet', 'FixedPendingVerification']);

export function createTrackingActions(options: TrackingOptions): Array<ActionDefinition<z.ZodTypeAny, Reply>> {
  const now = options.now ?? Date.now;

  /** Moves open delegations the data shows fixed to Verified; returns every delegation as stored after that. */
  async function verifyAll(context: ActionContext<Reply>, list: Delegation[]): Promise<Delegation[]> {
    const engine = options.posture.current();
    const loadedAt = options.posture.info().loadedAt;
    const out: Delegation[] = [];
    for (const d of list) {
      const evidence = VERIFIABLE.has(d.state) ? evidenceOfFix(d, engine.details(context.viewer, d.assessmentId), loadedAt) : undefined;
      if (!evidence) {
        out.push(d);
        continue;
      }
      out.push(
        await options.delegations.mutate(d.id, (current) =>
          VERIFIABLE.has(current.state) ? { ...transition(current, 'Verified', 'posture data', now(), evidence === 'simulated' ? 'fix simulated in chat' : 'fresh posture data'), verifiedAt: now(), verifiedBy: evidence } : undefined,
        ),
      );
    }
    return out;
  }

  /** Delegations whose owner is the asker: by their Teams user, or an address the roster gave for them. */
  async function assignedTo(context: ActionContext<Reply>, all: Delegation[]): Promise<Delegation[]> {
    const out: Delegation[] = [];
    for (const d of all) {
      const role = await roleOf(d, context.actor, options.contacts);
      if (role === 'owner' || role === 'both') out.push(d);
    }
    return out;
  }

  async function nothingAssigned(context: ActionContext<Reply>): Promise<string> {
    const me = context.actor.id.startsWith('channel:') ? undefined : await options.contacts.byUser(context.actor.id);
    if (!me || me.addresses.length === 0) return 'Nothing is assigned to you that I know of. I match delegations to you by the address Teams has for you, which I learn in a personal chat with me.';
    return `Nothing is delegated to ${me.addresses.join(' or ')}.`;
  }

  function line(d: Delegation, position: number, at: number): string {
    const state = stateOf(d, at);
    const label = state === 'Verified' && d.verifiedBy === 'simulated' ? 'Verified (simulated fix)' : STATE_LABELS[state];
    const late = state === 'Overdue' ? `, ${Math.max(1, Math.floor((at - d.dueDate) / DAY_MS))} day(s) late` : '';
    return `${position}. ${label}: ${plain(d.recommendation)} on ${plain(d.resourceName)}, owner ${plain(d.owner)}, due ${displayDate(d.dueDate)}${late}`;
  }

  const listDelegations: ReadActionDefinition<typeof listDelegationsParamsSchema, Reply> = {
    name: 'listDelegations',
    description: 'List delegations with their state (Assigned … Verified, Overdue derived when read), re-checking each open one against the posture data.',
    parameters: listDelegationsParamsSchema,
    sideEffects: false,
    async handler(params, context) {
      const all = withinScope(context.viewer, await options.delegations.all(), (d) => [d.assessmentId]);
      const mine = params.scope === 'delegatedByMe' ? all.filter((d) => d.delegator.id === context.actor.id) : params.scope === 'assignedToMe' ? await assignedTo(context, all) : all;
      const checked = await verifyAll(context, mine);
      const at = now();
      const shown = (params.scope === 'overdue' ? checked.filter((d) => stateOf(d, at) === 'Overdue') : checked).sort((a, b) => b.createdAt - a.createdAt);
      if (shown.length === 0) {
        const none = params.scope === 'overdue' ? 'No delegation is overdue.' : params.scope === 'assignedToMe' ? await nothingAssigned(context) : params.scope === 'delegatedByMe' ? 'You have not delegated anything yet. Open a recommendation and press "Delegate to the owner", or say "delegate the first one" after a list.' : 'Nothing has been delegated yet.';
        await context.reply({ kind: 'text', text: none });
        return;
      }
      const page = shown.slice(0, MAX_LISTED);
      context.conversation.set(LAST_DELEGATION_LIST_KEY, page.map((d) => d.id));
      const open = shown.filter((d) => !CLOSED.has(d.state)).length;
      const heading = params.scope === 'delegatedByMe' ? 'Your delegations' : params.scope === 'assignedToMe' ? 'Assigned to you' : 'Delegations';
      const title = params.scope === 'overdue' ? `Overdue delegations: ${shown.length}` : `${heading}: ${shown.length} (${open} open)`;
      const more = shown.length > page.length ? `\n\nShowing the newest ${page.length}.` : '';
      await context.reply({
        kind: 'text',
        text: `${title}\n\n${page.map((d, i) => line(d, i + 1, at)).join('\n\n')}${more}`,
        suggestions: ['Which delegations are overdue?', 'Mark the first delegation as fixed'],
        recommendationIds: page.map((d) => d.assessmentId),
      });
    },
  };

  /** The delegation at a position of the last list, read fresh; NOT_FOUND with what to do otherwise. */
  async function pick(context: ActionContext<Reply>, ordinal: number | undefined, example: string): Promise<Delegation> {
    const ids = context.conversation.get<string[]>(LAST_DELEGATION_LIST_KEY) ?? [];
    const id = ids[(ordinal ?? 1) - 1];
    if (!id) throw new AppError('NOT_FOUND', ids.length === 0 ? `Which delegation? Ask "what have I delegated?" first, then say "${example}".` : `The last delegation list shows ${ids.length}: pick one of those.`);
    const current = await options.delegations.get(id);
    if (!current) throw new AppError('NOT_FOUND', 'That delegation is not known any more.');
    return current;
  }

  const cancel: ReadActionDefinition<typeof cancelDelegationParamsSchema, Reply> = {
    name: 'cancelDelegation',
    description: 'Cancel one of your delegations (its delegator only); the email already sent is not recalled.',
    parameters: cancelDelegationParamsSchema,
    sideEffects: false,
    async handler(params, context) {
      const current = await pick(context, params.ordinal, 'cancel the first delegation');
      if (current.delegator.id !== context.actor.id) throw new AppError('BAD_REQUEST', `Only the person who delegated it (${current.delegator.name ?? 'its delegator'}) can cancel it.`);
      const by = context.actor.name ?? context.actor.id;
      let changed = false;
      const updated = await options.delegations.mutate(current.id, (d) => {
        changed = !CLOSED.has(d.state);
        return changed ? transition(d, 'Cancelled', by, now()) : undefined;
      });
      const name = `"${plain(updated.recommendation)}" on ${plain(updated.resourceName)}`;
      await context.reply({
        kind: 'text',
        text: changed ? `The delegation of ${name} to ${plain(updated.owner)} is cancelled. The email already sent is not recalled; tell the owner if needed.` : `${name} is ${STATE_LABELS[updated.state].toLowerCase()}: it cannot be cancelled now.`,
        recommendationIds: [updated.assessmentId],
      });
    },
  };

  const markFixed: ReadActionDefinition<typeof markFixedParamsSchema, Reply> = {
    name: 'markDelegationFixed',
    description: 'Say a delegated fix is done: re-checks the posture data; Verified only when newer data shows it healthy, else pending verification.',
    parameters: markFixedParamsSchema,
    sideEffects: false,
    async handler(params, context) {
      const current = await pick(context, params.ordinal, 'mark the first delegation as fixed');
      const id = current.id;
      if ((await roleOf(current, context.actor, options.contacts)) === 'other') throw new AppError('BAD_REQUEST', `Only the person who delegated it (${current.delegator.name ?? 'its delegator'}) or its owner can mark it fixed.`);
      const evidence = evidenceOfFix(current, options.posture.current().details(context.viewer, current.assessmentId), options.posture.info().loadedAt);
      const by = context.actor.name ?? context.actor.id;
      const updated = await options.delegations.mutate(id, (d) => {
        if (!VERIFIABLE.has(d.state)) return undefined;
        if (evidence) return { ...transition(d, 'Verified', by, now(), evidence === 'simulated' ? 'fix simulated in chat' : 'fresh posture data'), verifiedAt: now(), verifiedBy: evidence };
        return d.state === 'FixedPendingVerification' ? undefined : transition(d, 'FixedPendingVerification', by, now());
      });
      const name = `"${plain(updated.recommendation)}" on ${plain(updated.resourceName)}`;
      const text =
        updated.state === 'Verified'
          ? `${name} is verified fixed${updated.verifiedBy === 'simulated' ? ' (by a fix simulated in chat)' : ' in the latest posture data'}. The delegation is closed.`
          : updated.state === 'FixedPendingVerification'
            ? `${name} is marked fixed, but the posture data does not show it healthy yet, so it stays pending verification. It closes when fresh data shows the fix; ask "what have I delegated?" to check again.`
            : `${name} is ${STATE_LABELS[updated.state].toLowerCase()}: nothing to mark.`;
      await context.reply({ kind: 'text', text, recommendationIds: [updated.assessmentId] });
    },
  };

  return [listDelegations, markFixed, cancel].map((a) => a as unknown as ActionDefinition<z.ZodTypeAny, Reply>);
}
