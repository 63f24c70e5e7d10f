// Runs the turn section: each target in turn (never two at once, they share the cores), checked, then loaded.
import { connectionBodies } from './activities';
import type { TurnDetail } from './benchResults';
import { startServer } from './serverProcess';
import { measureTurns, sendOne } from './turnLoad';
import type { TurnTarget } from './turnTargets';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface TurnSettings {
  connections: number;
  warmupSec: number;
  durationSec: number;
  prompts: readonly string[];
  workDir: string;
  log: (line: string) => void;
  /**
   * Whether a card target answering no prompt with a card stops the run. The full run insists (its numbers would
   * be meaningless); smoke reports it and goes on, since it checks the harness and the output shape.
   */
  requireCards: boolean;
  /** Every prompt must be answered with a card (the list and remediate mixes): a text answer stops the run. */
  allCards?: boolean;
}

/** Sends every prompt once; throws when an answer is not what the target must give, so nothing bogus is timed. */
async function preflight(
  target: TurnTarget,
  server: Awaited<ReturnType<typeof startServer>>,
  prompts: readonly string[],
  requireCards: boolean,
  allCards = false,
): Promise<{ summary: string; textReplies: string[] }> {
  const bodies = connectionBodies(prompts, 0, 'preflight');
  let cards = 0;
  const failures: string[] = [];
  const textReplies: string[] = [];
  for (const [i, body] of bodies.entries()) {
    const answer = await sendOne(server, body);
    const prompt = prompts[i] ?? '';
    if (answer.status !== 200 || !answer.reply) failures.push(`"${prompt}": HTTP ${answer.status} ${answer.error ?? ''}`);
    else if (answer.reply.cardContentTypes.includes(ADAPTIVE_CARD)) cards++;
    else textReplies.push(`"${prompt}": ${answer.reply.text.slice(0, 120) || answer.reply.types.join(',')}`);
  }
  if (target.expect === 'echo') failures.push(...textReplies.filter((t) => !t.includes('echo: ')));
  if (target.expect === 'card' || (target.expect === 'analyze' && allCards)) failures.push(...textReplies);
  // The bot rightly answers counts with text; a bot answering nothing with a card is not being measured on analyze.
  if (target.expect === 'analyze' && requireCards && cards === 0) failures.push(`no prompt was answered with a card; e.g. ${textReplies.slice(0, 3).join('; ')}`);
  if (failures.length > 0) throw new Error(`${target.name} did not answer as expected:\n  ${failures.join('\n  ')}`);
  if (target.expect === 'echo') return { summary: `${prompts.length}/${prompts.length} echoed`, textReplies: [] };
  return { summary: `${cards}/${prompts.length} answered with a card, ${prompts.length - cards} with text`, textReplies };
}

export async function runTurnTarget(target: TurnTarget, settings: TurnSettings, nodeFlags?: string[]): Promise<TurnDetail> {
  const server = await startServer(target.spec(settings.workDir, nodeFlags));
  try {
    settings.log(`  ${target.name}: started in ${Math.round(server.startupMs)} ms (pid ${server.pid}); preflight`);
    const checked = await preflight(target, server, settings.prompts, settings.requireCards, settings.allCards);
    settings.log(`  ${target.name}: ${checked.summary}; load ${settings.warmupSec}+${settings.durationSec} s at ${settings.connections} connections`);
    const run = await measureTurns(server, {
      prompts: settings.prompts,
      connections: settings.connections,
      warmupSec: settings.warmupSec,
      durationSec: settings.durationSec,
      runTag: target.name,
    });
    settings.log(`  ${target.name}: ${run.reqPerSec} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.cpuMsPerTurn} CPU ms/turn, peak RSS ${run.peakRssMb} MB${run.sqlitePerTurn ? `, SQLite per turn ${run.sqlitePerTurn.statements} statements / ${run.sqlitePerTurn.writes} writes / ${run.sqlitePerTurn.commits} commits` : ''}`);
    return { ...run, what: target.what, storage: target.storage, preflight: checked.summary, textReplies: checked.textReplies, startupMs: Math.round(server.startupMs) };
  } finally {
    await server.stop();
  }
}
