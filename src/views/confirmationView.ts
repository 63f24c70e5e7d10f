// View model for adaptiveCards/confirmation.json: the card that shows exactly what a side effect will do, with
// the confirming button. A skill describes the change (ConfirmationContent); the confirmation flow adds the
// pending action's ref, the expiry and, once pressed, who confirmed and what happened.
import type { LabelledValue } from './detailsView';

export type ConfirmLabel = 'Confirm' | 'Send' | 'Submit' | 'Apply';

/** A field the requester may edit before confirming; its submitted value reaches the action's withInputs. */
export interface ConfirmationInput {
  /** Short identifier ([a-z][a-zA-Z0-9]*); the card names the input `in_<id>`. */
  id: string;
  label: string;
  kind: 'text' | 'email' | 'date' | 'multiline';
  value: string;
  placeholder?: string;
  required: boolean;
  maxLength: number;
}

/** What a skill says about a proposed change. Text here is data: never evaluated, shown as written. */
export interface ConfirmationContent {
  title: string;
  intro: string;
  /** What the change is about: recommendation, resource, current owner... */
  facts: LabelledValue[];
  /** What will happen, one line each. */
  changes: string[];
  inputs: ConfirmationInput[];
  confirmLabel: ConfirmLabel;
}

export interface ConfirmationInputView extends Omit<ConfirmationInput, 'placeholder'> {
  cardId: string;
  placeholder: string;
  isText: boolean;
  isEmail: boolean;
  isDate: boolean;
  isMultiline: boolean;
}

export interface ConfirmationView {
  title: string;
  intro: string;
  facts: LabelledValue[];
  /** "What will happen" while it can be confirmed, "What was asked" after. */
  changesTitle: string;
  changes: string[];
  inputs: ConfirmationInputView[];
  /** Empty once the card is no longer actionable (confirmed, cancelled, expired). */
  ref: string;
  confirmLabel: ConfirmLabel;
  /** True while an editable card is open: Teams refreshes it for `refreshUserIds` (the requester), which renews it. */
  renewable: boolean;
  refreshUserIds: string[];
  /** "Only Ada Lovelace can confirm. Expires at 14:05 UTC." or, after the press, what happened. */
  status: string;
  statusColor: 'Default' | 'Good' | 'Attention' | 'Warning';
  actionable: boolean;
}

export const inputCardId = (id: string): string => `in_${id}`;
