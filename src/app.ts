// Builds the bot from parsed config and injected dependencies: adapter, teams-ai Application, turn gates, HTTP
// server. The composition root (src/index.ts) and in-process tests both call createBot.
import type { AddressInfo } from 'node:net';
import type { Application, Planner, TurnState } from '@microsoft/teams-ai';
import type { Storage } from 'botbuilder';
import type restify from 'restify';
import { createActionAudit } from './actions/actionAudit';
import { confirmationActions, createConfirmationFlow, type ConfirmationFlow } from './actions/confirmationFlow';
import { createPendingActionStore } from './actions/pendingActions';
import type { ActionRegistry, PlannedAction } from './actions/registry';
import { helpCatalogOf, type HelpCatalog, type PlatformDeps, type SkillModule } from './actions/skillModule';
import type { RecordsStore } from './storage/recordsStore';
import type { ReplyRecordStore } from './storage/replyRecordStore';
import { createConfirmationCardVerbs } from './teams/confirmationCardVerbs';
import { createCardRenderer, type CardRenderer } from './cards/cardRenderer';
import type { AppConfig } from './config/appConfig';
import type { Logger } from './logging/logger';
import { projectPath } from './paths';
import { buildWelcomeView } from './skills/help/helpAction';
import type { CardActionRouter } from './teams/cardActionRouter';
import { createConversationQueue, serializePerConversation } from './teams/conversationQueue';
import { createHttpServer } from './teams/httpServer';
import { createMessagesEndpoint } from './teams/messagesEndpoint';
import { createPostureAdapter, type PostureAdapter } from './teams/postureAdapter';
import { createReplyRecorder, recordReplies } from './teams/replyRecorder';
import { createTeamsApp } from './teams/teamsApp';
import { registerFeedbackRoutes, withFeedbackLoop } from './teams/feedbackLoop';
import { registerCommandRoutes } from './teams/commandRoutes';
import type { FeedbackService } from './feedback/feedbackService';
import type { FeedbackLoopType } from './config/features/feedback';
import { createTurnErrorHandler, type TurnErrorHandler } from './teams/turnErrorHandler';
import { createTurnGate, type ActivityDeduper, type TurnLogic } from './teams/turnGate';
import type { Reply } from './views/reply';
import { registerUserScope, userScopeAuthentication, type UserScopeTurnOptions } from './teams/userScopeTurns';
import { SCOPED_NOTE, UNSCOPED_NOTE } from './access/accessNotes';

export type BotConfig = Pick<AppConfig, 'port' | 'host' | 'bot' | 'allowedTenantIds'>;

export interface BotDeps {
  logger: Logger;
  /** Conversation state (teams-ai TurnState). */
  storage: Storage;
  deduper: ActivityDeduper;
  planner: Planner<TurnState>;
  /** Every action must be registered before createBot: each becomes a teams-ai AI action here. */
  registry: ActionRegistry<Reply>;
  cardActions: CardActionRouter;
  /** What the registered modules can do (registerModules returns it): the welcome card's prompts. */
  help: HelpCatalog;
  /** Defaults to the project's adaptiveCards/ folder. */
  cards?: CardRenderer;
  startTypingTimer?: boolean;
  maxBodyBytes?: number;
  /** How long stop() waits for in-flight requests before closing their connections. */
  stopGraceMs?: number;
  /** Where every sent reply is recorded (feedback, audit, metering read it); none in tests that do not look. */
  replyRecords?: ReplyRecordStore;
  /** Remediation script downloads by token (GET /api/scripts/…); none: the route does not exist. */
  scripts?: (token: string) => Promise<{ fileName: string; text: string } | undefined>;
  /** Ratings of answers (Teams' feedback loop); none: answers carry no thumbs. */
  feedback?: { service: FeedbackService; loop: FeedbackLoopType };
  /** Whole-message commands matched before the planner ("usage", "delete my data"...). */
  commands?: (text: string) => PlannedAction | undefined;
  /** Teams SSO and each user's own Azure scope; none: answers are not scoped, and the welcome says so. */
  userScope?: UserScopeTurnOptions;
}

export interface Bot {
  server: restify.Server;
  app: Application<TurnState>;
  adapter: PostureAdapter;
  /** Gates + Application.run: what the adapter runs per activity. A botbuilder TestAdapter can run it too. */
  turnLogic: TurnLogic;
  /** The one error boundary; set it as onTurnError on any other adapter that runs turnLogic. */
  onTurnError: TurnErrorHandler;
  start(): Promise<{ port: number; url: string }>;
  stop(): Promise<void>;
}

/** Registers skill modules' actions and card verbs (see src/skillModules.ts); returns their gathered help entries. */
export function registerModules<D>(registry: ActionRegistry<Reply>, cardActions: CardActionRouter, modules: ReadonlyArray<SkillModule<D & PlatformDeps, Reply>>, deps: D): HelpCatalog {
  const help = helpCatalogOf(modules);
  for (const module of modules) {
    const parts = module.create({ ...deps, help });
    for (const action of parts.actions) registry.register(action);
    for (const verb of parts.cardVerbs) cardActions.register(verb);
  }
  return help;
}

export interface ConfirmationDeps {
  records: RecordsStore;
  logger: Logger;
  ttlMs?: number;
  now?: () => number;
}

/** Side effects are proposed, stored as pending actions, and run only from their requester's Confirm press. */
export function registerConfirmationFlow(registry: ActionRegistry<Reply>, cardActions: CardActionRouter, deps: ConfirmationDeps): ConfirmationFlow {
  const flow = createConfirmationFlow({
    registry,
    store: createPendingActionStore(deps.records),
    audit: createActionAudit(deps.records),
    logger: deps.logger,
    ...(deps.ttlMs === undefined ? {} : { ttlMs: deps.ttlMs }),
    ...(deps.now === undefined ? {} : { now: deps.now }),
  });
  registry.useConfirmation(flow);
  for (const action of confirmationActions(flow)) registry.register(action);
  for (const verb of createConfirmationCardVerbs()) cardActions.register(verb);
  return flow;
}

export function createBot(config: BotConfig, deps: BotDeps): Bot {
  const { logger } = deps;
  const cards = deps.cards ?? createCardRenderer({ dir: projectPath('adaptiveCards') });
  const adapter = createPostureAdapter(config.bot);
  const onTurnError = createTurnErrorHandler({ logger });
  const app = createTeamsApp({
    registry: deps.registry,
    cardActions: deps.cardActions,
    planner: deps.planner,
    storage: deps.storage,
    cards,
    welcomed: deps.deduper,
    welcome: (viewer) => ({ kind: 'card', card: { template: 'welcome', model: buildWelcomeView(viewer.conversationType, deps.help, deps.userScope ? SCOPED_NOTE : UNSCOPED_NOTE) } }),
    ...(deps.userScope ? { authentication: userScopeAuthentication(deps.userScope.connectionName) } : {}),
    adapter,
    continuation: { botAppId: config.bot?.id ?? '', logger },
    ...(deps.startTypingTimer === undefined ? {} : { startTypingTimer: deps.startTypingTimer }),
  });
  app.error(onTurnError);
  if (deps.userScope) registerUserScope(app, deps.userScope);
  if (deps.feedback) registerFeedbackRoutes(app, { service: deps.feedback.service, cards, logger });
  if (deps.commands) registerCommandRoutes(app, { match: deps.commands, registry: deps.registry, cards, continuation: { botAppId: config.bot?.id ?? '', logger } });
  const queue = createConversationQueue({ logger });
  const gate = createTurnGate({ allowedTenantIds: config.allowedTenantIds, deduper: deps.deduper, logger }, serializePerConversation(queue, (context) => app.run(context)));
  const gated = deps.feedback ? withFeedbackLoop(deps.feedback.loop, gate) : gate;
  const turnLogic = deps.replyRecords ? recordReplies(createReplyRecorder({ store: deps.replyRecords, logger }), gated) : gated;
  const server = createHttpServer({
    logger,
    ...(deps.scripts ? { scripts: deps.scripts } : {}),
    messages: createMessagesEndpoint({ adapter, logic: turnLogic, logger, ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}) }),
  });

  return {
    server,
    app,
    adapter,
    turnLogic,
    onTurnError,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        const onListening = () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ port: address.port, url: `http://${host === '[::]' || host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}` });
        };
        if (config.host) server.listen(config.port, config.host, onListening);
        else server.listen(config.port, onListening);
      }),
    stop: () =>
      new Promise((resolve) => {
        // Stop accepting, let in-flight turns finish, and drop idle keep-alive sockets (they would hold close()
        // open until they time out); whatever is still open after the grace period is cut.
        const force = setTimeout(() => server.server.closeAllConnections(), deps.stopGraceMs ?? 5000);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.server.closeIdleConnections();
      }),
  };
}
