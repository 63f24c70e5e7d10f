// Smoke (CI): every mix but the one loaded, asked once of one bot and of one mix floor, without a load. Checks that
// the prompts still get the kinds of answer their mix is about and that the floor answers each with the same kind,
// so a planner or card change that breaks a mix shows in CI, in seconds rather than a full run. One floor process
// answers every mix (its prompts differ), to keep smoke short.
import type { MixCheck } from './benchResults';
import type { CardClassifier } from './cardKind';
import { MIX_NAMES, mixNamed, resolveMix, type Mix, type MixName } from './mixes';
import { startServer } from './serverProcess';
import { askEach, kindCounts, type Answer } from './turnSection';
import { botTarget, turnTargets } from './turnTargets';

const mean = (answers: readonly Answer[]) => Math.round(answers.reduce((sum, a) => sum + a.bytes, 0) / Math.max(1, answers.length));

export async function checkMixes(skip: MixName, context: { workDir: string; classifier: CardClassifier; log: (line: string) => void }): Promise<MixCheck[]> {
  const mixes: Mix[] = await Promise.all(MIX_NAMES.filter((n) => n !== skip && n !== 'analyze').map((n) => resolveMix(mixNamed(n))));
  const bot = await startServer(botTarget().spec(context.workDir));
  const fromBot = new Map<MixName, Answer[]>();
  try {
    for (const mix of mixes) {
      const asked = await askEach(bot, mix, context.classifier, `check-${mix.name}`);
      const stray = asked.answers.filter((a) => mix.allowed && !mix.allowed.includes(a.kind)).map((a) => `"${a.prompt}": ${a.kind} (${a.text})`);
      if (asked.failures.length + stray.length > 0) throw new Error(`mix ${mix.name}: the bot's answers do not fit it:\n  ${[...asked.failures, ...stray].join('\n  ')}`);
      fromBot.set(mix.name, asked.answers);
    }
  } finally {
    await bot.stop();
  }
  // What each prompt must get from the floor: the bot's kind (matched mixes), the list card (list mix); setup prompts a list.
  const kinds = new Map<string, string>();
  for (const mix of mixes) {
    for (const prompt of mix.setup) kinds.set(prompt, 'recommendations');
    for (const a of fromBot.get(mix.name) ?? []) kinds.set(a.prompt, mix.floor === 'matched' ? a.kind : 'recommendations');
  }
  const floorTarget = turnTargets(kinds).find((t) => t.name === 'cardFloor');
  if (!floorTarget) throw new Error('no card floor target');
  const floor = await startServer(floorTarget.spec(context.workDir));
  const checks: MixCheck[] = [];
  try {
    for (const mix of mixes) {
      const asked = await askEach(floor, mix, context.classifier, `check-${mix.name}`);
      const wrong = asked.answers.filter((a) => a.kind !== kinds.get(a.prompt)).map((a) => `"${a.prompt}": ${a.kind}, the bot's was ${kinds.get(a.prompt) ?? 'nothing'}`);
      if (asked.failures.length + wrong.length > 0) throw new Error(`mix ${mix.name}: the floor does not answer as the bot does:\n  ${[...asked.failures, ...wrong].join('\n  ')}`);
      const botAnswers = fromBot.get(mix.name) ?? [];
      const check = { mix: mix.name, bot: kindCounts(botAnswers), botReplyBytesMean: mean(botAnswers), floor: kindCounts(asked.answers), floorReplyBytesMean: mean(asked.answers) };
      context.log(`  mix ${mix.name}: bot ${check.bot} (mean ${check.botReplyBytesMean} bytes); floor ${check.floor} (mean ${check.floorReplyBytesMean} bytes)`);
      checks.push(check);
    }
  } finally {
    await floor.stop();
  }
  return checks;
}
