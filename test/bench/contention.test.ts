import { judgeRound, REFERENCE_SHIFT_LIMIT, repeatsRound, withReferenceShift, withWindowContention } from '../../bench/contention';
import { referenceShift } from '../../bench/referenceWork';

describe('contended rounds', () => {
  it('sets a contended round aside while repeats are left, then keeps it; a quiet round is always kept', () => {
    expect(repeatsRound({ contended: true }, 0, 2)).toBe(true);
    expect(repeatsRound({ contended: true }, 1, 2)).toBe(true);
    expect(repeatsRound({ contended: true }, 2, 2)).toBe(false);
    expect(repeatsRound({ contended: true }, 0, 0)).toBe(false);
    expect(repeatsRound({ contended: false }, 0, 2)).toBe(false);
  });
});

describe('other work during the windows', () => {
  const gate = { round: 1, loadAvg1m: 1, otherBusyCores: 0.05, waitedSec: 2, contended: false };

  it('marks a round quiet before it but busy during one of its windows, and keeps the most seen', () => {
    expect(withWindowContention(gate, [0.02, 0.6, undefined, 0.1], 0.3)).toEqual({ ...gate, windowOtherCoresMax: 0.6, contended: true, contendedDuring: true });
  });

  it('leaves a quiet round quiet, and a round contended before it contended (not "during")', () => {
    expect(withWindowContention(gate, [0.02, 0.1], 0.3)).toEqual({ ...gate, windowOtherCoresMax: 0.1 });
    const busy = { ...gate, otherBusyCores: 1, contended: true };
    expect(withWindowContention(busy, [0.9], 0.3)).toEqual({ ...busy, windowOtherCoresMax: 0.9 });
  });

  it('keeps the gate verdict when no window could be read (no /proc)', () => {
    expect(withWindowContention(gate, [undefined, undefined], 0.3)).toBe(gate);
  });
});

describe('a round\'s verdict', () => {
  const gate = { round: 2, loadAvg1m: 1, otherBusyCores: 0.05, waitedSec: 2, contended: false };
  const limits = (repeatsUsed: number) => ({ maxOtherCores: 0.3, repeatsUsed, repeatLimit: 1 });

  it('repeats a round busy during a window while repeats are left, then keeps and marks it, saying so each time', () => {
    const lines: string[] = [];
    const first = judgeRound(gate, [0.6], [], limits(0), (l) => lines.push(l), 2);
    expect(first).toEqual({ repeat: true, condition: { ...gate, windowOtherCoresMax: 0.6, contended: true, contendedDuring: true, repeated: true } });
    const second = judgeRound(gate, [0.6], [], limits(1), (l) => lines.push(l), 2);
    expect(second).toEqual({ repeat: false, condition: { ...gate, windowOtherCoresMax: 0.6, contended: true, contendedDuring: true } });
    expect(lines).toEqual([
      '  round 2: CONTENDED (quiet before, 0.6 cores of other work during a window): set aside and repeated',
      '  round 2: CONTENDED (quiet before, 0.6 cores of other work during a window): figures kept and marked',
    ]);
  });

  it('keeps a quiet round without a word', () => {
    const lines: string[] = [];
    expect(judgeRound(gate, [0.1], [], limits(0), (l) => lines.push(l), 2)).toEqual({ repeat: false, condition: { ...gate, windowOtherCoresMax: 0.1 } });
    expect(lines).toEqual([]);
  });
});

describe('a machine that changed under the round (reference loops)', () => {
  const gate = { round: 3, loadAvg1m: 1, otherBusyCores: 0.05, waitedSec: 2, contended: false };
  const timing = (aluMs: number, cacheMs: number, memMs: number) => ({ aluMs, cacheMs, memMs, wallToCpu: 1 });
  const steady = { before: timing(36, 10, 20), after: timing(35, 9.5, 21) };

  it('names the loop that moved most, either way, and by how much', () => {
    expect(referenceShift(timing(36.85, 14.67, 24.54), timing(37.01, 57.77, 29.18))).toEqual({ loop: '2 MB', factor: 3.94, slower: true });
    expect(referenceShift(timing(36, 52.74, 27), timing(36, 13.13, 25))).toEqual({ loop: '2 MB', factor: 4.02, slower: false });
    expect(referenceShift(timing(36, 10, 20), timing(60, 10, 21))).toEqual({ loop: 'arithmetic', factor: 1.67, slower: true });
    expect(referenceShift(timing(36, 10, 20), timing(36, 10, 20))).toEqual({ loop: 'arithmetic', factor: 1, slower: false });
    // A loop that could not be timed (0) says nothing.
    expect(referenceShift(timing(36, 0, 20), timing(36, 10, 20)).factor).toBe(1);
  });

  it('makes a round contended only past the limit, keeping the largest shift of its targets', () => {
    expect(withReferenceShift(gate, [steady, steady])).toBe(gate);
    expect(withReferenceShift(gate, [])).toBe(gate);
    const atLimit = { before: timing(36, 10, 20), after: timing(36, 10 * REFERENCE_SHIFT_LIMIT, 20) };
    expect(withReferenceShift(gate, [atLimit])).toBe(gate);
    const thrashed = { before: timing(36, 10, 20), after: timing(36, 40, 20) };
    const slowMemory = { before: timing(36, 10, 20), after: timing(36, 10, 40) };
    expect(withReferenceShift(gate, [steady, slowMemory, thrashed])).toEqual({ ...gate, contended: true, referenceShift: { loop: '2 MB', factor: 4, slower: true } });
  });

  it('repeats such a round and says why, beside other work during it', () => {
    const lines: string[] = [];
    const thrashed = { before: timing(36, 10, 20), after: timing(36, 40, 20) };
    const limits = { maxOtherCores: 0.3, repeatsUsed: 0, repeatLimit: 2 };
    const verdict = judgeRound(gate, [0.1], [steady, thrashed], limits, (l) => lines.push(l), 3);
    expect(verdict.repeat).toBe(true);
    expect(verdict.condition).toEqual({ ...gate, windowOtherCoresMax: 0.1, contended: true, referenceShift: { loop: '2 MB', factor: 4, slower: true }, repeated: true });
    judgeRound(gate, [0.6], [thrashed], { ...limits, repeatsUsed: 2 }, (l) => lines.push(l), 3);
    expect(lines).toEqual([
      '  round 3: CONTENDED (the 2 MB reference loop 4× slower after than before): set aside and repeated',
      '  round 3: CONTENDED (quiet before, 0.6 cores of other work during a window; the 2 MB reference loop 4× slower after than before): figures kept and marked',
    ]);
  });
});
