// View model for adaptiveCards/delegationOwner.json: one delegation as its owner, its delegator or anyone else sees
// it. Buttons are Universal Actions (Action.Execute, verb `delegation`) carrying the delegation's id and the version
// the card shows, so a stale or replayed press is recognised; Teams refreshes the card for `refreshUserIds` so
// each of them sees their own view, everyone else the read-only one.
import type { LabelledValue } from './detailsView';

export interface DelegationCardView {
  title: string;
  facts: LabelledValue[];
  /** Who delegated it, as the question input names them. */
  delegatedBy: string;
  /** What happened last or what to do now. */
  status: string;
  statusColor: 'Default' | 'Good' | 'Attention' | 'Warning';
  /** The delegation id and the version (history length) this card shows. */
  ref: string;
  version: number;
  refreshable: boolean;
  refreshUserIds: string[];
  /** The assignee's buttons: accept, ETA, exemption, fixed. */
  ownerActions: boolean;
  canAccept: boolean;
  /** The owner or the delegator may hand it to another owner (not while an exemption waits for a decision). */
  canReassign: boolean;
  /** The owner's reminder switch for this delegation: "Mute reminders" or "Unmute reminders". */
  muteTitle: string;
  /** The delegator's buttons: cancel, and approve or deny a requested exemption. */
  delegatorActions: boolean;
  exemptionPending: boolean;
  /** YYYY-MM-DD suggestion for the ETA input. */
  etaValue: string;
}
