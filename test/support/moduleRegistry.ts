// The real registry with every registered skill module (src/skillModules.ts) over a given engine, for tests that
// check planner output against the one validator. Posture changes are refused: nothing here confirms them.
import { createActionRegistry, type ActionRegistry } from '../../src/actions/registry';
import type { HelpCatalog } from '../../src/actions/skillModule';
import { registerModules } from '../../src/app';
import { AppError } from '../../src/errors/appError';
import type { PostureEngine } from '../../src/posture/engine';
import { SKILL_MODULES } from '../../src/skillModules';
import { createCardActionRouter, type CardActionRouter } from '../../src/teams/cardActionRouter';
import type { Reply } from '../../src/views/reply';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';

export interface ModuleRegistry {
  registry: ActionRegistry<Reply>;
  cardActions: CardActionRouter;
  help: HelpCatalog;
}

export function moduleRegistry(engine: PostureEngine): ModuleRegistry {
  const registry = createActionRegistry<Reply>();
  const cardActions = createCardActionRouter();
  const posture = {
    current: () => engine,
    applyChange: () => Promise.reject(new Error('this test registry changes no posture')),
    revertChange: () => Promise.reject(new Error('this test registry changes no posture')),
  };
  const mailer = { description: 'no mail here', send: () => Promise.reject(new AppError('MAIL_REFUSED', 'this test registry sends no mail')) };
  const delegation = { records: createMemoryRecordsStore(), mailer, mailFrom: 'bot@example.com', ownerTagNames: ['owner'] };
  const help = registerModules(registry, cardActions, SKILL_MODULES, { posture, delegation });
  return { registry, cardActions, help };
}
