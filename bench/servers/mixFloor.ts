// Floor for a mix of answer kinds (details, counts and breakdowns, summaries and fixes): the card floor's shell
// (the bot's HTTP server, endpoint and adapter around a teams-ai echo with MemoryStorage) answering each prompt with a fixed reply of the kind the bot gives it, rendered by
// the bot's own renderer and reply mapping. Which kind each prompt gets comes from BENCH_FLOOR_KINDS (JSON, prompt
// text -> kind), set by the bench from how the bot answered the same prompts before the rounds: one map lookup a
// turn, no query, no planner.
import { MemoryStorage } from 'botbuilder';
import { Application } from '@microsoft/teams-ai';
import { createCardRenderer } from '../../src/cards/cardRenderer';
import { projectPath } from '../../src/paths';
import { toActivity } from '../../src/teams/replyActivity';
import { fixedReplies, isFloorKind } from './fixedReplies';
import { startBotShellServer } from './floorHttp';

function kindsFromEnv(): Map<string, string> {
  const parsed: unknown = JSON.parse(process.env.BENCH_FLOOR_KINDS ?? '{}');
  if (typeof parsed !== 'object' || parsed === null) throw new Error('BENCH_FLOOR_KINDS must be a JSON object');
  const kinds = new Map(Object.entries(parsed as Record<string, unknown>).map(([prompt, kind]) => [prompt, String(kind)]));
  for (const [prompt, kind] of kinds) if (!isFloorKind(kind)) throw new Error(`no fixed reply of kind ${kind} (for "${prompt}")`);
  return kinds;
}

function main(): void {
  const cards = createCardRenderer({ dir: projectPath('adaptiveCards') });
  const replies = fixedReplies();
  const activities = new Map([...kindsFromEnv()].map(([prompt, kind]) => [prompt, isFloorKind(kind) ? replies[kind] : undefined]));
  startBotShellServer((adapter) => {
    const app = new Application({ adapter, storage: new MemoryStorage(), startTypingTimer: false });
    app.message(/.*/, async (context) => {
      const reply = activities.get(context.activity.text ?? '');
      await context.sendActivity(reply ? toActivity(reply, cards) : `no fixed reply for "${context.activity.text ?? ''}"`);
    });
    return app;
  });
}

main();
