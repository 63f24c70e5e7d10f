import { AppError } from '../../../src/errors/appError';
import type { ExportLoadResult } from '../../../src/posture/load/exportFileLoader';
import { ExportFileError } from '../../../src/posture/load/exportFiles';
import { RowError } from '../../../src/posture/load/fieldParsers';
import { describeError, mergeResults, rebuildError } from '../../../src/posture/load/parallelResults';

const part = (overrides: Partial<ExportLoadResult>): ExportLoadResult => ({
  files: ['x.jsonl'],
  rows: 0,
  records: 0,
  skipped: 0,
  skippedReasons: [],
  ignoredTypes: {},
  hash: '',
  ...overrides,
});

describe('parallel load results', () => {
  it('adds the counts, keeps the first five reasons in file order and the latest generatedAt', () => {
    const first = part({ rows: 10, records: 8, skipped: 3, skippedReasons: ['a', 'b', 'c'], ignoredTypes: { t1: 1, t2: 2 }, generatedAt: 5 });
    const second = part({ rows: 7, records: 7, skipped: 4, skippedReasons: ['d', 'e', 'f', 'g'], ignoredTypes: { t3: 1, t1: 4 } });
    const merged = mergeResults(first, second, 'h');
    expect(merged).toEqual({
      files: ['x.jsonl'],
      rows: 17,
      records: 15,
      skipped: 7,
      skippedReasons: ['a', 'b', 'c', 'd', 'e'],
      ignoredTypes: { t1: 5, t2: 2, t3: 1 },
      hash: 'h',
      generatedAt: 5,
    });
    expect(Object.keys(merged.ignoredTypes)).toEqual(['t1', 't2', 't3']);
    expect(mergeResults(part({ generatedAt: 5 }), part({ generatedAt: 9 }), '').generatedAt).toBe(9);
    expect('generatedAt' in mergeResults(part({}), part({}), '')).toBe(false);
  });

  it('rebuilds an error with its class, code, message, details and cause', () => {
    const causes = [new RowError('properties.status.code', 'missing'), new SyntaxError('bad JSON'), new ExportFileError('f.jsonl', 'cannot read')];
    for (const cause of causes) {
      const original = new AppError('EXPORT_INVALID', `x.jsonl line 3: ${cause.message}`, { cause, details: { path: '/p' } });
      const rebuilt = rebuildError(structuredClone(describeError(original)));
      expect(rebuilt).toBeInstanceOf(AppError);
      expect((rebuilt as AppError).code).toBe('EXPORT_INVALID');
      expect(rebuilt.message).toBe(original.message);
      expect((rebuilt as AppError).details).toEqual({ path: '/p' });
      expect(rebuilt.cause).toBeInstanceOf(cause.constructor);
      expect((rebuilt.cause as Error).message).toBe(cause.message);
    }
    const plain = rebuildError(describeError(new TypeError('oops')));
    expect(plain.name).toBe('TypeError');
    expect(plain.message).toBe('oops');
  });
});
