import { judgeRound, repeatsRound, withWindowContention } from '../../bench/contention';

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
    const first = judgeRound(gate, [0.6], limits(0), (l) => lines.push(l), 2);
    expect(first).toEqual({ repeat: true, condition: { ...gate, windowOtherCoresMax: 0.6, contended: true, contendedDuring: true, repeated: true } });
    const second = judgeRound(gate, [0.6], limits(1), (l) => lines.push(l), 2);
    expect(second).toEqual({ repeat: false, condition: { ...gate, windowOtherCoresMax: 0.6, contended: true, contendedDuring: true } });
    expect(lines).toEqual([
      '  round 2: CONTENDED (quiet before, 0.6 cores of other work during a window): set aside and repeated',
      '  round 2: CONTENDED (quiet before, 0.6 cores of other work during a window): figures kept and marked',
    ]);
  });

  it('keeps a quiet round without a word', () => {
    const lines: string[] = [];
    expect(judgeRound(gate, [0.1], limits(0), (l) => lines.push(l), 2)).toEqual({ repeat: false, condition: { ...gate, windowOtherCoresMax: 0.1 } });
    expect(lines).toEqual([]);
  });
});
