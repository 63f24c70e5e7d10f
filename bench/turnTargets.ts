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
  spec(workDir: string, nodeFlags?: string[]): ServerSpec;
}

const floor = (name: TurnTargetName, file: string, what: string, storage: string, expect: TurnTarget['expect']): TurnTarget => ({
  name,
  what,
  storage,
  expect,
  spec: (workDir, nodeFlags) => ({
    name,
    script: join(__dirname, 'servers', `${file}.js`),
    healthPath: '/healthz',
    logFile: join(workDir, 'logs', `${name}.log`),
    ...(nodeFlags ? { nodeFlags } : {}),
  }),
});

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

export function turnTargets(): TurnTarget[] {
  return [
    floor('echoFloor', 'echoFloor', 'botbuilder CloudAdapter + ActivityHandler echo', 'none', 'echo'),
    floor('teamsAiFloor', 'teamsAiFloor', 'teams-ai Application echo', 'MemoryStorage (turn state loaded and saved)', 'echo'),
    floor('cardFloor', 'cardFloor', 'teams-ai echo sending the card from a fixed view model', 'MemoryStorage (turn state loaded and saved)', 'card'),
    {
      name: 'analyze',
      what: 'posture-bot on the demo tenant (npm start configuration)',
      storage: "the bot's own (SQLite conversation state in DATA_DIR)",
      expect: 'analyze',
      // A fresh DATA_DIR per start: a later round must not inherit the earlier one's SQLite rows.
      spec: (workDir, nodeFlags) => botSpec('analyze', workDir, { dataDir: mkdtempSync(join(workDir, 'data-analyze-')), ...(nodeFlags ? { nodeFlags } : {}) }),
    },
  ];
}
