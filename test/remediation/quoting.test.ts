// bash quoting, checked by bash itself: every quoted value comes back as exactly one, unchanged argument.
import { spawnSync } from 'node:child_process';
import { bashFixedWord, bashQuote } from '../../src/remediation/quoting';

function bashArgs(words: string): string[] {
  const result = spawnSync('/usr/bin/bash', ['-c', `printf '%s\\0' ${words}`], { encoding: 'utf8', env: { PATH: '' } });
  expect(result.status).toBe(0);
  return result.stdout.split('\0').slice(0, -1);
}

const HOSTILE = ['db$(touch pwned)', 'db`touch pwned`', "it's", '"double" \\ back', 'line1\nline2', 'tab\there', 'rg-émeraude-ß', '*', '~', '-n', '', "''", '$HOME', '!event', 'a;b|c&d>e'];

test('bashQuote keeps every hostile value one unchanged argument', () => {
  expect(bashArgs(HOSTILE.map(bashQuote).join(' '))).toEqual(HOSTILE);
});

test("bashQuote escapes a quote as '\\''", () => {
  expect(bashQuote("a'b")).toBe(`'a'\\''b'`);
  expect(() => bashQuote('a\u0000b')).toThrow(/NUL/);
});

test('our own plain words may stay bare; anything else is quoted', () => {
  expect(bashFixedWord('--https-only')).toBe('--https-only');
  expect(bashFixedWord('SqsManagedSseEnabled=true')).toBe('SqsManagedSseEnabled=true');
  for (const value of HOSTILE) expect(bashArgs(bashFixedWord(value) || "''")).toEqual([value]);
});
