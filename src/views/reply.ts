// What skills hand back: text or a card, plus optional suggested replies. The transport turns it into activities,
// so skills never see botbuilder or card JSON. Adding a card = one union member here + a view model + a template.
import type { BreakdownView } from './breakdownView';
import type { ChoiceView } from './choiceView';
import type { ConfirmationView } from './confirmationView';
import type { DelegationCardView } from './delegationCardView';
import type { DetailsView } from './detailsView';
import type { FeedbackFormView } from './feedbackFormView';
import type { HelpView } from './helpView';
import type { IacFindingsView } from './iacFindingsView';
import type { IacFixPreviewView } from './iacFixPreviewView';
import type { AttackPathsView, ResourcesView, VulnerabilitiesView } from './insightViews';
import type { RecommendationsView } from './recommendationsView';
import type { RemediationView } from './remediationView';
import type { SecureScoreView } from './secureScoreView';
import type { SummaryView } from './summaryView';
import type { WelcomeView } from './welcomeView';
import type { DelegationGroupCardView } from './delegationGroupCardView';
import type { ChangesView, ExecutiveSummaryView } from './historyViews';

/** `template` names a file adaptiveCards/<template>.json; `model` is the data it is filled with. */
export type CardReply =
  | { template: 'welcome'; model: WelcomeView }
  | { template: 'help'; model: HelpView }
  | { template: 'recommendations'; model: RecommendationsView }
  | { template: 'details'; model: DetailsView }
  | { template: 'breakdown'; model: BreakdownView }
  | { template: 'confirmation'; model: ConfirmationView }
  | { template: 'delegationOwner'; model: DelegationCardView }
  | { template: 'delegationGroup'; model: DelegationGroupCardView }
  | { template: 'summary'; model: SummaryView }
  | { template: 'remediation'; model: RemediationView }
  | { template: 'vulnerabilities'; model: VulnerabilitiesView }
  | { template: 'resources'; model: ResourcesView }
  | { template: 'attackPaths'; model: AttackPathsView }
  | { template: 'choice'; model: ChoiceView }
  | { template: 'changes'; model: ChangesView }
  | { template: 'executiveSummary'; model: ExecutiveSummaryView }
  | { template: 'secureScore'; model: SecureScoreView }
  | { template: 'feedbackForm'; model: FeedbackFormView }
  | { template: 'iacFindings'; model: IacFindingsView }
  | { template: 'iacFixPreview'; model: IacFixPreviewView };

export type CardTemplateName = CardReply['template'];

/**
 * `text` is sent as plain text: Teams renders markdown in text messages but the Agents Playground shows it raw, so a
 * text reply is a sentence or two without markup; anything with structure (lists, figures) is a card.
 * `recommendationIds`: the assessments the reply shows or is about, kept in the reply's record (feedback, audit).
 * `dataAge`: how old live data is (src/views/dataAgeNote.ts), said under the answer. */
export type Reply =
  | { kind: 'text'; text: string; suggestions?: string[]; recommendationIds?: string[]; dataAge?: string }
  | { kind: 'card'; card: CardReply; suggestions?: string[]; recommendationIds?: string[]; dataAge?: string };

export const textReply = (text: string, suggestions?: string[]): Reply => (suggestions ? { kind: 'text', text, suggestions } : { kind: 'text', text });
