// View model for adaptiveCards/secureScore.json: the secure score overall, per subscription, and where points are lost.
import type { LabelledValue } from './detailsView';

export interface SecureScoreView {
  title: string;
  /** "33%" */
  percentage: string;
  /** "79.7 of 245 points" */
  points: string;
  /** "By subscription" when there are several; "" otherwise. */
  subscriptionsTitle: string;
  subscriptions: LabelledValue[];
  /** "Most points to gain"; "" when nothing is lost. */
  gainsTitle: string;
  gains: LabelledValue[];
}
