// Reaching a delegation's owner after the fact: their card in their Teams chat (once per owner: `card` is set when
// it went, and cleared when the delegation moves to another owner), and a notice email through the mailer port
// (reassignment, reminders for owners the bot has no chat with) with a Message-ID derived from the delegation and
// the occasion, so a re-run never sends a second one.
import type { ContactBook } from '../../contacts/contactBook';
import type { Mailer, MailReceipt } from '../../mail/mailMessage';
import { withoutLinks } from '../../views/portalLinks';
import type { Delegation, DelegationRecords } from './delegationRecords';
import type { DelegationMessenger } from './ownerActions';
import { delegationCard, delegationGroupCard } from './ownerCard';
import { displayDate } from '../../views/postureLabels';

export interface OwnerTeams {
  contacts: ContactBook;
  messenger: DelegationMessenger;
  onError?(error: unknown): void;
}

const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();

/** The owner's card in their Teams chat, unless it went already; what to tell the delegator about it. */
export async function sendOwnerCard(delegations: DelegationRecords, teams: OwnerTeams | undefined, start: Delegation, at: number): Promise<string> {
  if (start.card) return 'The owner already has the card in Teams.';
  const contact = teams ? await teams.contacts.byAddress(start.owner) : undefined;
  if (!teams || !contact) return `The owner was reached by email only: I have no Teams chat with ${start.owner} (they can open a chat with the bot to get cards next time).`;
  try {
    const delegation = await delegations.mutate(start.id, (d) => (d.ownerTeams ? undefined : { ...d, ownerTeams: { id: contact.aadObjectId, userId: contact.userId } }));
    const sent = await teams.messenger.send(contact.reference, delegationCard(delegation, 'owner', at));
    await delegations.mutate(start.id, (d) => (d.card ? undefined : { ...d, card: { at, ...(sent.activityId ? { activityId: sent.activityId } : {}) } }));
    return `${contact.name ?? start.owner} also got a card in Teams to accept it, set an ETA, mark it fixed or ask for an exemption.`;
  } catch (error) {
    teams.onError?.(error);
    return 'The Teams card to the owner could not be sent, so the owner was reached by email only.';
  }
}

/** One card for several delegations to one owner (bulk): a row per fix, sent once (each delegation notes it). */
export async function sendOwnerGroupCard(delegations: DelegationRecords, teams: OwnerTeams | undefined, list: readonly Delegation[], at: number): Promise<string> {
  const owner = list[0]?.owner ?? '';
  if (list.every((d) => d.card)) return 'The owner already has the card in Teams.';
  const contact = teams ? await teams.contacts.byAddress(owner) : undefined;
  if (!teams || !contact) return `The owner was reached by email only: I have no Teams chat with ${owner} (they can open a chat with the bot to get cards next time).`;
  try {
    const noted = await Promise.all(list.map((start) => delegations.mutate(start.id, (d) => (d.ownerTeams ? undefined : { ...d, ownerTeams: { id: contact.aadObjectId, userId: contact.userId } }))));
    const sent = await teams.messenger.send(contact.reference, delegationGroupCard(noted, at));
    await Promise.all(list.map((start) => delegations.mutate(start.id, (d) => (d.card ? undefined : { ...d, card: { at, ...(sent.activityId ? { activityId: sent.activityId } : {}) } }))));
    return `${contact.name ?? owner} also got one card in Teams listing the ${list.length} fixes, each to accept, set an ETA, mark fixed, ask about or reassign.`;
  } catch (error) {
    teams.onError?.(error);
    return 'The Teams card to the owner could not be sent, so the owner was reached by email only.';
  }
}

/** A short email to the owner about one delegation: `occasion` names it in the Message-ID (one per occasion). */
export async function mailOwner(mail: { mailer: Mailer; from: string }, d: Delegation, occasion: string, subjectHead: string, lead: string): Promise<MailReceipt> {
  const subject = oneLine(`${subjectHead}: ${withoutLinks(d.recommendation)} on ${withoutLinks(d.resourceName)}`).slice(0, 200);
  const text = [
    'Hello,',
    '',
    lead,
    '',
    `Recommendation: ${withoutLinks(d.recommendation)}`,
    `Resource: ${withoutLinks(d.resourceName)}`,
    `Severity: ${d.riskLevel ? `${d.severity} (risk ${d.riskLevel})` : d.severity}`,
    `Due: ${displayDate(d.dueDate)}${d.gracePeriod ? ' (grace period)' : ''}`,
    `Delegated by: ${d.delegator.name ?? 'the security team'}`,
    '',
    'Open a chat with the security bot in Teams to accept it, set an ETA, mark it fixed or ask a question.',
    `Reference: ${d.id}`,
  ].join('\n');
  return mail.mailer.send({ messageId: `<${d.id}.${occasion}@posture-bot.delegation>`, from: mail.from, to: [d.owner], cc: [], subject, text: `${text}\n` });
}
