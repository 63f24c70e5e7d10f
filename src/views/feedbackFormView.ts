// View model for adaptiveCards/feedbackForm.json: the details asked after a thumbs down, either in Teams' dialog
// (custom feedback loop) or as an inline card (the default loop, where no dialog is fetched).
import { MAX_FEEDBACK_TEXT, RATING_LABELS, type Rating } from '../feedback/feedbackRecord';

export interface FeedbackFormView {
  title: string;
  intro: string;
  choices: Array<{ title: string; value: Rating }>;
  selected: Rating;
  maxLength: number;
  /** feedbackForm: inside Teams' dialog (its data comes back as the feedback); feedbackDetails: an inline card. */
  verb: 'feedbackForm' | 'feedbackDetails';
  /** The inline card's ticket; empty in the dialog (Teams names the answer itself). */
  ref: string;
}

const choice = (value: Rating) => ({ title: RATING_LABELS[value], value });

export function buildFeedbackFormView(kind: 'dialog' | 'inline', ref = ''): FeedbackFormView {
  const dialog = kind === 'dialog';
  return {
    title: dialog ? 'Tell us more' : "How's this response?",
    intro: dialog ? 'Your rating is kept with the answer it is about.' : 'Thanks for the thumbs down. A few details help improve this answer.',
    choices: dialog ? [choice('needsImprovement'), choice('inappropriate')] : [choice('looksRight'), choice('needsImprovement'), choice('inappropriate')],
    selected: 'needsImprovement',
    maxLength: MAX_FEEDBACK_TEXT,
    verb: dialog ? 'feedbackForm' : 'feedbackDetails',
    ref: dialog ? 'dialog' : ref,
  };
}
