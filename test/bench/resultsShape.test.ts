import { checkResultsShape } from '../../bench/resultsShape';
import { renderMarkdown } from '../../bench/resultsMarkdown';
import { sampleResults } from './sampleResults';

const SIZES = [10_000, 100_000, 1_000_000];

describe('results shape', () => {
  it('accepts a complete document', () => {
    expect(checkResultsShape(sampleResults(), SIZES)).toEqual([]);
  });

  it('names a missing turn metric', () => {
    const doc = sampleResults() as unknown as { turn: { analyze: Record<string, unknown> } };
    delete doc.turn.analyze.cpuMsPerTurn;
    expect(checkResultsShape(doc, SIZES)).toEqual([expect.stringContaining('turn.analyze.cpuMsPerTurn')]);
  });

  it('refuses NaN and negative numbers (a failed measurement must not pass as a result)', () => {
    const doc = sampleResults();
    doc.turn.cardFloor.p99Ms = Number.NaN;
    doc.scale.rows_10000!.engine.p95Ms = -1;
    const problems = checkResultsShape(doc, SIZES);
    expect(problems.some((p) => p.startsWith('turn.cardFloor.p99Ms'))).toBe(true);
    expect(problems.some((p) => p.startsWith('scale.rows_10000.engine.p95Ms'))).toBe(true);
  });

  it('renders a scoped viewer\'s queries beside the rest, and accepts the document', () => {
    const doc = sampleResults();
    doc.scaleDetails.rows_1000000 = { ...doc.scaleDetails.rows_1000000!, scoped: { scope: 'one subscription (Prod)', visibleRows: 171234, queries: [{ name: 'by owner', resultCount: 7, p50Ms: 1.5, p95Ms: 6.25 }] } };
    expect(checkResultsShape(doc, SIZES)).toEqual([]);
    const markdown = renderMarkdown(doc);
    expect(markdown).toContain('access scope is one subscription (Prod): 171234 of the rows visible');
    expect(markdown).toContain('| by owner | 7 | 1.5 | 6.25 |');
  });

  it('renders the on-CPU profile per area, the bot against its floors, largest difference to the durable floor first', () => {
    const doc = sampleResults();
    const target = (name: string, cpuMsPerTurn: number, areas: Array<[string, number]>) => ({
      name,
      cpuMsPerTurn,
      requests: 1000,
      samples: 500,
      byArea: areas.map(([area, msPerTurn]) => ({ name: area, pct: Math.round((msPerTurn / cpuMsPerTurn) * 1000) / 10, msPerTurn })),
      byLeaf: [{ name: 'SQLite (native)', pct: 10, msPerTurn: cpuMsPerTurn / 10 }],
    });
    doc.onCpu = {
      how: 'perf, how',
      mix: 'list-card',
      targets: [
        target('analyze', 1, [['src/teams', 0.2], ['src/storage', 0.3], ['src/planner', 0.1]]),
        target('durableFloor', 0.5, [['src/teams', 0.15], ['src/storage', 0.1]]),
        target('cardFloor', 0.3, [['src/teams', 0.1]]),
      ],
    };
    expect(checkResultsShape(doc, SIZES)).toEqual([]);
    const md = renderMarkdown(doc);
    expect(md).toContain('## On-CPU profile of the list-card turn: the bot against its floors');
    expect(md).toContain('| all (probe CPU per turn) | 1 | 0.5 | 0.3 | 0.5 |');
    const rows = md.split('\n').filter((line) => /^\| src\//.test(line));
    expect(rows.slice(0, 3)).toEqual(['| src/storage | 0.3 | 0.1 | 0 | 0.2 |', '| src/planner | 0.1 | 0 | 0 | 0.1 |', '| src/teams | 0.2 | 0.15 | 0.1 | 0.05 |']);
    expect(md).toContain('| SQLite (native) | 0.1 | 0.05 | 0.03 | 0.05 |');
  });

  it('requires every scale size the run was asked for', () => {
    const doc = sampleResults();
    delete doc.scale.rows_1000000;
    expect(checkResultsShape(doc, SIZES)).toEqual(['scale.rows_1000000: missing']);
    expect(checkResultsShape(doc, [10_000, 100_000])).toEqual([]);
  });

  it('refuses unknown fields inside the fixed entries and a bad date', () => {
    const doc = sampleResults() as unknown as { turn: { echoFloor: Record<string, unknown> }; date: string };
    doc.turn.echoFloor.extra = 1;
    doc.date = 'yesterday';
    const problems = checkResultsShape(doc, SIZES);
    expect(problems.some((p) => p.startsWith('turn.echoFloor'))).toBe(true);
    expect(problems.some((p) => p.startsWith('date'))).toBe(true);
  });

  it('refuses something that is not a results document at all', () => {
    expect(checkResultsShape(null, []).length).toBeGreaterThan(0);
    expect(checkResultsShape({}, [2000])).toContain('scale.rows_2000: missing');
  });
});

describe('per-round diagnostics in the results', () => {
  const ref = { aluMs: 36, cacheMs: 20, memMs: 30, wallToCpu: 1 };
  const window = {
    wallMs: 10_000,
    gc: { count: 1, ms: 2, majorCount: 0, majorMs: 0 },
    rusage: { voluntaryCtx: 1, involuntaryCtx: 1, minorFaults: 1, majorFaults: 0, fsWrite: 0, fsRead: 0 },
    elu: 0.5,
    heapUsedMbStart: 10,
    heapUsedMbEnd: 11,
    subWindows: [{ ms: 2000, cpuMs: 100, turns: 50, gcMs: 1 }],
  };

  it('accepts rounds whose targets carry their window, and refuses a target without one', () => {
    const doc = sampleResults() as unknown as Record<string, unknown>;
    doc.roundDetails = [{ round: 1, benchHeapMb: 20, targets: { analyze: { cpuMsPerTurn: 4, serverCpuCores: 1, requests: 100, window, referenceBefore: ref, referenceAfter: ref } } }];
    expect(checkResultsShape(doc, SIZES)).toEqual([]);
    doc.roundDetails = [{ round: 1, benchHeapMb: 20, targets: { analyze: { cpuMsPerTurn: 4, serverCpuCores: 1, requests: 100, referenceBefore: ref, referenceAfter: ref } } }];
    expect(checkResultsShape(doc, SIZES)).toEqual([expect.stringContaining('roundDetails.0.targets.analyze.window')]);
  });
});

describe('the paired schedule in the results', () => {
  // A fresh object each time: a test that breaks one must not break the next test's.
  const spreadOf = () => ({ median: 3, q1: 2.8, q3: 3.1, min: 2.5, max: 3.4, pairs: 12 });
  const paired = () => {
    const doc = sampleResults();
    doc.settings.paired = { windowSec: 2.5, cycles: 2, windowWarmupSec: 0.5 };
    doc.ratios = { ...doc.ratios!, pairs: { turnToCardFloor: spreadOf(), cardFloorToEcho: spreadOf(), turnToEcho: spreadOf() } };
    return doc;
  };

  it('accepts a paired run with its pairs', () => {
    expect(checkResultsShape(paired(), SIZES)).toEqual([]);
  });

  it('refuses a paired run without pairs, or pairs with a missing quartile or no pair at all', () => {
    const missing = paired();
    delete missing.ratios!.pairs;
    expect(checkResultsShape(missing, SIZES)).toEqual([expect.stringContaining('ratios.pairs: missing')]);
    const bad = paired() as unknown as { ratios: { pairs: { turnToEcho: Record<string, unknown>; cardFloorToEcho: Record<string, unknown> } } };
    delete bad.ratios.pairs.turnToEcho.q1;
    bad.ratios.pairs.cardFloorToEcho.pairs = 0;
    const problems = checkResultsShape(bad, SIZES);
    expect(problems.some((p) => p.startsWith('ratios.pairs.turnToEcho.q1'))).toBe(true);
    expect(problems.some((p) => p.startsWith('ratios.pairs.cardFloorToEcho.pairs'))).toBe(true);
  });

  it('accepts the durable floor with the gap split, and renders both only when they were measured', () => {
    const doc = paired();
    doc.turn.durableFloor = { ...doc.turn.cardFloor, cpuMsPerTurn: 0.9 };
    doc.turnDetails.durableFloor = { ...doc.turnDetails.cardFloor, what: 'durable floor', cpuMsPerTurn: 0.9 };
    doc.ratios!.decomposition = { turnToDurableFloor: { median: 2.2, min: 2.1, max: 2.4 }, durableFloorToCardFloor: { median: 1.9, min: 1.8, max: 2 } };
    doc.ratios!.pairs!.decomposition = { turnToDurableFloor: spreadOf(), durableFloorToCardFloor: { ...spreadOf(), median: 1.9 } };
    expect(checkResultsShape(doc, SIZES)).toEqual([]);
    const md = renderMarkdown(doc);
    expect(md).toMatch(/\| durableFloor \| durable floor \|/);
    expect(md).toContain('in the order teams-ai echo, bare echo, card floor, bot, durable floor, durable floor, bot, card floor, bare echo, teams-ai echo');
    expect(md).toContain('turn / durable floor 2.20× (rounds 2.10–2.40×), pairs 3.00×');
    expect(md).toContain('durable floor / card floor 1.90× (rounds 1.80–2.00×), pairs 1.90×');
    const without = renderMarkdown(paired());
    expect(without).not.toContain('durableFloor');
    expect(without).not.toContain('durable floor');
    const bad = paired() as unknown as { ratios: { pairs: Record<string, unknown> } };
    bad.ratios.pairs.decomposition = { turnToDurableFloor: spreadOf() };
    expect(checkResultsShape(bad, SIZES)).toEqual([expect.stringContaining('ratios.pairs.decomposition.durableFloorToCardFloor')]);
  });

  it('says why each contended round was: other work during its windows, a reference loop that moved, or before it', () => {
    const doc = sampleResults();
    const base = { loadAvg1m: 1.2, otherBusyCores: 0.01, waitedSec: 2, contended: true };
    doc.rounds = [
      { ...base, round: 1, referenceShift: { loop: '2 MB', factor: 3.94, slower: true }, repeated: true },
      { ...base, round: 1, contendedDuring: true, windowOtherCoresMax: 0.6, referenceShift: { loop: '32 MB', factor: 1.6, slower: false } },
      { ...base, round: 2, otherBusyCores: 0.9 },
    ];
    expect(checkResultsShape(doc, SIZES)).toEqual([]);
    const md = renderMarkdown(doc);
    expect(md).toContain('| 1 | 1.2 | 0.01 |  | 2 | **yes** (2 MB reference 3.94× slower) | set aside, repeated |  |');
    expect(md).toContain('| **yes** (during; 32 MB reference 1.6× faster) | kept |');
    expect(md).toContain('| 2 | 1.2 | 0.9 |  | 2 | **yes** | kept |');
    expect(md).toContain('a reference loop moved more than 1.5×');
  });

  it('still accepts a serial run, which has no pairs', () => {
    expect(sampleResults().settings.paired).toBeUndefined();
    expect(checkResultsShape(sampleResults(), SIZES)).toEqual([]);
  });
});
