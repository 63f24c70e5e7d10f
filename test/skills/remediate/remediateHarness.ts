// Runs whole turns the way the transport does, without botbuilder: the message is planned by the keyless planner,
// the plan runs through the real registry with every registered module, card buttons resolve through the real
// card-action router; conversation memory survives turns as JSON, as conversation state does.
import type { ActionContext } from '../../../src/actions/registry';
import { readActiveList } from '../../../src/planner/activeList';
import { planMessage } from '../../../src/planner/planMessage';
import type { PostureEngine } from '../../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import type { Reply } from '../../../src/views/reply';
import { moduleRegistry } from '../../support/moduleRegistry';

export function remediateHarness(engine: PostureEngine) {
  const { registry, cardActions } = moduleRegistry(engine);
  const memory: Record<string, unknown> = {};
  const replies: Reply[] = [];
  const context = (pressed: boolean): ActionContext<Reply> => ({
    viewer: SYSTEM_VIEWER,
    actor: { id: 'analyst-1', name: 'analyst' },
    conversationId: 'conversation-1',
    pressed,
    reply: async (reply) => void replies.push(JSON.parse(JSON.stringify(reply)) as Reply),
    conversation: {
      get: <T>(key: string) => memory[key] as T | undefined,
      set: <T>(key: string, value: T) => void (memory[key] = JSON.parse(JSON.stringify(value))),
      delete: (key: string) => void delete memory[key],
    },
  });
  async function collect(run: () => Promise<void>): Promise<Reply[]> {
    const before = replies.length;
    await run();
    return replies.slice(before);
  }
  return {
    /** One typed message: planned, then run. Returns the plan and the replies. */
    async say(text: string) {
      const activeList = readActiveList(memory);
      const plan = planMessage(text, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: activeList !== undefined, ...(activeList ? { activeList } : {}) });
      const sent = await collect(async () => {
        for (const action of plan) await registry.run(action, context(false));
      });
      return { plan, replies: sent };
    },
    /** What a button's data resolves to, without running it. */
    resolve: (data: Record<string, unknown>) => cardActions.resolve(data, { conversation: context(true).conversation, viewer: SYSTEM_VIEWER }),
    /** One button press: the card's data through the router, then the action it resolves to. */
    async press(data: Record<string, unknown>) {
      return collect(async () => {
        const outcome = await cardActions.resolve(data, { conversation: context(true).conversation, viewer: SYSTEM_VIEWER });
        if (outcome.kind !== 'action') throw new Error(`button resolved to ${outcome.kind}`);
        await registry.run(outcome.action, context(true));
      });
    },
  };
}
