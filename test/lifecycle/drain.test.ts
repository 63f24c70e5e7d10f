// The shutdown drain: turns admitted before begin() finish, later ones are refused, begin() resolves when none runs.
import { createDrain, drainingReadiness } from '../../src/lifecycle/drain';

describe('drain', () => {
  it('waits for the admitted turns and refuses new ones', async () => {
    const drain = createDrain();
    const first = drain.admit();
    const second = drain.admit();
    expect(drain.inFlight()).toBe(2);
    let settled: number | undefined;
    const done = drain.begin(10_000).then((left) => (settled = left));
    expect(drain.admit()).toBeUndefined();
    first?.();
    first?.(); // a second call of the same callback counts once
    await Promise.resolve();
    expect(settled).toBeUndefined();
    second?.();
    expect(await done).toBe(0);
  });

  it('gives up after the grace period and says how many were cut off', async () => {
    const drain = createDrain();
    drain.admit();
    expect(await drain.begin(20)).toBe(1);
  });

  it('makes readiness say not ready while draining, and asks the check otherwise', async () => {
    const drain = createDrain();
    const ready = drainingReadiness(drain, async () => ({ ready: true, facts: { storage: 'ok' } }));
    expect(await ready()).toEqual({ ready: true, facts: { storage: 'ok' } });
    await drain.begin(0);
    expect(await ready()).toMatchObject({ ready: false, facts: { inFlight: 0 } });
  });
});
