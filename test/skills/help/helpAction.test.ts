// The help action as a plain skill: no transport, just the reply it hands back.
import { createActionRegistry } from '../../../src/actions/registry';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { skillHelp } from '../../../src/skillModules';
import { buildWelcomeView, createHelpAction } from '../../../src/skills/help/helpAction';
import { createOutOfScopeAction } from '../../../src/skills/help/outOfScope';
import type { Reply } from '../../../src/views/reply';

function context() {
  const replies: Reply[] = [];
  const memory = new Map<string, unknown>();
  return {
    replies,
    ctx: {
      viewer: SYSTEM_VIEWER,
      actor: { id: 'user-1' },
      conversationId: 'c1',
      reply: async (r: Reply) => void replies.push(r),
      conversation: { get: <T>(k: string) => memory.get(k) as T | undefined, set: (k: string, v: unknown) => void memory.set(k, v), delete: (k: string) => void memory.delete(k) },
    },
  };
}

describe('help action', () => {
  const help = skillHelp();
  const registry = createActionRegistry<Reply>();
  registry.register(createHelpAction(help));
  registry.register(createOutOfScopeAction(help));

  it('replies with the help card listing every sample prompt as a button', async () => {
    const { ctx, replies } = context();
    await registry.run({ name: 'help', parameters: {} }, ctx);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    if (reply.kind !== 'card' || reply.card.template !== 'help') throw new Error('expected the help card');
    expect(reply.card.model.promptRows.flatMap((r) => r.buttons).map((p) => p.ref)).toEqual(help.samples.map((p) => p.ref));
    expect(reply.card.model.capabilities.length).toBeGreaterThan(0);
    for (const s of reply.suggestions ?? []) expect(help.samples.map((p) => p.prompt)).toContain(s);
  });

  it('takes no parameters', () => {
    expect(() => registry.validate({ name: 'help', parameters: { topic: 'x' } })).toThrow(/help action got a value it does not accept/);
  });

  it('words the welcome for where the bot was added', () => {
    expect(buildWelcomeView('personal', help).howToAsk).not.toMatch(/mention/i);
    expect(buildWelcomeView('groupChat', help).howToAsk).toMatch(/mention/i);
    expect(buildWelcomeView('personal', help).promptRows.flatMap((r) => r.buttons).map((p) => p.ref)).toEqual(help.samples.map((p) => p.ref));
  });

  it('declines with what the registered modules can do, and their sample prompts as suggestions', async () => {
    const { ctx, replies } = context();
    await registry.run({ name: 'outOfScope', parameters: { reason: 'notPosture' } }, ctx);
    const reply = replies[0];
    if (reply?.kind !== 'text') throw new Error('expected a text reply');
    expect(reply.text).toMatch(/^Sorry, I can't assist with that\. I can list your Defender for Cloud recommendations .*, record an owner and a due date for one, explain one in plain words or script its fix, email its owner a fix request and track it to a verified fix and fix IaC findings with a pull request\.$/);
    for (const entry of help.entries) if (entry.canDo) expect(reply.text).toContain(entry.canDo);
    expect(reply.suggestions).toEqual([help.samples[0]?.prompt, help.samples[1]?.prompt, 'Help']);
  });
});
