import { renderMarkdown } from '../../bench/resultsMarkdown';
import { explainTargets, judgeTargets } from '../../bench/targets';
import { sampleResults } from './sampleResults';

const byName = (doc: ReturnType<typeof sampleResults>) => new Map(judgeTargets(doc).map((t) => [t.name, t]));

describe('targets', () => {
  it('meets every target when the numbers are inside them', () => {
    expect(judgeTargets(sampleResults()).every((t) => t.met)).toBe(true);
  });

  it('fails each target on its own number', () => {
    expect(byName(sampleResults({ analyzeCpu: 1.2 })).get('analyze (real mix) turn CPU')?.met).toBe(false);
    expect(byName(sampleResults({ engineP95_1M: 20 })).get('every query p95 at 1M rows')?.met).toBe(false);
    expect(byName(sampleResults({ loadRatio1M: 2.6 })).get('load 1M rows')?.met).toBe(false);
    expect(byName(sampleResults({ botRss1M: 1536 })).get('bot serving 1M rows')?.met).toBe(false);
    expect(byName(sampleResults({ floorToEcho: 2.6 })).get('card floor CPU, concurrent load')?.met).toBe(false);
    expect(byName(sampleResults({ floorToEchoSequential: 1.51 })).get('card floor CPU, sequential')?.met).toBe(false);
    expect(byName(sampleResults({ startupMs: 3000 })).get('startup on the demo tenant')?.met).toBe(false);
  });

  it("holds a list-card turn to 1.15× its card floor (the issue's number) and names the mix it judged", () => {
    const list = sampleResults({ analyzeCpu: 1.15 });
    list.settings.mix = 'list';
    expect(byName(list).get('list-card turn CPU')).toMatchObject({ met: true, target: '≤ 1.15× card floor CPU per turn, same run' });
    // The other mixes are held to the same ratio, against a floor of their own kinds of answer, and say so.
    for (const [mix, name] of [['details', 'details turn CPU'], ['counts', 'counts and breakdowns turn CPU'], ['remediate', 'summarize/remediate turn CPU']] as const) {
      const doc = sampleResults({ analyzeCpu: 1.2 });
      doc.settings.mix = mix;
      expect(byName(doc).get(name)).toMatchObject({ met: false, target: expect.stringContaining("the mix floor's CPU") });
    }
    const over = sampleResults({ analyzeCpu: 1.16 });
    over.settings.mix = 'list';
    expect(byName(over).get('list-card turn CPU')?.met).toBe(false);
  });

  it('judges 1M queries one by one: an engine-only query over 20 ms fails the target and is named', () => {
    const target = byName(sampleResults({ ownerP95_1M: 31 })).get('every query p95 at 1M rows');
    expect(target).toMatchObject({ met: false });
    expect(target?.measured).toMatch(/^slowest owner 31 ms/);
  });

  it('judges the load by its CPU ratio to the parse floor, not by wall seconds', () => {
    expect(byName(sampleResults({ loadMs1M: 60_000, loadRatio1M: 2 })).get('load 1M rows')?.met).toBe(true);
  });

  it('gives the load ratio as the median of its rounds with their range, and the one-thread load beside it', () => {
    const doc = sampleResults({ loadRatio1M: 2.4 });
    const d = doc.scaleDetails.rows_1000000!;
    Object.assign(d, {
      loadThreads: 2,
      loadCpuRatioRange: [2.3, 2.9],
      loadCpuRatioOfLeast: 2.48,
      loadRounds: [
        { floorCpuMs: 10_000, loadCpuMs: 24_000, loadMs: 15_000, peakRssMb: 700, ratio: 2.4, oneThread: { loadCpuMs: 19_000, loadMs: 25_000, peakRssMb: 650, ratio: 1.9 } },
        { floorCpuMs: 10_000, loadCpuMs: 23_000, loadMs: 15_500, peakRssMb: 710, ratio: 2.3, oneThread: { loadCpuMs: 20_000, loadMs: 26_000, peakRssMb: 640, ratio: 2 } },
        { floorCpuMs: 9_000, loadCpuMs: 26_100, loadMs: 16_000, peakRssMb: 705, ratio: 2.9 },
      ],
      oneThread: { loadCpuMs: 19_500, loadMs: 25_500, peakRssMb: 650, ratio: 1.95, ratioRange: [1.9, 2] },
    });
    const target = byName(doc).get('load 1M rows');
    expect(target?.met).toBe(true);
    expect(target?.measured).toMatch(/^2\.4× \(2\.3–2\.9×, 3 rounds; least load \/ least floor 2\.48×\) \(20000 vs 10000 ms CPU, 2 threads\); .*; on one thread 1\.95× \(19500 ms CPU, 25\.50 s wall\)$/);
    doc.targets = judgeTargets(doc);
    const md = renderMarkdown(doc);
    expect(md).toContain('= **2.4×** the parse-only floor (median of 3 rounds, each a fresh floor and a fresh load: 2.4×, 2.3×, 2.9×; floors 10000, 10000, 9000 ms; the least load over the least floor: 2.48×)');
    // A floor slowed by the machine cannot meet the target: the least load over the least floor must be inside it too.
    d.loadCpuRatioOfLeast = 2.56;
    expect(byName(doc).get('load 1M rows')?.met).toBe(false);
    expect(md).toContain('Loaded on one thread in the same rounds: 19500 ms CPU = 1.95× (1.9×, 2×, n/a), 25.50 s wall, peak RSS 650 MB.');
  });

  it('reports 1M targets as not met, with why, when 1M was not measured', () => {
    const doc = sampleResults();
    delete doc.scale.rows_1000000;
    const engine = byName(doc).get('every query p95 at 1M rows');
    expect(engine).toMatchObject({ met: false, measured: 'n/a' });
    expect(engine?.note).toMatch(/not measured/);
  });
});

describe('results markdown', () => {
  it('has the turn table, both ratios, the scale rows and the targets', () => {
    const doc = sampleResults({ analyzeCpu: 1.6 });
    doc.targets = judgeTargets(doc);
    const md = renderMarkdown(doc);
    for (const name of ['echoFloor', 'teamsAiFloor', 'cardFloor', 'analyze']) expect(md).toMatch(new RegExp(`^\\| ${name} \\|`, 'm'));
    expect(md).toContain('**1.60×** the card floor');
    expect(md).toMatch(/^\| 1000000 \|/m);
    expect(md).toMatch(/^\| analyze \(real mix\) turn CPU \|.*\*\*no\*\*/m);
    expect(md).toContain('card floor / bare echo 2.00× (rounds 2.00–2.00×) concurrent, 1.40× (rounds 1.40–1.40×) sequential');
    // A pipe in a note or cell must not break a table row.
    expect(md).toContain('a note | with a pipe');
  });

  it('lists each round with its load average and the other work before and during it, and says which contended rounds were set aside and repeated', () => {
    const doc = sampleResults();
    doc.rounds = [
      { round: 1, loadAvg1m: 3.5, otherBusyCores: 1.2, waitedSec: 60, contended: true, repeated: true },
      { round: 1, loadAvg1m: 0.4, otherBusyCores: 0.1, windowOtherCoresMax: 0.8, waitedSec: 2, contended: true, contendedDuring: true, repeated: true },
      { round: 1, loadAvg1m: 0.4, otherBusyCores: 0.1, windowOtherCoresMax: 0.05, waitedSec: 2, contended: false },
      { round: 2, loadAvg1m: 0.6, otherBusyCores: 0.05, waitedSec: 2, contended: false },
    ];
    doc.cpuRatioToCardFloorByRound = [1.1, 1.12];
    const md = renderMarkdown(doc);
    expect(md).toMatch(/^\| 1 \| 3.5 \| 1.2 \|  \| 60 \| \*\*yes\*\* \| set aside, repeated \|  \|$/m);
    expect(md).toMatch(/^\| 1 \| 0.4 \| 0.1 \| 0.8 \| 2 \| \*\*yes\*\* \(during\) \| set aside, repeated \|  \|$/m);
    expect(md).toMatch(/^\| 1 \| 0.4 \| 0.1 \| 0.05 \| 2 \| no \| kept \| 1.1 \|$/m);
    expect(md).toMatch(/^\| 2 \| 0.6 \| 0.05 \|  \| 2 \| no \| kept \| 1.12 \|$/m);
  });

  it('names the mix and its floor, and lists the mixes smoke asked once', () => {
    const doc = sampleResults({ analyzeCpu: 1.3 });
    doc.settings.mix = 'details';
    doc.mixChecks = [{ mix: 'counts', bot: '8 breakdown, 6 text', botReplyBytesMean: 2597, floor: '8 breakdown, 6 text', floorReplyBytesMean: 2688 }];
    const md = renderMarkdown(doc);
    expect(md).toContain('## Turns: floors and the bot (mix: details)');
    expect(md).toContain('CPU per details turn: **1.30×** the mix floor (fixed replies of the same kinds)');
    expect(md).toMatch(/^\| counts \| 8 breakdown, 6 text \| 2597 \| 8 breakdown, 6 text \| 2688 \|$/m);
  });

  it('leaves the turn section out of a scale-only run', () => {
    const doc = sampleResults();
    doc.turnDetails = {} as typeof doc.turnDetails;
    expect(renderMarkdown(doc)).not.toContain('## Turns');
  });
});

describe('target explanations', () => {
  it('explains a missed CPU target from the bot profile and leaves met targets alone', () => {
    const doc = sampleResults({ analyzeCpu: 2 });
    doc.profile = { how: 'x', samples: 10, top: [], byArea: [{ area: 'src/planner', selfPct: 30 }, { area: 'zod', selfPct: 5 }] };
    const [cpu, ...rest] = explainTargets(judgeTargets(doc), doc);
    expect(cpu?.note).toBe('bot self time under load: src/planner 30%, zod 5%');
    expect(rest.every((t) => t.met && t.note === undefined)).toBe(true);
  });

  it('names the slowest engine queries when p95 at 1M is missed', () => {
    const doc = sampleResults({ engineP95_1M: 40 });
    const q = (name: string, p95: number) => ({ name, prompt: name, resultCount: 5, engineP50Ms: 1, engineP95Ms: p95, turnP50Ms: 1, turnP95Ms: 1, turnReply: 'card' });
    doc.scaleDetails.rows_1000000 = { ...doc.scaleDetails.rows_1000000!, perQuery: [q('fast', 2), q('slowest', 60), q('slow', 30)] };
    const engine = explainTargets(judgeTargets(doc), doc).find((t) => t.name === 'every query p95 at 1M rows');
    expect(engine?.note).toMatch(/^slowest queries at 1M \(p95\): slowest 60 ms \(5 matches\), slow 30 ms/);
  });

  it('judges and names a scoped viewer\'s queries at 1M with the rest', () => {
    const doc = sampleResults();
    const timing = (name: string, p95Ms: number) => ({ name, resultCount: 7, p50Ms: 1, p95Ms });
    doc.scaleDetails.rows_1000000 = { ...doc.scaleDetails.rows_1000000!, scoped: { scope: 'one subscription (Prod)', visibleRows: 10, queries: [timing('by owner', 25), timing('owner', Number.NaN)] } };
    const engine = explainTargets(judgeTargets(doc), doc).find((t) => t.name === 'every query p95 at 1M rows');
    expect(engine?.met).toBe(false);
    expect(engine?.measured).toMatch(/^slowest scoped: by owner 25 ms/);
    expect(engine?.note).toMatch(/^slowest queries at 1M \(p95\): scoped: by owner 25 ms \(7 matches\)/);
  });
});
