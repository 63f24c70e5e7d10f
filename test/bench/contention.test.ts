import { repeatsRound, withWindowContention } from '../../bench/contention';

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
