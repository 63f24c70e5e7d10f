import { sequentialWindows } from '../../bench/pairedRounds';
import { alternatingOrder, cycleOrder, midMedian, pairedOrder, pairRatios, pairSpread, type TimedWindow } from '../../bench/pairedSchedule';
import { parseBenchArgs as benchOptionsFor } from '../../bench/benchOptions';

const w = (target: string, cpu: number, atMs = 0): TimedWindow => ({ target, atMs, cpuMsPerTurn: cpu });

describe('the paired schedule', () => {
  it('runs each cycle as a palindrome, so a drift through the cycle weighs on both sides of a pair alike', () => {
    expect(cycleOrder(['T', 'E', 'C', 'B'])).toEqual(['T', 'E', 'C', 'B', 'B', 'C', 'E', 'T']);
    expect(pairedOrder(['E', 'C'], 2)).toEqual(['E', 'C', 'C', 'E', 'E', 'C', 'C', 'E']);
    expect(alternatingOrder('E', 'C', 4)).toEqual(['E', 'C', 'C', 'E', 'E', 'C', 'C', 'E']);
  });

  it('pairs each window of the numerator with the nearest window of the denominator', () => {
    // T E C B B C E T: bot 1 is next to card 1, bot 2 to card 2, whatever the values elsewhere.
    const windows = [w('T', 9), w('E', 1), w('C', 2), w('B', 6), w('B', 10), w('C', 5), w('E', 2), w('T', 9)];
    expect(pairRatios(windows, 'B', 'C')).toEqual([3, 2]);
    expect(pairRatios(windows, 'C', 'E')).toEqual([2, 2.5]);
    // Bot / echo: two windows apart; the bot's first window has echo 1 two before it and echo 2 three after it.
    expect(pairRatios(windows, 'B', 'E')).toEqual([6, 5]);
  });

  it('takes the earlier neighbour on a tie, skips a zero denominator and gives nothing without both targets', () => {
    expect(pairRatios([w('C', 2), w('B', 4), w('C', 1)], 'B', 'C')).toEqual([2]);
    expect(pairRatios([w('C', 0), w('B', 4)], 'B', 'C')).toEqual([]);
    expect(pairRatios([w('B', 4), w('B', 5)], 'B', 'C')).toEqual([]);
  });

  it('spreads the pairs as median, quartiles, range and count', () => {
    expect(pairSpread([3, 1, 2, 5, 4, 8, 6, 7])).toEqual({ median: 4.5, q1: 2, q3: 6, min: 1, max: 8, pairs: 8 });
  });

  it('takes the mean of the two middle pairs when there is an even number of them, not the lower one', () => {
    expect(midMedian([4, 1, 3, 2])).toBe(2.5);
    expect(midMedian([5, 1, 3])).toBe(3);
    expect(midMedian([])).toBeNaN();
  });

  it('cuts the sequential time into an even number of windows of about 1.5 s, at least two', () => {
    expect(sequentialWindows(6)).toBe(4);
    expect(sequentialWindows(1)).toBe(2);
    expect(sequentialWindows(12)).toBe(8);
  });

  it('is the full run\'s schedule, and --window 0 gives the serial one back', () => {
    expect(benchOptionsFor([]).paired.windowSec).toBeGreaterThan(0);
    expect(benchOptionsFor(['--window', '0']).paired.windowSec).toBe(0);
    expect(benchOptionsFor(['--window', '3', '--cycles', '4', '--window-warmup', '0']).paired).toEqual({ windowSec: 3, cycles: 4, windowWarmupSec: 0 });
    expect(() => benchOptionsFor(['--cycles', '0'])).toThrow(/positive/);
  });
});
