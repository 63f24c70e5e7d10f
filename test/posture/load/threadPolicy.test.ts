// Which loads start a worker: an asked-for count always wins; 'auto' (the default) splits only with a core to spare.
import { MIN_IDLE_CORES_FOR_WORKER, splitsLoad } from '../../../src/posture/load/parallelLoad';

describe('load thread policy', () => {
  it('threads 1 never splits and threads 2 always may, whatever the cores and the load', () => {
    for (const [cores, load] of [[1, 0], [2, 0], [2, 7], [16, 40]] as const) {
      expect(splitsLoad(1, cores, load)).toBe(false);
      expect(splitsLoad(2, cores, load)).toBe(true);
    }
  });

  it("'auto' splits only with two cores or more, one of them idle by the load average", () => {
    expect(MIN_IDLE_CORES_FOR_WORKER).toBe(1);
    expect(splitsLoad('auto', 1, 0)).toBe(false);
    expect(splitsLoad('auto', 2, 0)).toBe(true);
    expect(splitsLoad('auto', 2, 0.9)).toBe(true);
    expect(splitsLoad('auto', 2, 1.1)).toBe(false);
    expect(splitsLoad('auto', 2, 6.5)).toBe(false);
    expect(splitsLoad('auto', 8, 6.5)).toBe(true);
    expect(splitsLoad('auto', 8, 7.5)).toBe(false);
  });
});
