// Argument parsing of the demo tenant command: clear refusals, sensible defaults.
import { parseGenerateArgs, formatCounts } from '../../../src/cli/generateDemoTenant';

describe('generateDemoTenant arguments', () => {
  it('defaults to the committed file, the fixed date and seed', () => {
    const args = parseGenerateArgs([]);
    expect(args.out).toMatch(/src[/\\]posture[/\\]demo[/\\]demo-tenant\.json$/);
    expect(args.generatedAt).toBe('2026-06-01T08:00:00.000Z');
    expect(args.scale).toBeUndefined();
  });

  it('puts scale output under .data unless --out says otherwise', () => {
    expect(parseGenerateArgs(['--scale', '1_000']).out).toMatch(/\.data[/\\]demo-tenant-1000\.jsonl$/);
    const args = parseGenerateArgs(['--scale', '5', '--out', 'x.jsonl', '--seed', '7', '--generated-at', '2030-01-01T00:00:00Z']);
    expect(args).toMatchObject({ scale: 5, seed: '7', generatedAt: '2030-01-01T00:00:00Z' });
    expect(args.out).toMatch(/x\.jsonl$/);
  });

  it.each([
    [['--scale', 'ten'], /whole number/],
    [['--scale', '0'], /between/],
    [['--scale'], /needs a value/],
    [['--generated-at', 'now'], /ISO/],
    [['--frobnicate', '1'], /unknown argument/],
    [['--out', '--seed'], /needs a value/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseGenerateArgs(argv)).toThrow(message);
  });

  it('summarises counts by row type', () => {
    expect(formatCounts('/x', { b: 2, a: 1 }, 1500)).toBe('wrote 3 rows to /x in 1.5 s\n  a: 1\n  b: 2\n');
  });
});
