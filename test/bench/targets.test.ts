import { renderMarkdown } from '../../bench/resultsMarkdown';
import { judgeTargets } from '../../bench/targets';
import { sampleResults } from './sampleResults';

const byName = (doc: ReturnType<typeof sampleResults>) => new Map(judgeTargets(doc).map((t) => [t.name, t]));

describe('targets', () => {
  it('meets every target when the numbers are inside them', () => {
    expect(judgeTargets(sampleResults()).every((t) => t.met)).toBe(true);
  });

  it('fails each target on its own number', () => {
    expect(byName(sampleResults({ analyzeCpu: 1.6 })).get('analyze turn CPU')?.met).toBe(false);
    expect(byName(sampleResults({ engineP95_1M: 25 })).get('engine p95 at 1M rows')?.met).toBe(false);
    expect(byName(sampleResults({ loadMs1M: 15_000 })).get('load 1M rows')?.met).toBe(false);
    expect(byName(sampleResults({ startupMs: 3000 })).get('startup on the demo tenant')?.met).toBe(false);
  });

  it('fails the load target on memory alone', () => {
    const doc = sampleResults();
    doc.scale.rows_1000000!.rssMb = 2049;
    expect(byName(doc).get('load 1M rows')?.met).toBe(false);
  });

  it('reports 1M targets as not met, with why, when 1M was not measured', () => {
    const doc = sampleResults();
    delete doc.scale.rows_1000000;
    const engine = byName(doc).get('engine p95 at 1M rows');
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
    expect(md).toMatch(/^\| analyze turn CPU \|.*\*\*no\*\*/m);
    // A pipe in a note or cell must not break a table row.
    expect(md).toContain('a note | with a pipe');
  });

  it('leaves the turn section out of a scale-only run', () => {
    const doc = sampleResults();
    doc.turnDetails = {} as typeof doc.turnDetails;
    expect(renderMarkdown(doc)).not.toContain('## Turns');
  });
});
