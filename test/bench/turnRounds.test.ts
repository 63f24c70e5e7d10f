import type { TurnDetail } from '../../bench/benchResults';
import { combineRounds } from '../../bench/turnRounds';

const round = (cpu: number, rps: number, rss: number, errors = 0): TurnDetail => ({
  reqPerSec: rps, p50Ms: 2, p99Ms: cpu * 10, cpuMsPerTurn: cpu, peakRssMb: rss, requests: rps * 10, errors, non2xx: 0, badBodies: 0,
  durationSec: 10, serverCpuCores: 1, lifetimeMaxRssMb: rss + 1, what: 'w', storage: 's', preflight: 'p', textReplies: [], startupMs: 500,
});

describe('combining turn rounds', () => {
  it('averages rates and latencies, sums counts, keeps the highest memory and each round CPU', () => {
    const combined = combineRounds([round(1, 1000, 200), round(1.5, 800, 250, 2)]);
    expect(combined).toMatchObject({
      cpuMsPerTurn: 1.25, reqPerSec: 900, p99Ms: 12.5, peakRssMb: 250, lifetimeMaxRssMb: 251, requests: 18000, errors: 2, durationSec: 20,
      cpuMsPerTurnByRound: [1, 1.5],
    });
  });

  it('is the round itself when there was one, and refuses none', () => {
    expect(combineRounds([round(1, 1000, 200)])).toMatchObject({ cpuMsPerTurn: 1, reqPerSec: 1000, cpuMsPerTurnByRound: [1] });
    expect(() => combineRounds([])).toThrow(/no rounds/);
  });
});
