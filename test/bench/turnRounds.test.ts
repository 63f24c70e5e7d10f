import type { TurnDetail } from '../../bench/benchResults';
import { combineRounds, roundOrder, spreadOf } from '../../bench/turnRounds';

const round = (cpu: number, rps: number, rss: number, errors = 0): TurnDetail => ({
  reqPerSec: rps, p50Ms: 2, p99Ms: cpu * 10, cpuMsPerTurn: cpu, peakRssMb: rss, requests: rps * 10, errors, non2xx: 0, badBodies: 0,
  durationSec: 10, serverCpuCores: 1, lifetimeMaxRssMb: rss + 1, what: 'w', storage: 's', preflight: 'p', textReplies: [], startupMs: 500,
});

describe('combining turn rounds', () => {
  it('takes the median CPU, averages rates and latencies, sums counts, keeps the highest memory and each round CPU', () => {
    const combined = combineRounds([round(1, 1000, 200), round(3, 800, 250, 2), round(1.2, 900, 220)]);
    expect(combined).toMatchObject({
      cpuMsPerTurn: 1.2, reqPerSec: 900, peakRssMb: 250, lifetimeMaxRssMb: 251, requests: 27000, errors: 2, durationSec: 30,
      cpuMsPerTurnByRound: [1, 3, 1.2],
    });
    expect(spreadOf([1, 3, 1.2])).toEqual({ median: 1.2, min: 1, max: 3 });
  });

  it('combines the sequential runs the same way: median CPU with each round kept', () => {
    const withSeq = (cpu: number, seqCpu: number): TurnDetail => ({ ...round(cpu, 1000, 200), sequential: { cpuMsPerTurn: seqCpu, reqPerSec: 100, p50Ms: 1, requests: 500 } });
    expect(combineRounds([withSeq(1, 0.5), withSeq(2, 0.9), withSeq(3, 0.6)]).sequential).toEqual({ cpuMsPerTurn: 0.6, reqPerSec: 100, p50Ms: 1, requests: 1500, cpuMsPerTurnByRound: [0.5, 0.9, 0.6] });
    expect(combineRounds([round(1, 1000, 200)]).sequential).toBeUndefined();
  });

  it('is the round itself when there was one, and refuses none', () => {
    expect(combineRounds([round(1, 1000, 200)])).toMatchObject({ cpuMsPerTurn: 1, reqPerSec: 1000, cpuMsPerTurnByRound: [1] });
    expect(() => combineRounds([])).toThrow(/no rounds/);
  });
});

describe('round order', () => {
  it('measures the targets as listed in odd rounds and in reverse in even ones, leaving the list alone', () => {
    const targets = ['echo', 'teamsAi', 'card', 'bot'];
    expect(roundOrder(targets, 1)).toEqual(['echo', 'teamsAi', 'card', 'bot']);
    expect(roundOrder(targets, 2)).toEqual(['bot', 'card', 'teamsAi', 'echo']);
    expect(roundOrder(targets, 3)).toEqual(['echo', 'teamsAi', 'card', 'bot']);
    expect(targets).toEqual(['echo', 'teamsAi', 'card', 'bot']);
  });
});
