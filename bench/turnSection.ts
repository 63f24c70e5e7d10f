// Runs the turn section: each target in turn (never two at once, they share the cores), checked, then loaded.
import { connectionBodies } from './activities';
import type { TurnDetail } from './benchResults';
import type { CardClassifier, ReplyKind } from './cardKind';
import type { Mix } from './mixes';
import { startServer, type RunningServer } from './serverProcess';
import { percentile, round } from './stats';
import { measureTurns, sendOne, type TurnRun } from './turnLoad';
import type { TurnTarget } from './turnTargets';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface TurnSettings {
  connections: number;
  warmupSec: number;
  durationSec: number;
  mix: Mix;
  workDir: string;
  log: (line: string) => void;
  /**
   * Whether a card target answering no prompt with a card stops the run. The full run insists (its numbers would
   * be meaningless); smoke reports it and goes on, since it checks the harness and the output shape.
   */
  requireCards: boolean;
  classifier: CardClassifier;
  /** The kind the bot gave each prompt before the rounds (matched mixes): the bot and the floor must give it again. */
  kinds?: ReadonlyMap<string, ReplyKind>;
  /** Seconds of the sequential run (one connection, kept alive) for targets that have one; 0: none. */
  sequentialSec: number;
}

/** One prompt's answer: its kind (template name, 'text' or 'echo'), size, and the start of a text answer. */
export interface Answer {
  prompt: string;
  kind: ReplyKind;
  bytes: number;
  text: string;
}

/** Sends the setup prompts, then each prompt once, in one conversation; what each prompt was answered with. */
export async function askEach(server: RunningServer, mix: Mix, classifier: CardClassifier, runTag: string): Promise<{ answers: Answer[]; failures: string[] }> {
  const failures: string[] = [];
  for (const body of mix.setup.length > 0 ? connectionBodies(mix.setup, 0, `${runTag}`, { rotate: false }) : []) {
    const answer = await sendOne(server, body);
    if (answer.status !== 200) failures.push(`setup: HTTP ${answer.status} ${answer.error ?? ''}`);
  }
  const answers: Answer[] = [];
  for (const [i, body] of connectionBodies(mix.prompts, 0, runTag).entries()) {
    const prompt = mix.prompts[i] ?? '';
    const answer = await sendOne(server, body);
    if (answer.status !== 200 || !answer.reply) {
      failures.push(`"${prompt}": HTTP ${answer.status} ${answer.error ?? ''}`);
      continue;
    }
    const card = answer.reply.cards[answer.reply.cardContentTypes.indexOf(ADAPTIVE_CARD)];
    const kind = card !== undefined ? classifier.kindOf(card) : answer.reply.text.startsWith('echo: ') ? 'echo' : 'text';
    answers.push({ prompt, kind, bytes: answer.reply.bytes, text: answer.reply.text.slice(0, 120) || answer.reply.types.join(',') });
  }
  return { answers, failures };
}

/** "9 summary, 6 choice, 1 remediation" */
export function kindCounts(answers: readonly Answer[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} ${kind}`).join(', ');
}

const meanBytes = (answers: readonly Answer[]) => round(answers.reduce((sum, a) => sum + a.bytes, 0) / Math.max(1, answers.length), 0);

/** Sends every prompt once; throws when an answer is not what the target must give, so nothing bogus is timed. */
export async function preflight(target: TurnTarget, server: RunningServer, settings: TurnSettings): Promise<{ summary: string; textReplies: string[]; replyBytesMean: number }> {
  const { mix, kinds } = settings;
  const { answers, failures } = await askEach(server, mix, settings.classifier, 'preflight');
  const textReplies = answers.filter((a) => a.kind === 'text').map((a) => `"${a.prompt}": ${a.text}`);
  const cards = answers.filter((a) => a.kind !== 'text' && a.kind !== 'echo').length;
  if (target.expect === 'echo') failures.push(...answers.filter((a) => a.kind !== 'echo').map((a) => `"${a.prompt}": not echoed (${a.kind})`));
  if (target.expect === 'card' && !kinds) failures.push(...answers.filter((a) => a.kind !== 'recommendations').map((a) => `"${a.prompt}": ${a.kind} instead of the list card`));
  if (target.expect !== 'echo' && kinds) {
    // The bot and the mix floor must give each prompt the kind the bot gave it before the rounds.
    failures.push(...answers.filter((a) => kinds.get(a.prompt) !== a.kind).map((a) => `"${a.prompt}": ${a.kind} now, ${kinds.get(a.prompt) ?? 'nothing'} before the rounds`));
  }
  if (target.expect === 'analyze' && mix.allowed) failures.push(...answers.filter((a) => !mix.allowed?.includes(a.kind)).map((a) => `"${a.prompt}": ${a.kind} (${a.text}), not one of ${mix.allowed?.join(', ')}`));
  // The bot rightly answers counts with text; a bot answering nothing with a card is not being measured on analyze.
  if (target.expect === 'analyze' && settings.requireCards && cards === 0) failures.push(`no prompt was answered with a card; e.g. ${textReplies.slice(0, 3).join('; ')}`);
  if (failures.length > 0) throw new Error(`${target.name} did not answer as expected:\n  ${failures.join('\n  ')}`);
  const n = mix.prompts.length;
  const summary = target.expect === 'echo' ? `${n}/${n} echoed` : kinds || mix.allowed ? `${kindCounts(answers)} of ${n}` : `${cards}/${n} answered with a card, ${n - cards} with text`;
  return { summary, textReplies: target.expect === 'echo' ? [] : textReplies, replyBytesMean: meanBytes(answers) };
}

/** Before the rounds of a matched mix: how the bot answers each prompt (the mix floor is then told to answer alike). */
export async function classifyMix(spec: TurnTarget, settings: Pick<TurnSettings, 'mix' | 'workDir' | 'log' | 'classifier'>): Promise<Map<string, ReplyKind>> {
  const server = await startServer(spec.spec(settings.workDir));
  try {
    const { answers, failures } = await askEach(server, settings.mix, settings.classifier, 'classify');
    const stray = answers.filter((a) => settings.mix.allowed && !settings.mix.allowed.includes(a.kind));
    failures.push(...stray.map((a) => `"${a.prompt}": ${a.kind} (${a.text}), not one of ${settings.mix.allowed?.join(', ')}`));
    if (failures.length > 0) throw new Error(`the bot's answers do not fit the ${settings.mix.title} mix:\n  ${failures.join('\n  ')}`);
    settings.log(`  ${settings.mix.title} mix: the bot answers ${kindCounts(answers)} (mean reply ${meanBytes(answers)} bytes)`);
    return new Map(answers.map((a) => [a.prompt, a.kind]));
  } finally {
    await server.stop();
  }
}

/** The sequential run is cut into this many windows (each at least a second), and CPU per turn is their median. */
export const SEQUENTIAL_WINDOWS = 3;

/**
 * One connection, kept alive within each window (autocannon reuses it), one request at a time: no queueing, no
 * batching. One window can be skewed by a collection left over from the concurrent load or by other work on the
 * machine; the median of several windows of the same total length is not. Rates and latencies are the windows' means.
 */
async function measureSequential(server: RunningServer, target: TurnTarget, settings: TurnSettings, load: { prompts: readonly string[]; setup: readonly string[]; warmupSec: number; runTag: string }) {
  const count = Math.max(1, Math.min(SEQUENTIAL_WINDOWS, Math.floor(settings.sequentialSec)));
  const windowSec = settings.sequentialSec / count;
  const runs: TurnRun[] = [];
  for (let i = 0; i < count; i++) {
    // The first window warms up (as the single window did); later ones follow straight on.
    runs.push(await measureTurns(server, { ...load, runTag: `${target.name}-seq`, setup: i === 0 ? load.setup : [], connections: 1, warmupSec: i === 0 ? Math.min(1, settings.warmupSec) : 0, durationSec: windowSec }));
  }
  const mean = (pick: (r: TurnRun) => number, digits: number) => round(runs.reduce((sum, r) => sum + pick(r), 0) / runs.length, digits);
  return {
    cpuMsPerTurn: round(percentile(runs.map((r) => r.cpuMsPerTurn), 50), 3),
    reqPerSec: mean((r) => r.reqPerSec, 1),
    p50Ms: mean((r) => r.p50Ms, 2),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    windows: runs.map((r) => r.cpuMsPerTurn),
  };
}

/** How a target answered before its load (preflight), for its TurnDetail. */
export type Checked = Awaited<ReturnType<typeof preflight>>;

/** The labels and preflight of a target's TurnDetail, around its measured figures. */
export function detailOf(target: TurnTarget, checked: Checked, startupMs: number, run: TurnRun): TurnDetail {
  return { ...run, what: target.what, storage: target.storage, preflight: checked.summary, textReplies: checked.textReplies, replyBytesMean: checked.replyBytesMean, startupMs: Math.round(startupMs) };
}

export async function runTurnTarget(target: TurnTarget, settings: TurnSettings, nodeFlags?: string[]): Promise<TurnDetail> {
  const server = await startServer(target.spec(settings.workDir, nodeFlags));
  try {
    settings.log(`  ${target.name}: started in ${Math.round(server.startupMs)} ms (pid ${server.pid}); preflight`);
    const checked = await preflight(target, server, settings);
    settings.log(`  ${target.name}: ${checked.summary}, mean reply ${checked.replyBytesMean} bytes; load ${settings.warmupSec}+${settings.durationSec} s at ${settings.connections} connections`);
    const load = { prompts: settings.mix.prompts, setup: settings.mix.setup, warmupSec: settings.warmupSec, runTag: target.name };
    const run = await measureTurns(server, { ...load, connections: settings.connections, durationSec: settings.durationSec });
    settings.log(`  ${target.name}: ${run.reqPerSec} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.cpuMsPerTurn} CPU ms/turn, peak RSS ${run.peakRssMb} MB${run.sqlitePerTurn ? `, SQLite per turn ${run.sqlitePerTurn.statements} statements / ${run.sqlitePerTurn.writes} writes / ${run.sqlitePerTurn.commits} commits` : ''}`);
    let sequential: Awaited<ReturnType<typeof measureSequential>> | undefined;
    if (target.sequential && settings.sequentialSec > 0) {
      sequential = await measureSequential(server, target, settings, load);
      settings.log(`  ${target.name} sequential (1 connection): ${sequential.reqPerSec} req/s, p50 ${sequential.p50Ms} ms, ${sequential.cpuMsPerTurn} CPU ms/turn (median of ${sequential.windows.length} windows: ${sequential.windows.join(', ')})`);
    }
    return {
      ...detailOf(target, checked, server.startupMs, run),
      ...(sequential ? { sequential: { cpuMsPerTurn: sequential.cpuMsPerTurn, reqPerSec: sequential.reqPerSec, p50Ms: sequential.p50Ms, requests: sequential.requests } } : {}),
    };
  } finally {
    await server.stop();
  }
}
