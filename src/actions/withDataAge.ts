// Registers skill actions so that their answers on posture data say how old that data is: each read action's replies
// that show data (a data card, or text about recommendations) get the note `note(viewer)` gives (none for the demo
// tenant or an export). Card buttons resolve to these same actions, so pressed buttons' answers carry it too.
import type { z } from 'zod';
import type { Viewer } from '../posture/viewer';
import type { CardTemplateName, Reply } from '../views/reply';
import type { ActionDefinition, ActionRegistry } from './registry';

/** Cards that show posture data (not help, choices, confirmations or forms). */
const DATA_CARDS: ReadonlySet<CardTemplateName> = new Set(['recommendations', 'details', 'breakdown', 'summary', 'remediation', 'vulnerabilities', 'resources', 'attackPaths', 'changes', 'executiveSummary', 'secureScore']);

const showsData = (reply: Reply): boolean => (reply.kind === 'card' ? DATA_CARDS.has(reply.card.template) : (reply.recommendationIds?.length ?? 0) > 0);

export function withDataAge(registry: ActionRegistry<Reply>, note: (viewer: Viewer) => string | undefined): ActionRegistry<Reply> {
  const wrap = <S extends z.ZodTypeAny>(definition: ActionDefinition<S, Reply>): ActionDefinition<S, Reply> => {
    if (definition.sideEffects) return definition;
    return {
      ...definition,
      handler: (params, context) =>
        definition.handler(params, {
          ...context,
          reply: (message) => {
            const dataAge = showsData(message) ? note(context.viewer) : undefined;
            return context.reply(dataAge ? { ...message, dataAge } : message);
          },
        }),
    };
  };
  return { ...registry, register: (definition) => registry.register(wrap(definition)) };
}
