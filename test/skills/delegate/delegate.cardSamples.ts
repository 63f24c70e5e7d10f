// Sample views of the delegation card: the owner's (buttons and inputs), the delegator's with an exemption to
// decide, and anyone else's (facts and state only).
import { delegationCard, delegationGroupCard } from '../../../src/skills/delegate/ownerCard';
import type { Delegation } from '../../../src/skills/delegate/delegationRecords';
import type { CardReply } from '../../../src/views/reply';

const AT = Date.UTC(2026, 11, 4, 12);
const base: Delegation = {
  id: 'd_sample0000000001',
  assessmentId: '/subscriptions/s/resourcegroups/rg-web/providers/microsoft.storage/storageaccounts/stweb01/providers/microsoft.security/assessments/k',
  recommendation: 'Storage accounts should restrict network access',
  resourceName: 'stweb01',
  severity: 'High',
  riskLevel: 'Critical',
  owner: 'olivia.owner@contoso.example',
  cc: [],
  subject: 'Please fix',
  dueDate: AT + 14 * 86_400_000,
  gracePeriod: true,
  delegator: { id: 'ada', name: 'Ada', userId: '29:ada' },
  conversationId: 'a:ada',
  createdAt: AT,
  state: 'Assigned',
  history: [{ at: AT, state: 'Assigned', by: 'Ada' }],
  ownerTeams: { id: 'olivia', userId: '29:olivia' },
};
const cardOf = (reply: ReturnType<typeof delegationCard>): CardReply => {
  if (reply.kind !== 'card') throw new Error('the delegation card is a card');
  return reply.card;
};

export const CARD_SAMPLES: CardReply[] = [
  cardOf(delegationCard(base, 'owner', AT)),
  cardOf(delegationCard({ ...base, state: 'ExemptionRequested', exemption: { reason: 'Behind a private endpoint', kind: 'Mitigated', requestedAt: AT } }, 'delegator', AT)),
  cardOf(delegationCard({ ...base, state: 'EtaSet', eta: { date: AT + 5 * 86_400_000, justification: 'change window' } }, 'other', AT)),
  cardOf(delegationCard({ ...base, state: 'Reassigned', owner: 'carl@contoso.example', formerOwners: ['olivia.owner@contoso.example'], questions: [{ at: AT, by: 'Olivia', text: 'Is staging in scope?' }] }, 'owner', AT)),
  cardOf(delegationGroupCard([base, { ...base, id: 'd_sample0000000002', resourceName: 'stweb02' }], AT)),
];
