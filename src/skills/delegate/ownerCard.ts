// The delegation card as each person sees it: the owner gets Accept / Set ETA / Mark as fixed / Request exemption,
// the delegator Cancel (and Approve / Deny while an exemption is requested), everyone else the facts and state
// only. The card names the delegation and the version it shows; Teams refreshes it for the owner and the delegator.
import { toDateInput } from '../../actions/dueDate';
import type { Person } from '../../actions/pendingActions';
import type { ContactBook } from '../../contacts/contactBook';
import { withoutLinks } from '../../views/portalLinks';
import type { DelegationCardView } from '../../views/delegationCardView';
import type { DelegationGroupCardView } from '../../views/delegationGroupCardView';
import type { Reply } from '../../views/reply';
import { CLOSED, STATE_LABELS, stateOf, type Delegation } from './delegationRecords';
import { displayDate } from '../../views/postureLabels';

export type DelegationRole = 'owner' | 'delegator' | 'both' | 'other';
const DAY_MS = 86_400_000;


/** The version a card shows: every change adds one history line. */
export const versionOf = (d: Delegation): number => d.history.length;

export function delegationCard(d: Delegation, role: DelegationRole, at: number, notice?: { text: string; color?: DelegationCardView['statusColor'] }): Reply {
  const shown = stateOf(d, at);
  const open = !CLOSED.has(d.state);
  const owner = open && (role === 'owner' || role === 'both');
  const delegator = open && (role === 'delegator' || role === 'both');
  const facts = [
    { label: 'Recommendation', value: withoutLinks(d.recommendation) },
    { label: 'Resource', value: withoutLinks(d.resourceName) },
    { label: 'Severity', value: d.riskLevel ? `${d.severity} (risk ${d.riskLevel})` : d.severity },
    { label: 'Owner', value: d.owner },
    { label: 'Delegated by', value: d.delegator.name ?? 'the security team' },
    { label: 'Due', value: `${displayDate(d.dueDate)}${d.gracePeriod ? ' (grace period)' : ''}` },
    { label: 'State', value: shown === 'Verified' && d.verifiedBy === 'simulated' ? 'Verified (simulated fix)' : STATE_LABELS[shown] },
    ...(d.eta ? [{ label: 'ETA', value: `${displayDate(d.eta.date)}: ${d.eta.justification}` }] : []),
    ...(d.exemption ? [{ label: 'Exemption', value: `${d.exemption.kind === 'RiskAccepted' ? 'Risk accepted' : 'Mitigated'}: ${d.exemption.reason}${d.exemption.expiresAt ? ` (until ${displayDate(d.exemption.expiresAt)})` : ''}` }] : []),
    ...(d.formerOwners?.length ? [{ label: 'Earlier owners', value: d.formerOwners.join(', ') }] : []),
    ...(d.questions?.length ? [{ label: 'Last question', value: `${withoutLinks(d.questions[d.questions.length - 1]?.text ?? '')} (${displayDate(d.questions[d.questions.length - 1]?.at ?? at)})` }] : []),
    ...(d.remindersMuted && open ? [{ label: 'Reminders', value: 'Muted by the owner' }] : []),
    ...(d.ticket?.number ? [{ label: 'Ticket', value: `${d.ticket.number}${d.ticket.status ? ` (${d.ticket.status})` : ''}` }] : []),
  ];
  const status = notice?.text ?? (!open ? `This delegation is ${STATE_LABELS[d.state].toLowerCase()}: nothing more to do.` : owner ? 'Accept it, set an ETA, mark it fixed once done, ask for an exemption or a question, or reassign it to its real owner.' : delegator ? `Waiting for ${d.owner}.` : `Only ${d.owner} can act on this card.`);
  const model: DelegationCardView = {
    title: `Fix requested: ${withoutLinks(d.recommendation)}`,
    facts,
    delegatedBy: d.delegator.name ?? 'the delegator',
    status,
    statusColor: notice?.color ?? (shown === 'Overdue' ? 'Attention' : d.state === 'Verified' ? 'Good' : 'Default'),
    ref: d.id,
    version: versionOf(d),
    refreshable: open,
    refreshUserIds: [...new Set([d.ownerTeams?.userId, d.delegator.userId].filter((u): u is string => typeof u === 'string' && u.length > 0))],
    ownerActions: owner,
    canAccept: d.state === 'Assigned' || d.state === 'Reassigned',
    muteTitle: d.remindersMuted ? 'Unmute reminders' : 'Mute reminders',
    canReassign: open && role !== 'other' && d.state !== 'ExemptionRequested',
    delegatorActions: delegator,
    exemptionPending: d.state === 'ExemptionRequested',
    etaValue: toDateInput(d.eta?.date ?? Math.max(at + DAY_MS, Math.min(d.dueDate, at + 7 * DAY_MS))),
  };
  return { kind: 'card', card: { template: 'delegationOwner', model }, recommendationIds: [d.assessmentId] };
}

/** Whose card this is for the presser: the owner by their Teams user or an address the roster gave them. */
export async function roleOf(d: Delegation, actor: Person, contacts: ContactBook): Promise<DelegationRole> {
  let owner = d.ownerTeams?.id === actor.id;
  if (!owner && !actor.id.startsWith('channel:')) owner = (await contacts.byUser(actor.id))?.addresses.includes(d.owner.toLowerCase()) ?? false;
  const delegator = d.delegator.id === actor.id;
  return owner && delegator ? 'both' : owner ? 'owner' : delegator ? 'delegator' : 'other';
}

const MAX_GROUP_ROWS = 25;

/** The one card an owner gets for a bulk delegation: a row per fix, each opening its own card. */
export function delegationGroupCard(list: readonly Delegation[], at: number): Reply {
  const first = list[0];
  const by = first?.delegator.name ?? 'The security team';
  const due = first ? displayDate(first.dueDate) : '';
  const rows = list.slice(0, MAX_GROUP_ROWS).map((d, i) => ({
    ref: d.id,
    version: versionOf(d),
    title: `${i + 1}. ${withoutLinks(d.recommendation)}`,
    detail: `${withoutLinks(d.resourceName)} · ${d.riskLevel ? `${d.severity} (risk ${d.riskLevel})` : d.severity} · ${STATE_LABELS[stateOf(d, at)]}`,
  }));
  const hidden = list.length - rows.length;
  const model: DelegationGroupCardView = {
    title: `${list.length} fix${list.length === 1 ? '' : 'es'} requested by ${by}`,
    intro: `Due ${due}${first?.gracePeriod ? ' (grace period)' : ''}. Select one to accept it, set an ETA, mark it fixed, ask a question or reassign it.`,
    rows,
    more: hidden > 0 ? `And ${hidden} more: ask "what is assigned to me?" to see them all.` : '',
    hasMore: hidden > 0,
  };
  return { kind: 'card', card: { template: 'delegationGroup', model }, recommendationIds: list.slice(0, MAX_GROUP_ROWS).map((d) => d.assessmentId) };
}
