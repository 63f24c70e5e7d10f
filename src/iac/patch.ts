// Unified diffs of fixed files (jsdiff's createTwoFilesPatch), as `git diff` shows them: what the card, the PR and
// `iac fix` print.
import { createTwoFilesPatch } from 'diff';
import type { SourceFile } from './parsers/terraformTemplate';

export function unifiedDiff(before: readonly SourceFile[], after: readonly SourceFile[], files: readonly string[]): string {
  const text = (list: readonly SourceFile[], file: string) => list.find((s) => s.file === file)?.text ?? '';
  return files
    .map((file) => createTwoFilesPatch(`a/${file}`, `b/${file}`, text(before, file), text(after, file), undefined, undefined, { context: 3 }).replace(/^=+\n/, ''))
    .join('');
}
