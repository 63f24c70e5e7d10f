// Command-line options of `npm run bench`, and the two presets (full, smoke).
import { MIX_NAMES, isMixName, type MixName } from './mixes';

export interface BenchOptions {
  mode: 'full' | 'smoke';
  connections: number;
  warmupSec: number;
  durationSec: number;
  /** Times the four turn targets are measured, one after another; the results are combined. */
  rounds: number;
  scaleRows: number[];
  /** Engine runs of each representative query per size. */
  engineRuns: number;
  /** Whole-turn repetitions of each representative prompt per size. */
  turnReps: number;
  /**
   * Rounds of the load-CPU ratio per size: each round loads the export in a fresh process beside a fresh parse-only
   * floor (and on one thread too, where the file loads on two); the ratio is their median with its spread.
   */
  loadRounds: number;
  startupSamples: number;
  /** Run the bot once more under load with --cpu-prof and summarize the profile. */
  profile: boolean;
  sections: Array<'turn' | 'scale'>;
  /** Where results go; the full run writes bench/results/latest.*, smoke a git-ignored file. */
  outBase?: string;
  /**
   * Which prompts the turn load sends (bench/mixes.ts): the analyze mix (real: lists, counts, breakdowns), list cards
   * only, details, counts and breakdowns, or summarize/remediate; all but analyze measure turns only, each into its
   * own results file.
   */
  mix: MixName;
  /** Seconds of the sequential run (one kept-alive connection) of the bare echo and the card floor; 0: none. */
  sequentialSec: number;
  /** How many times a round found contended is run again (its figures set aside) before one is kept, marked. */
  repeatContended: number;
  /** Before each round: most cores' worth of other work tolerated, and how long to wait for it to go. */
  gate: { maxOtherCores: number; maxWaitSec: number };
  /**
   * The paired schedule (bench/pairedRounds.ts): every server up at once, warmed once (warmupSec each), then each
   * round is `cycles` cycles of short measured windows of `windowSec`, each after `windowWarmupSec` of unmeasured
   * load, in the order T E C B B C E T. windowSec 0: the serial schedule, each target in its own process and one
   * window a round, one after another.
   */
  paired: { windowSec: number; cycles: number; windowWarmupSec: number };
}

const FULL: BenchOptions = {
  mode: 'full', connections: 10, warmupSec: 10, durationSec: 10, rounds: 3, scaleRows: [10_000, 100_000, 1_000_000],
  engineRuns: 50, turnReps: 5, loadRounds: 3, startupSamples: 3, profile: true, sections: ['turn', 'scale'], mix: 'analyze',
  gate: { maxOtherCores: 0.3, maxWaitSec: 60 }, sequentialSec: 6, repeatContended: 2,
  paired: { windowSec: 2.5, cycles: 2, windowWarmupSec: 0.5 },
};
const SMOKE: BenchOptions = {
  mode: 'smoke', connections: 4, warmupSec: 0.5, durationSec: 2, rounds: 1, scaleRows: [2_000],
  engineRuns: 5, turnReps: 1, loadRounds: 1, startupSamples: 1, profile: false, sections: ['turn', 'scale'], mix: 'analyze',
  gate: { maxOtherCores: 0.3, maxWaitSec: 0 }, sequentialSec: 1, repeatContended: 0,
  paired: { windowSec: 0.5, cycles: 1, windowWarmupSec: 0.2 },
};

export const USAGE = `usage: node dist/bench/run.js [--smoke] [--only turn|scale] [--profile|--no-profile] [--duration SEC] [--rounds N] [--scale N,N,...] [--load-rounds N] [--mix ${MIX_NAMES.join('|')}] [--sequential SEC] [--repeat-contended N] [--max-other-cores N] [--gate-wait SEC] [--window SEC (0: serial)] [--cycles N] [--window-warmup SEC] [--out PATH_WITHOUT_EXT]`;

function positiveNumber(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number (got ${value ?? 'nothing'})\n${USAGE}`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...(argv.includes('--smoke') ? SMOKE : FULL) };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--smoke':
        break;
      case '--no-profile':
        options.profile = false;
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--only':
        if (value !== 'turn' && value !== 'scale') throw new Error(`--only takes turn or scale\n${USAGE}`);
        options.sections = [value];
        i++;
        break;
      case '--rounds':
        options.rounds = Math.round(positiveNumber(flag, value));
        i++;
        break;
      case '--load-rounds':
        options.loadRounds = Math.round(positiveNumber(flag, value));
        i++;
        break;
      case '--duration':
        options.durationSec = positiveNumber(flag, value);
        i++;
        break;
      case '--scale':
        options.scaleRows = (value ?? '').split(',').map((s) => Math.round(positiveNumber(flag, s)));
        i++;
        break;
      case '--mix':
        if (!isMixName(value)) throw new Error(`--mix takes ${MIX_NAMES.join(', ')}\n${USAGE}`);
        options.mix = value;
        // Every mix but analyze measures turns only, without the profile, into its own results file; startup is
        // judged in the full run, so one sample (the bot's first start) is enough here.
        if (value !== 'analyze') Object.assign(options, { sections: ['turn'], profile: false, startupSamples: 1 });
        i++;
        break;
      case '--sequential':
        options.sequentialSec = Number(value) === 0 ? 0 : positiveNumber(flag, value);
        i++;
        break;
      case '--repeat-contended':
        options.repeatContended = Number(value) === 0 ? 0 : Math.round(positiveNumber(flag, value));
        i++;
        break;
      case '--max-other-cores':
        options.gate = { ...options.gate, maxOtherCores: positiveNumber(flag, value) };
        i++;
        break;
      case '--gate-wait':
        options.gate = { ...options.gate, maxWaitSec: Number(value) >= 0 ? Number(value) : positiveNumber(flag, value) };
        i++;
        break;
      case '--window':
        options.paired = { ...options.paired, windowSec: Number(value) === 0 ? 0 : positiveNumber(flag, value) };
        i++;
        break;
      case '--cycles':
        options.paired = { ...options.paired, cycles: Math.round(positiveNumber(flag, value)) };
        i++;
        break;
      case '--window-warmup':
        options.paired = { ...options.paired, windowWarmupSec: Number(value) === 0 ? 0 : positiveNumber(flag, value) };
        i++;
        break;
      case '--out':
        if (!value || value.startsWith('--')) throw new Error(`--out needs a path\n${USAGE}`);
        options.outBase = value;
        i++;
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}
