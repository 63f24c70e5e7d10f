// The composition helpers: register skill modules and the confirmation flow on the registry, and build the bot
// (src/teams/bot.ts wires teams-ai and botbuilder) with the help skill's welcome card. The composition root
// (src/index.ts) and in-process tests both call createBot.
import { createActionAudit } from './actions/actionAudit';
import { confirmationActions, createConfirmationFlow, type ConfirmationFlow } from './actions/confirmationFlow';
import { createPendingActionStore } from './actions/pendingActions';
import type { ActionRegistry } from './actions/registry';
import { helpCatalogOf, type HelpCatalog, type PlatformDeps, type SkillModule } from './actions/skillModule';
import type { RecordsStore } from './storage/recordsStore';
import { createConfirmationCardVerbs } from './teams/confirmationCardVerbs';
import type { Logger } from './logging/logger';
import { buildWelcomeView } from './skills/help/helpAction';
import type { CardActionRouter } from './teams/cardActionRouter';
import { createTeamsBot, type Bot, type BotConfig, type TeamsBotDeps } from './teams/bot';
import type { Reply } from './views/reply';
import { SCOPED_NOTE, UNSCOPED_NOTE } from './access/accessNotes';

export type { Bot, BotConfig } from './teams/bot';

export type BotDeps = Omit<TeamsBotDeps, 'welcome'> & {
  /** What the registered modules can do (registerModules returns it): the welcome card's prompts. */
  help: HelpCatalog;
};

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
  const { help, ...rest } = deps;
  return createTeamsBot(config, { ...rest, welcome: (viewer) => ({ kind: 'card', card: { template: 'welcome', model: buildWelcomeView(viewer.conversationType, help, rest.userScope ? SCOPED_NOTE : UNSCOPED_NOTE) } }) });
}
