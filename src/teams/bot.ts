// The bot on teams-ai and botbuilder: adapter, teams-ai Application (with the SDK-free planner adapted to it), turn
// gates, reply records, feedback loop and HTTP server. The composition root (src/app.ts createBot) builds it from
// parsed config and injected dependencies; in-process tests do through it too.
import type { AddressInfo } from 'node:net';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { ConversationStorage } from '../storage/conversationStorage';
import type restify from 'restify';
import type { MessagePlanner } from '../actions/contracts/messagePlanner';
import type { ActionRegistry, PlannedAction } from '../actions/registry';
import { createCardRenderer, type CardRenderer } from '../cards/cardRenderer';
import type { AppConfig } from '../config/appConfig';
import type { FeedbackLoopType } from '../config/features/feedback';
import type { FeedbackService } from '../feedback/feedbackService';
import type { Logger } from '../logging/logger';
import { projectPath } from '../paths';
import type { Viewer } from '../posture/viewer';
import type { ReplyRecordStore } from '../storage/replyRecordStore';
import type { TurnCommit } from '../storage/turnCommit';
import type { Reply } from '../views/reply';
import type { CardActionRouter } from './cardActionRouter';
import { registerCommandRoutes } from './commandRoutes';
import { countsOnlyRegistry } from '../channels/countsOnlyRegistry';
import { registerChannelScopes } from './channelScopeTurns';
import type { ContactBook } from '../contacts/contactBook';
import { captureContacts } from './contactCapture';
import type { ProactiveSender } from './proactiveSender';
import { createConversationQueue, serializePerConversation } from './conversationQueue';
import { registerFeedbackRoutes, withFeedbackLoop } from './feedbackLoop';
import { createHttpServer, type HttpServerOptions } from './httpServer';
import { createMessagesEndpoint } from './messagesEndpoint';
import { toTeamsPlanner } from './plannerAdapter';
import { createPostureAdapter, type PostureAdapter } from './postureAdapter';
import { createReplyRecorder, recordReplies } from './replyRecorder';
import { createTeamsApp } from './teamsApp';
import { registerUserScope, userScopeAuthentication, type UserScopeTurnOptions } from './userScopeTurns';
import { createTurnErrorHandler, type TurnErrorHandler } from './turnErrorHandler';
import { createTurnGate, type ActivityDeduper, type TurnLogic } from './turnGate';
import { traceTurns } from './turnTracing';

export type BotConfig = Pick<AppConfig, 'port' | 'host' | 'bot' | 'allowedTenantIds'>;

export interface TeamsBotDeps {
  logger: Logger;
  /** Conversation state (teams-ai TurnState). */
  storage: ConversationStorage;
  /** Commits a turn's state with its reply records and done mark (same backend as `storage`); none: each on its own. */
  turnCommit?: TurnCommit;
  deduper: ActivityDeduper;
  /** The SDK-free planner; adapted to teams-ai here (src/teams/plannerAdapter.ts). */
  planner: MessagePlanner;
  /** Every action must be registered before createBot: each becomes a teams-ai AI action here. */
  registry: ActionRegistry<Reply>;
  cardActions: CardActionRouter;
  /** The greeting card for where the bot was added (the composition root builds it with the help skill). */
  welcome(viewer: Viewer): Reply;
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
  /** Readiness for GET /readyz (posture loaded, storage answering); none: /readyz says ready once listening. */
  ready?: HttpServerOptions['ready'];
  /** Shutdown drain: admits a turn (its finish callback) or refuses it with 503 (src/lifecycle/drain.ts). */
  admit?: () => (() => void) | undefined;
  /** Single-use downloads by token (GET /api/downloads/…); none: the route does not exist. */
  downloads?: HttpServerOptions['downloads'];
  /** Ratings of answers (Teams' feedback loop); none: answers carry no thumbs. */
  feedback?: { service: FeedbackService; loop: FeedbackLoopType };
  /** Whole-message commands matched before the planner ("usage", "delete my data"...). */
  commands?: (text: string) => PlannedAction | undefined;
  /** Where people and conversations are noted for later messages (owner cards, reminders); none: nothing is noted. */
  contacts?: ContactBook;
  /** Messages the bot starts itself; attached to this bot's adapter. */
  proactive?: ProactiveSender;
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

/**
 * The shipped card templates, compiled at the first render or /readyz, or right after the server listens, whichever
 * comes first: compiling them all takes ~0.2-0.4 s of CPU that /healthz (liveness) need not wait for. /readyz compiles
 * them if they are not yet, and is not ready while they fail; a render then throws the same error.
 */
export function compiledOnDemand(make: () => CardRenderer): { renderer: CardRenderer; compile(): Error | undefined } {
  let made: CardRenderer | undefined;
  let failed: Error | undefined;
  const get = (): CardRenderer => {
    if (made) return made;
    if (failed) throw failed;
    try {
      return (made = make());
    } catch (error) {
      throw (failed = error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    renderer: {
      get templates() {
        return get().templates;
      },
      render: (card) => get().render(card),
      expand: (card) => get().expand(card),
    },
    compile: () => {
      try {
        get();
        return undefined;
      } catch (error) {
        return error as Error;
      }
    },
  };
}

export function createTeamsBot(config: BotConfig, deps: TeamsBotDeps): Bot {
  const { logger } = deps;
  const templates = compiledOnDemand(() => deps.cards ?? createCardRenderer({ dir: projectPath('adaptiveCards') }));
  const cards = templates.renderer;
  const ready: HttpServerOptions['ready'] = async () => {
    const error = templates.compile();
    if (error) return { ready: false, facts: { reason: 'the card templates do not compile' } };
    return deps.ready ? deps.ready() : { ready: true, facts: {} };
  };
  const adapter = createPostureAdapter(config.bot);
  const onTurnError = createTurnErrorHandler({ logger });
  const registry = deps.userScope?.channels ? countsOnlyRegistry(deps.registry) : deps.registry;
  const app = createTeamsApp({
    registry,
    cardActions: deps.cardActions,
    planner: toTeamsPlanner(deps.planner),
    storage: deps.storage,
    cards,
    welcomed: deps.deduper,
    welcome: deps.welcome,
    ...(deps.userScope ? { authentication: userScopeAuthentication(deps.userScope.connectionName) } : {}),
    adapter,
    continuation: { botAppId: config.bot?.id ?? '', logger },
    ...(deps.startTypingTimer === undefined ? {} : { startTypingTimer: deps.startTypingTimer }),
  });
  app.error(onTurnError);
  if (deps.userScope) registerUserScope(app, deps.userScope);
  if (deps.userScope?.channels) registerChannelScopes(app, deps.userScope.channels, logger, config.bot?.id ?? '');
  if (deps.feedback) registerFeedbackRoutes(app, { service: deps.feedback.service, cards, logger });
  if (deps.commands) registerCommandRoutes(app, { match: deps.commands, registry, cards, continuation: { botAppId: config.bot?.id ?? '', logger } });
  const queue = createConversationQueue({ logger });
  const serialized = serializePerConversation(queue, (context) => app.run(context));
  const gate = createTurnGate({ allowedTenantIds: config.allowedTenantIds, deduper: deps.deduper, logger, ...(deps.turnCommit ? { turnCommit: deps.turnCommit } : {}) }, deps.contacts ? captureContacts({ contacts: deps.contacts, logger }, serialized) : serialized);
  deps.proactive?.attach(adapter, cards);
  const gated = deps.feedback ? withFeedbackLoop(deps.feedback.loop, gate) : gate;
  const turnLogic = traceTurns(deps.replyRecords ? recordReplies(createReplyRecorder({ store: deps.replyRecords, logger }), gated) : gated);
  const server = createHttpServer({
    logger,
    ...(deps.scripts ? { scripts: deps.scripts } : {}),
    ...(deps.downloads ? { downloads: deps.downloads } : {}),
    ready,
    messages: createMessagesEndpoint({ adapter, logic: turnLogic, logger, ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}), ...(deps.admit ? { admit: deps.admit } : {}) }),
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
          setImmediate(() => {
            const error = templates.compile();
            if (error) logger.error({ err: error }, 'the card templates do not compile: turns with cards fail and /readyz is not ready');
          });
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
