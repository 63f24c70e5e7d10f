// The composition root: parse config once, create the logger and storage, pick implementations, build the bot,
// start it, and shut down cleanly on SIGINT/SIGTERM. Importing this file does nothing; running it starts the bot.
// First, before any other module loads: Node 22's compile cache when this file is the entry (compileCache.ts).
import './compileCache';
import { randomUUID } from 'node:crypto';
import { armWritesFromConfig, userScopeFromConfig, withUserScope } from './access/userScopeDeps';
import type { ArmWrites } from './access/armWrites';
import { withChannelScopes } from './channels/channelScopeDeps';
import { join } from 'node:path';
import type { MessagePlanner } from './actions/contracts/messagePlanner';
import { createActionRegistry, type ActionRegistry } from './actions/registry';
import type { HelpCatalog } from './actions/skillModule';
import { createBot, registerConfirmationFlow, registerModules, type Bot, type BotDeps } from './app';
import type { AppConfig } from './config/appConfig';
import { ConfigError, loadConfig } from './config/loadConfig';
import { isAppError } from './errors/appError';
import { createLogger, type Logger } from './logging/logger';
import { createMailer } from './mail/createMailer';
import { projectPath } from './paths';
import { createKeylessPlanner } from './planner/keylessPlanner';
import { choosePlanner } from './llmPlanner/choosePlanner';
import { createModelConsent, modelTargetOf } from './llmPlanner/modelConsent';
import { openPostureHolder, type PostureHolder, type SharedPostureSettings } from './posture/postureHolder';
import { postureSourceKey } from './posture/snapshotSharing';
import { reloadOnSignal } from './posture/reloadSignal';
import { refreshOnSchedule } from './posture/refreshSchedule';
import { withDataAge } from './actions/withDataAge';
import { createDownloadLinks, type DownloadLinks } from './downloads/downloadLinks';
import { dataAgeNote } from './views/dataAgeNote';
import type { AzureLoaderDeps } from './posture/source/azure/azureLoader';
import { openPostureHistory } from './posture/history/openHistory';
import { createRetentionJob, retentionRules } from './jobs/retentionJob';
import { hostname } from 'node:os';
import { createDelegationRecords } from './skills/delegate/delegationRecords';
import { createDelegationScheduler } from './skills/delegate/reminders';
import { SKILL_MODULES } from './skillModules';
import { createScriptLinks, type ScriptLinks } from './skills/remediate/scriptLinks';
import { registerAccount } from './account/accountModule';
import type { PlannedAction } from './actions/registry';
import type { FeedbackService } from './feedback/feedbackService';
import type { FeedbackLoopType } from './config/features/feedback';
import { createIacWorkspace } from './iac/iacWorkspace';
import { pullRequestHost } from './iac/pullRequests/hostFactory';
import { createActivityDeduper } from './storage/activityDeduper';
import type { RecordsStore } from './storage/recordsStore';
import { createReplyRecordStore } from './storage/replyRecordStore';
import type { ConversationEraser } from './storage/sqliteConversationEraser';
import { openStorage, type OpenedStorage } from './storage/openStorage';
import { httpSpanPolicy } from './telemetry/httpSpans';
import { startTracing, stopTracing, tracing } from './telemetry/tracing';
import { createReadiness } from './storage/readiness';
import { createJobLease } from './jobs/jobLease';
import { createDrain, DRAIN_GRACE_MS, drainingReadiness } from './lifecycle/drain';
import { createCardActionRouter, type CardActionRouter } from './teams/cardActionRouter';
import { createContactBook, type ContactBook } from './contacts/contactBook';
import { createProactiveSender, type ProactiveSender } from './teams/proactiveSender';
import type { Reply } from './views/reply';

export interface Running {
  bot: Bot;
  url: string;
  posture: PostureHolder;
  stop(): Promise<void>;
}

export interface Skills {
  registry: ActionRegistry<Reply>;
  cardActions: CardActionRouter;
  planner: MessagePlanner;
  help: HelpCatalog;
  /** Skills read posture through it; the caller closes it. */
  posture: PostureHolder;
  /** Remediation script downloads: createBot serves them; links name the public address, else (local) announceUrl's. */
  scriptLinks: ScriptLinks;
  /** Single-use downloads made for one person ("export my data"): createBot serves them. */
  downloadLinks: DownloadLinks;
  /** The address the bot listens on, once it does: download links use it where no public address is configured (never in production). */
  announceUrl(url: string): void;
  feedback: { service: FeedbackService; loop: FeedbackLoopType };
  /** Whole-message commands run before the planner (usage, feedback report, my data). */
  commands: (text: string) => PlannedAction | undefined;
  /** People and conversations noted for messages the bot starts itself, and the sender createBot attaches. */
  contacts: ContactBook;
  proactive: ProactiveSender;
}

/**
 * THE SEAM for posture: load the engine (config.postureSnapshot / demo tenant), register its skills' actions and
 * card verbs, and pick the planner. Every action must be registered here, before createBot wires them into teams-ai.
 */
export async function composeSkills(config: AppConfig, logger: Logger, records: RecordsStore, options: { pollMs?: number; azure?: AzureLoaderDeps['overrides']; eraseConversations?: ConversationEraser['erase']; armWrites?: ArmWrites; shared?: SharedPostureSettings } = {}): Promise<Skills> {
  const { eraseConversations, armWrites: givenWrites, ...postureOptions } = options;
  const armWrites = givenWrites ?? armWritesFromConfig(config);
  const posture = await openPostureHolder(config, { logger, records, ...postureOptions });
  const registry = createActionRegistry<Reply>();
  const cardActions = createCardActionRouter();
  registerConfirmationFlow(registry, cardActions, { records, logger, ttlMs: config.confirmation.ttlMs });
  let listeningUrl: string | undefined;
  const { publicBaseUrl, ttlMs } = config.scriptLinks;
  const scriptLinks = createScriptLinks({ records, ttlMs, baseUrl: () => publicBaseUrl ?? (config.production ? undefined : listeningUrl) });
  const contacts = createContactBook(records);
  const proactive = createProactiveSender({ botAppId: config.bot?.id ?? '' });
  const teams = { contacts, messenger: proactive, onError: (err: unknown) => logger.warn({ err }, 'a delegation message in Teams could not be sent') };
  const delegation = { records, mailer: createMailer(config.delegate, config.dataDir), mailFrom: config.delegate.mailFrom, ownerTagNames: config.delegate.ownerTagNames, teams };
  let listening: (url: string) => void = () => {};
  const startAfter = new Promise<string>((resolve) => (listening = resolve));
  const history = await openPostureHistory(posture, { records, retentionMs: config.history.retentionMs, logger, startAfter });
  const iac = createIacWorkspace({ provider: pullRequestHost(config.iac.host, config.dataDir), remote: config.iac.host.kind === 'github' || config.iac.host.kind === 'azureDevOps' });
  const aged = withDataAge(registry, (viewer) => dataAgeNote(posture.info(), Date.now(), viewer.timeZone));
  const help = registerModules(aged, cardActions, SKILL_MODULES, { posture, scriptLinks, delegation, history, iac, ...(armWrites ? { armWrites } : {}) });
  const downloadLinks = createDownloadLinks({ records, ttlMs, baseUrl: () => publicBaseUrl ?? (config.production ? undefined : listeningUrl) });
  const modelConsent = createModelConsent(records, { setting: config.llm?.dataConsent ?? false, target: modelTargetOf(config.llm) });
  const account = registerAccount(registry, cardActions, { records, config, logger, posture, modelConsent, downloads: { links: downloadLinks, ttlMs }, ...(eraseConversations ? { eraseConversations } : {}) });
  const keyless = createKeylessPlanner({ engine: posture.current, logger });
  const { planner } = choosePlanner(config.llm, { keyless, registry: account.registry, engine: posture.current, records, consent: modelConsent, logger });
  return { registry: account.registry, cardActions, planner, help, posture, scriptLinks, downloadLinks, announceUrl: (url) => listening((listeningUrl = url)), feedback: account.feedback, commands: account.commands, contacts, proactive };
}

/** What the bot's turns keep in storage: reply records, conversation state, the closing commit, delivery marks. */
export function turnStorageDeps(config: AppConfig, storage: OpenedStorage, logger: Logger): Pick<BotDeps, 'replyRecords' | 'storage' | 'turnCommit' | 'deduper'> {
  return {
    replyRecords: createReplyRecordStore(storage.records),
    storage: storage.conversations,
    turnCommit: storage.commitTurn,
    deduper: createActivityDeduper(storage.records, { ttlMs: config.retention.dedupMs, leaseMs: config.delivery.leaseMs, logger }),
  };
}

/** The routes that serve script and download links by token. */
export function linkRoutes(links: { scriptLinks: ScriptLinks; downloadLinks: DownloadLinks }): Pick<BotDeps, 'scripts' | 'downloads'> {
  return { scripts: (token) => links.scriptLinks.open(token), downloads: (token) => links.downloadLinks.take(token) };
}

/** Everything after config: storage under DATA_DIR, skills, the bot; returns once it is listening. */
export async function startBot(config: AppConfig, logger: Logger): Promise<Running> {
  if (!config.bot) {
    const warning = 'BOT_ID is not set: requests are NOT authenticated. Use this only on your own machine.';
    logger.warn({ appEnv: config.appEnv }, warning);
    process.stderr.write(`\nWARNING: ${warning}\n\n`);
  }
  await startTracing(config.telemetry, logger);
  const storage = await openStorage(config, logger);
  let closePosture = () => {};
  try {
    const { records } = storage;
    const drain = createDrain();
    const replica = randomUUID();
    // One replica reads the source (Resource Graph for the live source) and publishes; the others adopt its copy. A
    // first full read of a large tenant takes minutes: followers wait up to a refresh interval for it (at least 2 min).
    const snapshots = storage.snapshots;
    const live = config.postureSource === 'azure';
    const postureLease = snapshots ? createJobLease(records, { job: 'posture-load', holder: replica, ttlMs: live ? config.postureRefreshMs * 2 : 10 * 60_000 }) : undefined;
    const shared = snapshots && postureLease ? { store: snapshots, lease: postureLease, sourceKey: postureSourceKey(config), replica, maxAgeMs: live ? config.postureRefreshMs : 0, ...(live ? { waitMs: Math.max(120_000, config.postureRefreshMs) } : {}) } : undefined;
    // Tracing on: Resource Graph requests are spans too.
    const azure = tracing().enabled ? { client: { additionalPolicies: [{ policy: httpSpanPolicy(tracing(), 'resourceGraph'), position: 'perCall' as const }] } } : undefined;
    const { posture, scriptLinks, downloadLinks, announceUrl, ...skills } = await composeSkills(config, logger, records, { eraseConversations: storage.eraseConversations, ...(shared ? { shared } : {}), ...(azure ? { azure } : {}) });
    closePosture = posture.close;
    const bot = createBot(config, {
      logger,
      ...turnStorageDeps(config, storage, logger),
      ...skills,
      ...linkRoutes({ scriptLinks, downloadLinks }),
      ready: drainingReadiness(drain, createReadiness({ records, posture })),
      admit: drain.admit,
      ...withUserScope(withChannelScopes(userScopeFromConfig(config, logger), { records, adminObjectIds: config.feedback.adminObjectIds, engine: posture.current })),
    });
    const retention = createRetentionJob({
      rules: [...retentionRules({ records, pruneConversations: storage.pruneConversations }, config.retention, config.privacy), ...storage.sweeps],
      retention: config.retention,
      logger,
      // Replicas sharing Azure storage: the retention job runs on one of them at a time.
      ...(storage.kind === 'azure' ? { lease: createJobLease(records, { job: 'retention', holder: randomUUID(), ttlMs: config.retention.intervalMs * 2 }) } : {}),
    });
    const reminders = createDelegationScheduler({
      records,
      delegations: createDelegationRecords(records),
      contacts: skills.contacts,
      messenger: skills.proactive,
      intervalMs: config.delegate.reminderIntervalMs,
      digestMinute: config.delegate.digestMinute,
      mail: { mailer: createMailer(config.delegate, config.dataDir), from: config.delegate.mailFrom },
      holder: `${hostname()}:${process.pid}`,
      logger,
    });
    const { url } = await bot.start();
    announceUrl(url);
    retention.start();
    reminders.start();
    return {
      bot,
      url,
      posture,
      stop: async () => {
        // Unready and refusing new turns first; the turns already running finish before anything is closed.
        const cutOff = await drain.begin(DRAIN_GRACE_MS);
        logger.info({ cutOff }, cutOff === 0 ? 'turns drained' : 'drain grace period over: turns still running are cut off');
        await retention.stop();
        await reminders.stop();
        await bot.stop();
        posture.close();
        await postureLease?.release().catch((error: unknown) => logger.warn({ err: error }, 'releasing the posture-load lease failed'));
        await storage.close();
        await stopTracing();
      },
    };
  } catch (error) {
    closePosture();
    await storage.close();
    throw error;
  }
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig({ env, envDir: projectPath('env') });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`posture-bot cannot start. ${error.userMessage}\n`);
      return 1;
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  for (const warning of config.warnings) {
    logger.warn({ appEnv: config.appEnv }, warning);
    process.stderr.write(`WARNING: ${warning}\n`);
  }
  let running: Running;
  try {
    running = await startBot(config, logger);
  } catch (error) {
    // A broken export or an unusable DATA_DIR: say what is wrong (file, row, field) and stop.
    if (isAppError(error)) {
      logger.error({ err: error, code: error.code, details: error.details }, 'startup failed');
      process.stderr.write(`posture-bot cannot start. ${error.userMessage}\n`);
      return await new Promise<number>((resolve) => logger.flush(() => resolve(1)));
    }
    throw error;
  }
  logger.info(
    { url: running.url, appEnv: config.appEnv, production: config.production, authenticated: Boolean(config.bot), tenants: config.allowedTenantIds.length, startupMs: Math.round(process.uptime() * 1000) },
    'posture-bot listening',
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => logger.flush(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        logger.flush(() => process.exit(1));
      },
    );
  };
  reloadOnSignal(running.posture, logger);
  if (config.postureSource === 'azure') refreshOnSchedule(running.posture, { everyMs: config.postureRefreshMs, logger });
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (error: unknown) => {
      process.stderr.write(`posture-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
