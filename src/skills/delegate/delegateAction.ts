// `delegateToOwner`: a drafted email to the recommendation's owner, reviewed and edited on a card (To, Cc, subject,
// body, due date, grace period, note). Pressing Send is the requester's confirmation; it then, each exactly once
// (a re-run after a crash finds what was done under the same delegation id):
//   1. records the delegation (collection `delegations`),
//   2. emails the owner (outbox .eml file by default, SMTP when configured) with a Message-ID derived from it,
//   3. records the owner and due date in the posture state, so analyze filters ("overdue", "owned by …") see it.
import { z } from 'zod';
import { delegateParamsSchema } from '../../actions/contracts/delegate';
import { requireTarget, type TargetParams, type TargetResolution } from '../../actions/contracts/target';
import { parseDateInput, suggestedDueDate, toDateInput } from '../../actions/dueDate';
import type { ActionContext, EffectContext, SideEffectActionDefinition } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import { isEmailAddress } from '../../mail/emailAddress';
import { printable, type Mailer } from '../../mail/mailMessage';
import type { PostureEngine, RecommendationDetails } from '../../posture/engine';
import type { OverlayChange } from '../../posture/model';
import type { KnowledgeBase } from '../../remediation/knowledge/knowledgeBase';
import type { Remediation } from '../../remediation/remediation';
import type { ConfirmationContent } from '../../views/confirmationView';
import { safePortalLink, withoutLinks } from '../../views/portalLinks';
import type { Reply } from '../../views/reply';
import type { Delegation, DelegationRecords } from './delegationRecords';
import { draftBody, draftSubject, footer, MAX_DRAFT_BODY } from './draft';
import { parseDueInput, parseYesNo } from './dueInput';
import { ownerSourceText, resolveOwner, type ContainerTags } from './ownerResolution';
import type { ContactBook } from '../../contacts/contactBook';
import { sendOwnerCard, sendOwnerGroupCard } from './ownerReach';
import type { DelegationMessenger } from './ownerActions';
import { governanceAssignmentWrite, type ArmWrites } from '../../access/armWrites';

export interface DelegatePosture {
  current(): PostureEngine;
  applyChange(change: OverlayChange): Promise<void>;
}

const MAX_CC = 10;

export const delegateEffectSchema = z
  .object({
    assessmentId: z.string().min(1).max(2000),
    to: z.string().max(254),
    cc: z.array(z.string().max(254)).max(MAX_CC),
    subject: z.string().max(200),
    body: z.string().max(4000),
    /** YYYY-MM-DD */
    dueDate: z.string().max(10),
    gracePeriod: z.boolean(),
    note: z.string().max(500),
    portalLink: z.string().max(2000),
    recommendation: z.string().max(500),
    resourceName: z.string().max(500),
    severity: z.string().max(20),
    riskLevel: z.string().max(20).optional(),
    /** A ticket that tracks the fix (Defender's additionalData.ticketNumber). */
    ticket: z.string().max(64).optional(),
  })
  .strict();
type Effect = z.infer<typeof delegateEffectSchema>;

export interface DelegateOptions {
  posture: DelegatePosture;
  delegations: DelegationRecords;
  mailer: Mailer;
  mailFrom: string;
  ownerTagNames: readonly string[];
  containers?: ContainerTags;
  knowledge: KnowledgeBase;
  remediation: Remediation;
  resolveTarget(context: ActionContext<Reply>, params: TargetParams): TargetResolution;
  /** Reaching the owner in Teams: their chat found by address, and the sender of the card. Absent: email only. */
  teams?: { contacts: ContactBook; messenger: DelegationMessenger; onError?(error: unknown): void };
  /** On the live Azure source: the governance assignment is written to Defender first (before any mail or record). */
  armWrites?: () => ArmWrites | undefined;
  now?: () => number;
}

/** Derived from the confirmation's idempotency key: the same confirmation always names the same delegation. */
export const delegationIdOf = (idempotencyKey: string): string => `d_${idempotencyKey}`;
export const messageIdOf = (delegationId: string): string => `<${delegationId}@posture-bot.delegation>`;

function parseCc(text: string): string[] {
  const parts = text.split(/[,;]/).map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length > MAX_CC) throw new AppError('BAD_REQUEST', `Cc takes at most ${MAX_CC} addresses.`);
  const bad = parts.find((p) => !isEmailAddress(p));
  if (bad !== undefined) throw new AppError('BAD_REQUEST', `Cc: "${printable(bad)}" is not one e-mail address (separate several with commas).`);
  return [...new Set(parts.map((p) => p.toLowerCase()))];
}

/** The draft's editable fields, shared by the single and the per-owner (bulk) drafts. */
export type DraftFields = Pick<Effect, 'to' | 'cc' | 'subject' | 'body' | 'dueDate' | 'gracePeriod' | 'note' | 'ticket'>;

export function draftInputFields(effect: DraftFields): ConfirmationContent['inputs'] {
  return [
        { id: 'to', label: 'To (the owner, one e-mail address)', kind: 'email', value: effect.to, placeholder: 'owner@example.com', required: true, maxLength: 254 },
        { id: 'cc', label: 'Cc (addresses separated by commas)', kind: 'text', value: effect.cc.join(', '), placeholder: 'lead@example.com', required: false, maxLength: 1000 },
        { id: 'subject', label: 'Subject', kind: 'text', value: effect.subject, required: true, maxLength: 200 },
        { id: 'body', label: 'Message', kind: 'multiline', value: effect.body, required: true, maxLength: 4000 },
        { id: 'dueDate', label: 'Due date (7, 14, 30 or 90 days, or a date)', kind: 'text', value: effect.dueDate, placeholder: '14', required: true, maxLength: 10 },
        { id: 'gracePeriod', label: 'Grace period (yes or no)', kind: 'text', value: effect.gracePeriod ? 'yes' : 'no', required: false, maxLength: 3 },
        { id: 'note', label: 'Note (optional, added below the message)', kind: 'multiline', value: effect.note, required: false, maxLength: 500 },
        { id: 'ticket', label: 'Ticket number (optional)', kind: 'text', value: effect.ticket ?? '', placeholder: 'INC0012345', required: false, maxLength: 64 },
  ];
}

/** The card's submitted inputs merged into the draft, each validated; AppError BAD_REQUEST says what to correct. */
export function draftWithInputs<T extends DraftFields>(effect: T, inputs: Readonly<Record<string, string>>, now: number): T {
  const to = (inputs.to ?? effect.to).trim();
  if (!isEmailAddress(to)) throw new AppError('BAD_REQUEST', to === '' ? 'Who should fix it? Type the owner\'s address in To.' : `To: "${printable(to)}" is not one e-mail address.`);
  const cc = inputs.cc === undefined ? effect.cc : parseCc(inputs.cc);
  const subject = (inputs.subject ?? effect.subject).trim();
  if (subject === '') throw new AppError('BAD_REQUEST', 'The subject is empty.');
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(subject)) throw new AppError('BAD_REQUEST', 'The subject must be one line.');
  const body = (inputs.body ?? effect.body).replace(/\r\n?/g, '\n');
  if (body.trim() === '') throw new AppError('BAD_REQUEST', 'The message is empty.');
  const dueDate = parseDueInput(inputs.dueDate ?? effect.dueDate, now);
  const gracePeriod = inputs.gracePeriod === undefined ? effect.gracePeriod : parseYesNo(inputs.gracePeriod, 'Grace period');
  const note = (inputs.note ?? effect.note).replace(/\r\n?/g, '\n').trim();
  const ticket = (inputs.ticket ?? effect.ticket ?? '').trim();
  if (ticket !== '' && !/^[A-Za-z0-9][A-Za-z0-9._#/-]{0,63}$/.test(ticket)) throw new AppError('BAD_REQUEST', 'The ticket number may hold only letters, digits and . _ # / -');
  const { ticket: _old, ...rest } = effect;
  return { ...rest, to, cc: cc.filter((c) => c !== to.toLowerCase()), subject, body, dueDate, gracePeriod, note, ...(ticket ? { ticket } : {}) } as T;
}

function card(details: RecommendationDetails, effect: Effect, ownerNote: string): ConfirmationContent {
  return {
    title: 'Delegate to the owner',
    intro: `Review the email, change anything, then press Send. ${ownerNote}`,
    facts: [
      { label: 'Recommendation', value: withoutLinks(details.displayName) },
      { label: 'Resource', value: details.resourceName },
      { label: 'Severity', value: details.riskLevel ? `${details.severity} (risk ${details.riskLevel})` : details.severity },
      { label: 'Now', value: details.owner ? `Owner ${details.owner}${details.dueDate ? `, due ${toDateInput(details.dueDate)}` : ''}` : 'No owner yet' },
    ],
    changes: [
      'The email below goes to the owner (To) and Cc.',
      'The owner and due date are recorded for this recommendation; later answers show them.',
      'The delegation is tracked: it closes only when fresh posture data shows the fix.',
    ],
    inputs: draftInputFields(effect),
    confirmLabel: 'Send',
  };
}

/** What one delegation is about (a recommendation on a resource), as the draft carries it. */
export type DelegationItem = Pick<Effect, 'assessmentId' | 'recommendation' | 'resourceName' | 'severity' | 'riskLevel' | 'portalLink'>;

/**
 * What Send does, shared by the single and the per-owner drafts, each step exactly once per delegation (a re-run
 * after a crash finds what was done): one record per recommendation, one email (Message-ID from `mailKey`) listing
 * them, the owner and due date in the posture state for each, and the owner's card in Teams for each.
 */
export function createDelivery(options: DelegateOptions) {
  const now = options.now ?? Date.now;

  return async function deliver(items: ReadonlyArray<{ id: string; item: DelegationItem }>, draft: DraftFields & { portalLink: string }, mailKey: string, context: EffectContext<Reply>): Promise<{ mailText: string; cardText: string }> {
    const due = parseDateInput(draft.dueDate);
    if (due === undefined || !isEmailAddress(draft.to)) throw new AppError('BAD_REQUEST', 'The owner or due date is not valid.');
    const by = context.confirmedBy.name ?? context.confirmedBy.id;
    // Azure first: a refusal (403) leaves no mail, no delegation and no record behind. Each PUT is idempotent.
    const writes = options.armWrites?.();
    if (writes) {
      for (const { item } of items) {
        const fields = { owner: draft.to, dueDate: due, isGracePeriod: draft.gracePeriod, ...(draft.ticket ? { ticketNumber: draft.ticket } : {}) };
        await writes.write(context.viewer, governanceAssignmentWrite(item.assessmentId, fields, `the subscription that holds ${item.resourceName}`));
      }
    }
    const at = now();
    let delegations: Delegation[] = [];
    for (const { id, item } of items) {
      delegations.push(
        await options.delegations.createOnce({
          id,
          assessmentId: item.assessmentId,
          recommendation: item.recommendation,
          resourceName: item.resourceName,
          severity: item.severity,
          ...(item.riskLevel ? { riskLevel: item.riskLevel } : {}),
          owner: draft.to,
          cc: draft.cc,
          subject: draft.subject,
          dueDate: due,
          gracePeriod: draft.gracePeriod,
          ...(draft.note ? { note: draft.note } : {}),
          ...(draft.ticket ? { ticket: { number: draft.ticket } } : {}),
          delegator: { id: context.confirmedBy.id, ...(context.confirmedBy.name ? { name: context.confirmedBy.name } : {}), ...(context.confirmedBy.userId ? { userId: context.confirmedBy.userId } : {}) },
          conversationId: context.conversationId,
          createdAt: at,
          state: 'Assigned',
          history: [{ at, state: 'Assigned', by }],
        }),
      );
    }
    let mailText: string;
    const sentBefore = delegations.find((d) => d.mail)?.mail;
    if (sentBefore) {
      mailText = `The email had already gone (${sentBefore.via === 'outbox' ? sentBefore.where : 'SMTP'}); it was not sent again.`;
    } else {
      const receipt = await options.mailer.send({
        messageId: messageIdOf(mailKey),
        from: options.mailFrom,
        to: [draft.to],
        cc: draft.cc,
        subject: draft.subject,
        text: `${draft.body}\n${footer({ dueDate: draft.dueDate, gracePeriod: draft.gracePeriod, note: draft.note, portalLink: draft.portalLink, reference: mailKey })}\n`,
      });
      mailText = receipt.via === 'outbox' ? `No mail server is configured, so the email was written to ${receipt.where} (nothing was delivered).` : `The email was accepted by ${options.mailer.description}.`;
      const mail = { messageId: receipt.messageId, via: receipt.via, where: receipt.where, at: now() };
      delegations = await Promise.all(delegations.map((d) => options.delegations.mutate(d.id, (current) => (current.mail ? undefined : { ...current, mail }))));
    }
    for (const [index, start] of delegations.entries()) {
      if (start.governanceAt !== undefined) continue;
      await options.posture.applyChange({ kind: 'governance', assessmentId: start.assessmentId, owner: draft.to, dueDate: due, isGracePeriod: draft.gracePeriod, ...(draft.ticket ? { ticketNumber: draft.ticket } : {}), at: now(), by });
      delegations[index] = await options.delegations.mutate(start.id, (current) => (current.governanceAt !== undefined ? undefined : { ...current, governanceAt: now() }));
    }
    // One owner card: the delegation's own, or for several one card listing them (never one post per item).
    const only = delegations.length === 1 ? delegations[0] : undefined;
    const cardText = only ? await sendOwnerCard(options.delegations, options.teams, only, now()) : await sendOwnerGroupCard(options.delegations, options.teams, delegations, now());
    return { mailText, cardText };
  };
}

export function createDelegateAction(options: DelegateOptions): SideEffectActionDefinition<typeof delegateParamsSchema, typeof delegateEffectSchema, Reply> {
  const now = options.now ?? Date.now;

  const deliver = createDelivery(options);

  return {
    name: 'delegateToOwner',
    description: 'Draft an email to the owner of one recommendation (from governance or owner tags), to review, edit and send on a card.',
    parameters: delegateParamsSchema,
    sideEffects: true,
    effect: delegateEffectSchema,
    async propose(params, context) {
      const engine = options.posture.current();
      const details = requireTarget(options.resolveTarget(context, params), (id) => engine.details(context.viewer, id));
      if (details.status !== 'Unhealthy') throw new AppError('BAD_REQUEST', `"${withoutLinks(details.displayName)}" is already ${details.status === 'Healthy' ? 'healthy' : 'not applicable'} on ${details.resourceName}: there is nothing to delegate.`);
      const owner = resolveOwner(details, options.ownerTagNames, options.containers);
      const knowledge = options.knowledge.entryFor(details.key) ?? (details.recommendationCategory ? options.knowledge.entryForCategory(details.recommendationCategory) : undefined);
      const effect: Effect = {
        assessmentId: details.assessmentId,
        to: owner?.address ?? '',
        cc: [],
        subject: draftSubject(details),
        body: draftBody(details, knowledge, options.remediation).slice(0, MAX_DRAFT_BODY),
        dueDate: toDateInput(details.dueDate && details.dueDate > now() ? details.dueDate : suggestedDueDate(details.severity, now())),
        gracePeriod: details.isGracePeriod ?? false,
        note: '',
        portalLink: safePortalLink(details.portalLink),
        recommendation: withoutLinks(details.displayName).slice(0, 500),
        resourceName: details.resourceName.slice(0, 500),
        severity: details.severity,
        ...(details.riskLevel ? { riskLevel: details.riskLevel } : {}),
        ...(details.ticketNumber ? { ticket: details.ticketNumber.slice(0, 64) } : {}),
      };
      const ownerNote = owner
        ? `The owner, ${owner.address}, comes ${ownerSourceText(owner)}.`
        : `I found no owner: no governance assignment, and no ${options.ownerTagNames.join(' / ')} tag holding one address. Who should fix it? Type their address in To.`;
      const content = card(details, effect, ownerNote);
      const writes = options.armWrites?.();
      if (writes) {
        content.facts.push({ label: 'Runs as', value: writes.actsAs(context.viewer) });
        content.changes.push('The owner and due date are written to Defender in Azure as a governance assignment.');
      }
      return { effect, target: details.assessmentId, card: content };
    },
    withInputs(effect, inputs) {
      return draftWithInputs(effect, inputs, now());
    },
    async perform(effect, context) {
      const id = delegationIdOf(context.idempotencyKey);
      const done = await deliver([{ id, item: effect }], effect, id, context);
      const cc = effect.cc.length > 0 ? ` (cc ${effect.cc.join(', ')})` : '';
      return {
        text: `Delegated to ${effect.to}${cc}, due ${effect.dueDate}. ${done.mailText} The owner and due date are recorded. ${done.cardText} Ask "what have I delegated?" to follow it.`,
      };
    },
  };
}
