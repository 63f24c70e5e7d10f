// The delegation card's buttons (verb `delegation`): the owner accepts, sets an ETA with a justification, marks the
// fix done (Verified only when fresh posture data shows it, else pending verification) or asks for an exemption;
// the delegator cancels, or approves or denies an exemption. Each press names the card's version: a stale card
// (the delegation changed since) is answered with the current card and nothing changes; a press by anyone else
// than the one the button is for changes nothing either and says who can act. Changes go through `mutate`, so two
// presses at once never lose an update, and the delegator hears of the owner's moves in their conversation.
import type { z } from 'zod';
import { parseDateInput } from '../../actions/dueDate';
import type { CardVerb } from '../../actions/cardVerb';
import { delegationCardParamsSchema, type DelegationCardParams } from '../../actions/contracts/delegate';
import type { ReadActionDefinition } from '../../actions/registry';
import type { ContactBook, StoredReference } from '../../contacts/contactBook';
import { AppError } from '../../errors/appError';
import { isEmailAddress } from '../../mail/emailAddress';
import { printable, type Mailer } from '../../mail/mailMessage';
import type { OverlayChange } from '../../posture/model';
import type { Reply } from '../../views/reply';
import { withoutLinks } from '../../views/portalLinks';
import { CLOSED, STATE_LABELS, transition, type Delegation, type DelegationRecords, type DelegationState } from './delegationRecords';
import { delegationCard, roleOf, versionOf } from './ownerCard';
import { mailOwner, sendOwnerCard } from './ownerReach';
import { evidenceOfFix, VERIFIABLE, type TrackingPosture } from './tracking';
import type { OwnerWriteBack } from './ownerWriteBacks';
import { displayDate } from '../../views/postureLabels';

export const DELEGATION_CARD_ACTION = 'actOnDelegation';
const DAY_MS = 86_400_000;
const YEAR_MS = 366 * DAY_MS;

export interface DelegationMessenger {
  send(reference: StoredReference, message: Reply): Promise<{ activityId?: string }>;
}

export interface OwnerActionOptions {
  delegations: DelegationRecords;
  contacts: ContactBook;
  posture: TrackingPosture;
  messenger?: DelegationMessenger;
  /** Records the owner's ETA in the posture state (the governance assignment's remediationEta). */
  recordGovernance?(change: Extract<OverlayChange, { kind: 'governance' }>): Promise<void>;
  /** On the live Azure source: the ETA and an approved exemption are written to Azure first, as the presser. */
  writeBack?: OwnerWriteBack;
  /** Emails the new owner on Reassign; absent: the new owner is reached in Teams only (when the bot knows their chat). */
  mail?: { mailer: Mailer; from: string };
  now?: () => number;
  onError?(error: unknown): void;
}

const OWNER_ACTS = new Set(['accept', 'eta', 'done', 'exempt', 'ask', 'mute']);
const DELEGATOR_ACTS = new Set(['cancel', 'approve', 'deny']);
/** Either of them may hand it to someone else. */
const EITHER_ACTS = new Set(['reassign']);
const MAX_QUESTIONS = 10;
const MAX_FORMER_OWNERS = 10;

type Change = { next: Delegation; said: string; tell?: string } | { refused: string };

function newOwnerOf(d: Delegation, text: string | undefined): string {
  const value = (text ?? '').trim();
  if (value === '') throw new AppError('BAD_REQUEST', "Reassign: type the new owner's e-mail address first.");
  if (!isEmailAddress(value)) throw new AppError('BAD_REQUEST', `Reassign: "${printable(value)}" is not one e-mail address.`);
  if (value.toLowerCase() === d.owner.toLowerCase()) throw new AppError('BAD_REQUEST', `Reassign: ${d.owner} already owns it.`);
  return value;
}

function futureDate(text: string | undefined, at: number, what: string, required: boolean): number | undefined {
  const value = (text ?? '').trim();
  if (value === '') {
    if (required) throw new AppError('BAD_REQUEST', `${what}: pick a date.`);
    return undefined;
  }
  const date = parseDateInput(value);
  if (date === undefined) throw new AppError('BAD_REQUEST', `${what}: "${value.slice(0, 10)}" is not a date (YYYY-MM-DD).`);
  if (date < at) throw new AppError('BAD_REQUEST', `${what} is in the past.`);
  if (date > at + YEAR_MS) throw new AppError('BAD_REQUEST', `${what} is more than a year away.`);
  return date;
}

function oneLine(text: string | undefined, what: string): string {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  if (value === '') throw new AppError('BAD_REQUEST', `${what} is empty: say why.`);
  return value.slice(0, 500);
}

export function createOwnerActions(options: OwnerActionOptions): { action: ReadActionDefinition<typeof delegationCardParamsSchema, Reply>; verb: CardVerb } {
  const now = options.now ?? Date.now;

  /** What the press does to the delegation as it is now; throws BAD_REQUEST for bad inputs (nothing changes). */
  function change(d: Delegation, p: DelegationCardParams, by: string, evidence: 'data' | 'simulated' | undefined): Change {
    const at = now();
    const name = `"${withoutLinks(d.recommendation)}" on ${withoutLinks(d.resourceName)}`;
    // transition() refuses a move the state machine does not allow (BAD_REQUEST, nothing written).
    const to = (state: DelegationState, note?: string): Delegation => transition(d, state, by, at, note);
    switch (p.act) {
      case 'accept':
        if (d.state !== 'Assigned' && d.state !== 'Reassigned') return { refused: `Already ${STATE_LABELS[d.state].toLowerCase()}.` };
        return { next: to('Accepted'), said: 'You accepted it. Set an ETA when you know one, and mark it fixed once done.', tell: `${d.owner} accepted ${name}.` };
      case 'eta': {
        const date = futureDate(p.eta, at, 'The ETA', true) as number;
        const justification = oneLine(p.etaNote, 'The justification');
        return { next: { ...to('EtaSet', `ETA ${displayDate(date)}`), eta: { date, justification } }, said: `ETA set to ${displayDate(date)}.`, tell: `${d.owner} set an ETA for ${name}: ${displayDate(date)} (${justification}).` };
      }
      case 'exempt': {
        const reason = oneLine(p.exReason, 'The exemption reason');
        const expiresAt = futureDate(p.exExpiry, at, 'The exemption expiry', false);
        const kind = p.exKind ?? 'Mitigated';
        return {
          next: { ...to('ExemptionRequested', reason), exemption: { reason, kind, ...(expiresAt ? { expiresAt } : {}), requestedAt: at } },
          said: `Exemption requested (${kind === 'RiskAccepted' ? 'risk accepted' : 'mitigated'}); ${d.delegator.name ?? 'the delegator'} decides.`,
          tell: `${d.owner} asks to exempt ${name} (${kind === 'RiskAccepted' ? 'risk accepted' : 'mitigated'}): ${reason}. Open the delegation card to approve or deny.`,
        };
      }
      case 'done':
        if (!VERIFIABLE.has(d.state)) return { refused: `It is ${STATE_LABELS[d.state].toLowerCase()}: nothing to mark.` };
        if (evidence) return { next: { ...to('Verified', evidence === 'simulated' ? 'fix simulated in chat' : 'fresh posture data'), verifiedAt: at, verifiedBy: evidence }, said: `Verified fixed${evidence === 'simulated' ? ' (by a fix simulated in chat)' : ' in the latest posture data'}. Thank you.`, tell: `${name} is verified fixed; the delegation to ${d.owner} is closed.` };
        if (d.state === 'FixedPendingVerification') return { refused: 'Already marked fixed: the posture data does not show it healthy yet. It closes when fresh data shows the fix.' };
        return { next: to('FixedPendingVerification'), said: 'Marked fixed. The posture data does not show it healthy yet, so it stays pending verification until fresh data shows the fix.', tell: `${d.owner} marked ${name} fixed; it is pending verification until fresh posture data shows it healthy.` };
      case 'reassign': {
        const owner = newOwnerOf(d, p.newOwner);
        // The old owner's ETA, card and reminder were theirs: the new owner starts afresh.
        const { ownerTeams: _teams, card: _card, remindedAt: _reminded, eta: _eta, ...rest } = to('Reassigned', `from ${d.owner} to ${owner}`);
        return {
          next: { ...rest, owner, formerOwners: [...(d.formerOwners ?? []), d.owner].slice(-MAX_FORMER_OWNERS) },
          said: `Reassigned to ${owner}.`,
          tell: `${d.owner} reassigned ${name} to ${owner}.`,
        };
      }
      case 'ask': {
        const question = oneLine(p.question, 'The question');
        // A question changes no state: no history line, so the card the owner holds stays current.
        return { next: { ...d, questions: [...(d.questions ?? []), { at, by, text: question }].slice(-MAX_QUESTIONS) }, said: 'Question recorded.', tell: `${d.owner} asks about ${name}: ${withoutLinks(question)}` };
      }
      case 'mute':
        // Like a question, no state change and no history line: the card the owner holds stays current.
        return d.remindersMuted
          ? { next: { ...d, remindersMuted: false }, said: 'Reminders for this fix are on again.' }
          : { next: { ...d, remindersMuted: true }, said: `Reminders for this fix are muted. ${d.delegator.name ?? 'The person who delegated it'} still sees it in their digest.` };
      case 'cancel':
        return { next: to('Cancelled'), said: 'Cancelled. The email already sent is not recalled.' };
      case 'approve':
        if (d.state !== 'ExemptionRequested') return { refused: 'No exemption is requested.' };
        return { next: to('ExemptionApproved'), said: 'Exemption approved: the delegation is closed.' };
      case 'deny':
        if (d.state !== 'ExemptionRequested') return { refused: 'No exemption is requested.' };
        return { next: to('Accepted', 'exemption denied'), said: 'Exemption denied: the owner is asked to fix it.' };
      default:
        return { refused: 'Nothing to do.' };
    }
  }

  /** True when the message reached the conversation the delegation started in. */
  async function tellDelegator(d: Delegation, text: string): Promise<boolean> {
    if (!options.messenger) return false;
    try {
      const reference = await options.contacts.conversation(d.conversationId);
      if (!reference) return false;
      await options.messenger.send(reference, { kind: 'text', text, recommendationIds: [d.assessmentId] });
      return true;
    } catch (error) {
      options.onError?.(error);
      return false;
    }
  }

  /** After a reassignment: the posture state names the new owner, who gets the email and (when known) the card. */
  async function reachNewOwner(d: Delegation, by: string): Promise<string> {
    if (options.recordGovernance) {
      const { owner, dueDate, gracePeriod, ticket, eta } = d;
      await options.recordGovernance({ kind: 'governance', assessmentId: d.assessmentId, owner, dueDate, isGracePeriod: gracePeriod, ...(ticket?.number ? { ticketNumber: ticket.number } : {}), ...(eta ? { etaDate: eta.date, etaJustification: eta.justification } : {}), at: now(), by });
    }
    let mailed = '';
    if (options.mail) {
      try {
        const receipt = await mailOwner(options.mail, d, `r${versionOf(d)}`, 'Fix reassigned to you', `${by} reassigned this fix to you${d.formerOwners?.length ? ` (it was with ${d.formerOwners.at(-1)})` : ''}. Could you fix it by the due date?`);
        mailed = receipt.via === 'outbox' ? ` The email to ${d.owner} was written to ${receipt.where} (no mail server is configured).` : ` ${d.owner} was emailed.`;
      } catch (error) {
        options.onError?.(error);
        mailed = ` The email to ${d.owner} could not be sent${error instanceof AppError ? `: ${error.message}` : ''}.`;
      }
    }
    const teams = options.messenger ? { contacts: options.contacts, messenger: options.messenger, ...(options.onError ? { onError: options.onError } : {}) } : undefined;
    return `${mailed} ${await sendOwnerCard(options.delegations, teams, d, now())}`;
  }

  const action: ReadActionDefinition<typeof delegationCardParamsSchema, Reply> = {
    name: DELEGATION_CARD_ACTION,
    description: "A delegation card's button: the owner's accept, ETA, fixed, exemption or question; the delegator's cancel, approve or deny; reassign by either; view.",
    parameters: delegationCardParamsSchema,
    sideEffects: false,
    async handler(p, context) {
      const found = await options.delegations.get(p.ref);
      if (!found) throw new AppError('NOT_FOUND', 'That delegation is not known (it may have been removed).');
      const role = await roleOf(found, context.actor, options.contacts);
      const reply = (d: Delegation, text?: string, color?: 'Good' | 'Attention' | 'Warning') => context.reply(delegationCard(d, role, now(), text ? { text, ...(color ? { color } : {}) } : undefined));
      if (p.act === 'view') return reply(found);
      const mayAct = OWNER_ACTS.has(p.act) ? role === 'owner' || role === 'both' : DELEGATOR_ACTS.has(p.act) ? role === 'delegator' || role === 'both' : EITHER_ACTS.has(p.act) ? role !== 'other' : false;
      if (!mayAct) {
        const who = OWNER_ACTS.has(p.act) ? `the owner, ${found.owner},` : DELEGATOR_ACTS.has(p.act) ? `the person who delegated it (${found.delegator.name ?? 'its delegator'})` : `the owner, ${found.owner}, or the person who delegated it (${found.delegator.name ?? 'its delegator'})`;
        return reply(found, `Only ${who} can do that; nothing changed.`, 'Attention');
      }
      if (CLOSED.has(found.state)) return reply(found);
      const evidence = p.act === 'done' ? evidenceOfFix(found, options.posture.current().details(context.viewer, found.assessmentId), options.posture.info().loadedAt) : undefined;
      const by = context.actor.name ?? context.actor.id;
      // Azure first, with the presser's rights: a refusal throws and the delegation stays as it was.
      const preview = options.writeBack && versionOf(found) === p.v ? change(found, p, by, evidence) : undefined;
      const written = preview && 'next' in preview ? await options.writeBack!(found, preview.next, context.viewer) : undefined;
      let outcome: Change | 'stale' = 'stale';
      const updated = await options.delegations.mutate(p.ref, (current) => {
        if (versionOf(current) !== p.v) {
          outcome = 'stale';
          return undefined;
        }
        outcome = change(current, p, by, evidence);
        return 'next' in outcome ? outcome.next : undefined;
      });
      const result = outcome as Change | 'stale';
      if (result === 'stale') return reply(updated, `This card was out of date (the delegation changed since): it now shows the latest state and nothing changed. Press again if you still want to.`, 'Warning');
      if ('refused' in result) return reply(updated, result.refused, 'Warning');
      if (p.act === 'eta' && updated.eta && options.recordGovernance) {
        // The latest governance change of an assessment replaces the earlier one: it carries the whole assignment.
        const { owner, dueDate, gracePeriod, ticket } = updated;
        await options.recordGovernance({ kind: 'governance', assessmentId: updated.assessmentId, owner, dueDate, isGracePeriod: gracePeriod, ...(ticket?.number ? { ticketNumber: ticket.number } : {}), etaDate: updated.eta.date, etaJustification: updated.eta.justification, at: now(), by });
      }
      if (p.act === 'reassign') {
        // The presser may no longer be the owner: their card becomes the view they now have.
        const reached = await reachNewOwner(updated, by);
        const told = role === 'owner' && result.tell ? await tellDelegator(updated, `${result.tell}${reached}`) : false;
        const roleNow = await roleOf(updated, context.actor, options.contacts);
        return context.reply(delegationCard(updated, roleNow, now(), { text: `${result.said}${reached}${told ? ` ${updated.delegator.name ?? 'The delegator'} was told.` : ''}`.replace(/\s+/g, ' ').trim() }));
      }
      if (p.act === 'ask') {
        // The question goes to the delegator whoever asks (in the Playground the owner is also the delegator).
        const told = await tellDelegator(updated, result.tell ?? '');
        return reply(updated, told ? `Your question was sent to ${updated.delegator.name ?? 'the person who delegated it'}; the answer comes in chat or by email.` : `Your question is recorded on the delegation, but I could not reach ${updated.delegator.name ?? 'the person who delegated it'} in Teams: ask them directly.`, told ? undefined : 'Warning');
      }
      await reply(updated, written ? `${result.said} ${written}` : result.said, updated.state === 'Verified' || updated.state === 'ExemptionApproved' ? 'Good' : undefined);
      if (result.tell && role === 'owner') await tellDelegator(updated, result.tell);
    },
  };

  const verb: CardVerb = {
    verb: 'delegation',
    data: delegationCardParamsSchema,
    resolve: (data: z.infer<typeof delegationCardParamsSchema>) => ({ kind: 'action', action: { name: DELEGATION_CARD_ACTION, parameters: data } }),
  };
  return { action, verb };
}
