import { repeatsRound } from '../../bench/contention';

describe('contended rounds', () => {
  it('sets a contended round aside while repeats are left, then keeps it; a quiet round is always kept', () => {
    expect(repeatsRound({ contended: true }, 0, 2)).toBe(true);
    expect(repeatsRound({ contended: true }, 1, 2)).toBe(true);
    expect(repeatsRound({ contended: true }, 2, 2)).toBe(false);
    expect(repeatsRound({ contended: true }, 0, 0)).toBe(false);
    expect(repeatsRound({ contended: false }, 0, 2)).toBe(false);
  });
});
