// Samples of the feedback form: inside Teams' dialog (custom loop) and as the inline card (default loop).
import { buildFeedbackFormView } from '../../src/views/feedbackFormView';
import type { CardReply } from '../../src/views/reply';

export const CARD_SAMPLES: CardReply[] = [
  { template: 'feedbackForm', model: buildFeedbackFormView('dialog') },
  { template: 'feedbackForm', model: buildFeedbackFormView('inline', 'AbCdEf0123456789abcdEFGH') },
];
