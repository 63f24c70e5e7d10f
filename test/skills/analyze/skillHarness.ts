// Runs analyze-skill actions the way the transport does: through the registry, with conversation memory kept
// across calls, replies collected.
import { createActionRegistry, type ActionContext, type PlannedAction } from '../../../src/actions/registry';
import type { PostureEngine } from '../../../src/posture/engine';
import type { Viewer } from '../../../src/posture/viewer';
import { helpCatalogOf } from '../../../src/actions/skillModule';
import { analyzeModule } from '../../../src/skills/analyze/module';
import { helpModule } from '../../../src/skills/help/module';
import type { Reply } from '../../../src/views/reply';

export function skillHarness(engine: PostureEngine, viewer: Viewer = { displayName: 'analyst' }) {
  const registry = createActionRegistry<Reply>();
  // The analyze module, and help for its polite refusals (outOfScope).
  const modules = [analyzeModule, helpModule];
  const help = helpCatalogOf(modules);
  for (const module of modules) for (const action of module.create({ engine, help }).actions) registry.register(action);
  const memory = new Map<string, unknown>();
  const replies: Reply[] = [];
  const context: ActionContext<Reply> = {
    viewer,
    actor: { id: 'analyst-1', name: 'analyst' },
    conversationId: 'conversation-1',
    reply: async (reply) => {
      replies.push(JSON.parse(JSON.stringify(reply)) as Reply);
    },
    conversation: {
      get: <T>(key: string) => memory.get(key) as T | undefined,
      // Conversation state is saved as JSON between turns: keep only what survives that.
      set: <T>(key: string, value: T) => void memory.set(key, JSON.parse(JSON.stringify(value))),
      delete: (key: string) => void memory.delete(key),
    },
  };
  return {
    memory,
    replies,
    async run(name: string, parameters: unknown = {}): Promise<Reply> {
      const action: PlannedAction = { name, parameters };
      const before = replies.length;
      await registry.run(action, context);
      const reply = replies[before];
      if (!reply) throw new Error(`${name} sent no reply`);
      return reply;
    },
  };
}

export function cardModel<T extends Reply>(reply: T, template: string): Record<string, unknown> {
  if (reply.kind !== 'card' || reply.card.template !== template) throw new Error(`expected a ${template} card, got ${JSON.stringify(reply).slice(0, 200)}`);
  return reply.card.model as unknown as Record<string, unknown>;
}
