// The bot's own services beside the skills: ratings (feedback), usage metering and its "usage" answer, and the
// commands that reach them. The composition root calls registerAccount once, after the skills are registered, and
// hands the metered registry to the bot.
import type { ActionRegistry, PlannedAction } from '../actions/registry';
import type { AppConfig } from '../config/appConfig';
import type { FeedbackLoopType } from '../config/features/feedback';
import { registerFeedback, type VerbRegistry } from '../feedback/feedbackModule';
import type { FeedbackService } from '../feedback/feedbackService';
import type { Logger } from '../logging/logger';
import type { RecordsStore } from '../storage/recordsStore';
import { meterRegistry } from '../usage/meteredRegistry';
import { createUsageAction } from '../usage/usageAction';
import { createUsageMeter, type UsageMeter } from '../usage/usageMeter';
import type { Reply } from '../views/reply';
import { createPersonalData } from '../privacy/personalData';
import { createDeleteMyDataAction, createMyDataAction } from '../privacy/privacyActions';
import { matchAccountCommand } from './accountCommands';
import { createAdmins } from './admins';
import { createAdminReadLog } from './adminReads';
import { createFeedbackReportAction } from '../feedback/feedbackReport';
import type { DownloadLinks } from '../downloads/downloadLinks';
import { createExportMyDataAction } from '../privacy/exportMyDataAction';
import { createRefreshPostureAction, type RefreshPostureDeps } from './refreshPostureAction';
import type { ModelConsent } from '../llmPlanner/modelConsent';
import { createAllowModelAction, createModelStatusAction, createStopModelAction } from './modelConsentActions';

/** Card templates the bot's own services use (beside the skills' own, listed in their modules). */
export const ACCOUNT_TEMPLATES: readonly string[] = ['feedbackForm'];

export interface AccountParts {
  /** The registry to run actions through: metered. */
  registry: ActionRegistry<Reply>;
  commands: (text: string) => PlannedAction | undefined;
  feedback: { service: FeedbackService; loop: FeedbackLoopType };
  meter: UsageMeter;
}

export interface AccountDeps {
  records: RecordsStore;
  config: Pick<AppConfig, 'feedback' | 'usage' | 'retention' | 'privacy'>;
  /** Removes conversation and user state of a person who asks to be forgotten; none where state is not erasable. */
  eraseConversations?: (conversationIds: readonly string[], channelUserIds: readonly string[]) => number | Promise<number>;
  /** Download links for "export my data" (none: the request is not offered). */
  downloads?: { links: DownloadLinks; ttlMs: number };
  /** The posture holder, for an admin's "refresh posture now". */
  posture?: RefreshPostureDeps['posture'];
  /** Consent to send posture data to the language model, decided by admins in chat. */
  modelConsent?: ModelConsent;
  logger: Logger;
  now?: () => number;
}

export function registerAccount(registry: ActionRegistry<Reply>, cardActions: VerbRegistry, deps: AccountDeps): AccountParts {
  const now = deps.now ?? Date.now;
  const admins = createAdmins(deps.config.feedback.adminObjectIds);
  const service = registerFeedback(registry, cardActions, { records: deps.records, now });
  const meter = createUsageMeter({ records: deps.records, usage: deps.config.usage, now });
  const reads = createAdminReadLog(deps.records);
  registry.register(createUsageAction({ meter, usage: deps.config.usage, admins, reads, now }));
  registry.register(createFeedbackReportAction({ service, admins, reads, now, ...(deps.downloads ? { downloads: deps.downloads } : {}) }));
  const data = createPersonalData({ records: deps.records, eraseConversations: deps.eraseConversations ?? (() => 0) });
  registry.register(createMyDataAction({ data, retention: deps.config }));
  registry.register(createDeleteMyDataAction({ data, retention: deps.config }));
  if (deps.downloads) registry.register(createExportMyDataAction({ data, links: deps.downloads.links, ttlMs: deps.downloads.ttlMs, now }));
  if (deps.posture) registry.register(createRefreshPostureAction({ posture: deps.posture, admins, records: deps.records, now }));
  if (deps.modelConsent) {
    const consent = { consent: deps.modelConsent, admins, now };
    registry.register(createAllowModelAction(consent));
    registry.register(createStopModelAction(consent));
    registry.register(createModelStatusAction(consent));
  }
  return {
    registry: meterRegistry(registry, { meter, usage: deps.config.usage, logger: deps.logger }),
    commands: matchAccountCommand,
    feedback: { service, loop: deps.config.feedback.loop },
    meter,
  };
}
