import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { assessment, control, engineOf, secureScore, SUB_A, SUB_B, subscription } from './records';

describe('secure score', () => {
  it('is undefined when the export has none', () => {
    const engine = engineOf([assessment({ resourceName: 'vm', key: 'k' })]);
    expect(engine.secureScore(SYSTEM_VIEWER)).toBeUndefined();
    expect(engine.capabilities(SYSTEM_VIEWER).hasSecureScore).toBe(false);
  });

  it('aggregates as a percentage of total points, not an average of percentages', () => {
    const engine = engineOf([
      secureScore(SUB_A, 30, 60),
      secureScore(SUB_B, 9, 10),
      subscription(SUB_A, 'Production'),
      control('Enable MFA', 0, 10, 4),
      control('Enable MFA', 5, 10, 1, SUB_B),
      control('Secure management ports', 6, 8, 2),
      control('Apply system updates', 1, 3, 9),
    ]);
    const summary = engine.secureScore(SYSTEM_VIEWER);
    expect(summary).toMatchObject({ current: 39, max: 70 });
    expect(summary?.percentage).toBeCloseTo(39 / 70, 10);
    expect(summary?.subscriptions).toEqual([
      { subscriptionId: SUB_A, subscriptionName: 'Production', current: 30, max: 60, percentage: 0.5 },
      { subscriptionId: SUB_B, current: 9, max: 10, percentage: 0.9 },
    ]);
    expect(summary?.controls.map((c) => [c.displayName, c.max - c.current, c.unhealthyResourceCount])).toEqual([
      ['Enable MFA', 15, 5],
      ['Secure management ports', 2, 2],
      ['Apply system updates', 2, 9],
    ].sort((a, b) => (b[1] as number) - (a[1] as number) || (b[2] as number) - (a[2] as number)));
    expect(engine.capabilities(SYSTEM_VIEWER).hasSecureScore).toBe(true);
  });

  it('a zero maximum gives 0 %, not NaN', () => {
    expect(engineOf([secureScore(SUB_A, 0, 0)]).secureScore(SYSTEM_VIEWER)?.percentage).toBe(0);
  });
});
