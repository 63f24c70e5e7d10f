// The four servers the turn section measures, each started as its own process with the probe preloaded.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../src/paths';
import type { TurnTargetName } from './benchResults';
import type { ServerSpec } from './serverProcess';

export interface TurnTarget {
  name: TurnTargetName;
  what: string;
  storage: string;
  /** Floors: every reply an echo, or every reply a card. The bot: cards for lists, text for counts. */
  expect: 'echo' | 'card' | 'analyze';
  /** Also measured sequentially, on one kept-alive connection (the floors the sequential target compares). */
  sequential?: boolean;
  spec(workDir: string, nodeFlags?: string[]): ServerSpec;
}

const floor = (name: TurnTargetName, file: string, what: string, storage: string, expect: TurnTarget['expect'], env?: Record<string, string>): TurnTarget => ({
  name,
  what,
  storage,
  expect,
  ...(name !== 'teamsAiFloor' ? { sequential: true } : {}),
  spec: (workDir, nodeFlags) => ({
    name,
    script: join(__dirname, 'servers', `${file}.js`),
    healthPath: '/healthz',
    logFile: join(workDir, 'logs', `${name}.log`),
    ...(env ? { env } : {}),
    ...(nodeFlags ? { nodeFlags } : {}),
  }),
});

const MEMORY = 'MemoryStorage (turn state loaded and saved)';

/**
 * The card floor of a mix: the list card for every prompt, or (matched mixes) the mix floor answering each prompt
 * with a fixed reply of the kind the bot gave it (`kinds`, from classifyMix).
 */
function cardFloor(kinds?: ReadonlyMap<string, string>): TurnTarget {
  if (!kinds) return floor('cardFloor', 'cardFloor', "the bot's HTTP shell and adapter, teams-ai echo sending the list card from a fixed view model", MEMORY, 'card');
  const counts = new Map<string, number>();
  for (const kind of kinds.values()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const what = `the bot's HTTP shell and adapter, teams-ai echo answering each prompt with a fixed reply of the bot's kind (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')})`;
  return floor('cardFloor', 'mixFloor', what, MEMORY, 'card', { BENCH_FLOOR_KINDS: JSON.stringify(Object.fromEntries(kinds)) });
}

/**
 * The bot as `npm start` runs it (dist/src/index.js, env/.env.local through the bot's own config loader), with
 * only what a bench must change: a free PORT, loopback HOST, a scratch DATA_DIR, and the posture data chosen.
 */
export function botSpec(name: string, workDir: string, options: { snapshot?: string; nodeFlags?: string[]; dataDir: string }): ServerSpec {
  return {
    name,
    script: projectPath('dist', 'src', 'index.js'),
    healthPath: '/healthz',
    logFile: join(workDir, 'logs', `${name}.log`),
    env: { HOST: '127.0.0.1', DATA_DIR: options.dataDir, POSTURE_SNAPSHOT: options.snapshot ?? '' },
    ...(options.nodeFlags ? { nodeFlags: options.nodeFlags } : {}),
    startTimeoutMs: 120_000,
  };
}

/** The bot as the turn section measures it: the demo tenant, a fresh DATA_DIR per start. */
export function botTarget(): TurnTarget {
  return {
    name: 'analyze',
    what: 'posture-bot on the demo tenant (npm start configuration)',
    storage: "the bot's own (SQLite conversation state in DATA_DIR)",
    expect: 'analyze',
    // A fresh DATA_DIR per start: a later round must not inherit the earlier one's SQLite rows.
    spec: (workDir, nodeFlags) => botSpec('analyze', workDir, { dataDir: mkdtempSync(join(workDir, 'data-analyze-')), ...(nodeFlags ? { nodeFlags } : {}) }),
  };
}

/**
 * The durable floor: the bot's own composition and storage (a fresh DATA_DIR per start, as the bot's) with a fixed
 * plan that sends the card floor's list card (bench/servers/durableFloor.ts).
 */
export function durableFloorTarget(): TurnTarget {
  return {
    name: 'durableFloor',
    what: "the bot's composition, gates and SQLite state, planning one fixed action: the card floor's list card",
    storage: "the bot's own (SQLite conversation state in DATA_DIR)",
    expect: 'card',
    spec: (workDir, nodeFlags) => ({
      ...botSpec('durableFloor', workDir, { dataDir: mkdtempSync(join(workDir, 'data-durable-')), ...(nodeFlags ? { nodeFlags } : {}) }),
      script: join(__dirname, 'servers', 'durableFloor.js'),
    }),
  };
}

export function turnTargets(kinds?: ReadonlyMap<string, string>): TurnTarget[] {
  return [
    floor('echoFloor', 'echoFloor', 'botbuilder CloudAdapter + ActivityHandler echo', 'none', 'echo'),
    floor('teamsAiFloor', 'teamsAiFloor', 'teams-ai Application echo', MEMORY, 'echo'),
    cardFloor(kinds),
    botTarget(),
  ];
}
