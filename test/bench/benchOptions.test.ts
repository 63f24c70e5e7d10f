import { parseBenchArgs } from '../../bench/benchOptions';

describe('bench options', () => {
  it('runs everything at the issue sizes by default, and in seconds with --smoke', () => {
    const full = parseBenchArgs([]);
    expect(full).toMatchObject({ mode: 'full', scaleRows: [10_000, 100_000, 1_000_000], sections: ['turn', 'scale'], profile: true });
    const smoke = parseBenchArgs(['--smoke']);
    expect(smoke.mode).toBe('smoke');
    expect(smoke.durationSec).toBeLessThanOrEqual(2);
    expect(Math.max(...smoke.scaleRows)).toBeLessThanOrEqual(2000);
  });

  it('takes sections, sizes and duration', () => {
    expect(parseBenchArgs(['--only', 'scale', '--scale', '5000,20000', '--duration', '3', '--no-profile'])).toMatchObject({
      sections: ['scale'], scaleRows: [5000, 20000], durationSec: 3, profile: false,
    });
    // The load ratio is a median of rounds in the full run; smoke loads once.
    expect(parseBenchArgs([]).loadRounds).toBe(3);
    expect(parseBenchArgs(['--smoke']).loadRounds).toBe(1);
    expect(parseBenchArgs(['--load-rounds', '5']).loadRounds).toBe(5);
    expect(() => parseBenchArgs(['--load-rounds', '0'])).toThrow(/positive number/);
  });

  it('takes every mix (turns only, each into its own file), the sequential run and the contended-round repeats', () => {
    for (const mix of ['list', 'details', 'resources', 'counts', 'remediate']) expect(parseBenchArgs(['--mix', mix])).toMatchObject({ mix, sections: ['turn'], profile: false, startupSamples: 1 });
    expect(parseBenchArgs([])).toMatchObject({ mix: 'analyze', sequentialSec: 6, repeatContended: 2 });
    expect(parseBenchArgs(['--smoke'])).toMatchObject({ repeatContended: 0 });
    expect(parseBenchArgs(['--sequential', '0', '--repeat-contended', '0'])).toMatchObject({ sequentialSec: 0, repeatContended: 0 });
    expect(parseBenchArgs(['--sequential', '3', '--repeat-contended', '4'])).toMatchObject({ sequentialSec: 3, repeatContended: 4 });
    expect(() => parseBenchArgs(['--mix', 'everything'])).toThrow(/--mix takes analyze, list, details, resources, counts, remediate/);
    expect(() => parseBenchArgs(['--repeat-contended', '-1'])).toThrow(/positive number/);
  });

  it('says what is wrong with bad arguments', () => {
    expect(() => parseBenchArgs(['--only', 'everything'])).toThrow(/--only takes turn or scale/);
    expect(() => parseBenchArgs(['--duration', '-1'])).toThrow(/positive number/);
    expect(() => parseBenchArgs(['--scale', '10,abc'])).toThrow(/positive number/);
    expect(() => parseBenchArgs(['--out'])).toThrow(/needs a path/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option --fast/);
  });
});
