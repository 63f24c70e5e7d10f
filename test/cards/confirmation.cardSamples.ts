// Samples of the confirmation card: actionable with inputs, and after the press (no inputs, no buttons).
import type { CardReply } from '../../src/views/reply';

const facts = [
  { label: 'Recommendation', value: 'Storage accounts should restrict network access' },
  { label: 'Resource', value: 'st-$(whoami)-données' },
];

export const CARD_SAMPLES: CardReply[] = [
  {
    template: 'confirmation',
    model: {
      title: 'Set owner and due date',
      intro: 'Check the owner and the due date, then confirm.',
      facts,
      changesTitle: 'What will happen',
      changes: ['The owner becomes the address below.', 'The due date becomes the date below.'],
      inputs: [
        { id: 'owner', cardId: 'in_owner', label: 'Owner (e-mail address)', kind: 'email', value: 'ops@example.com', placeholder: 'name@example.com', required: true, maxLength: 254, isText: false, isEmail: true, isDate: false, isMultiline: false },
        { id: 'dueDate', cardId: 'in_dueDate', label: 'Due date', kind: 'date', value: '2027-01-31', placeholder: '', required: true, maxLength: 10, isText: false, isEmail: false, isDate: true, isMultiline: false },
        { id: 'note', cardId: 'in_note', label: 'Note', kind: 'multiline', value: 'after the $(backup) window', placeholder: '', required: false, maxLength: 500, isText: false, isEmail: false, isDate: false, isMultiline: true },
      ],
      ref: 'Qk3x9_aZ-1b2c3d4e5f6g7h8',
      confirmLabel: 'Confirm',
      status: 'Only Ada can confirm. This request expires at 09:15 UTC.',
      statusColor: 'Default',
      actionable: true,
      renewable: true,
      refreshUserIds: ['29:ada'],
    },
  },
  {
    template: 'confirmation',
    model: {
      title: 'Set owner and due date',
      intro: '',
      facts,
      changesTitle: 'What was asked',
      changes: ['The owner becomes the address below.'],
      inputs: [],
      ref: '',
      confirmLabel: 'Confirm',
      status: 'Confirmed by Ada at 09:03 UTC. Owner set to ops@example.com, due 2027-01-31.',
      statusColor: 'Good',
      actionable: false,
      renewable: false,
      refreshUserIds: ['29:ada'],
    },
  },
];
