// DIGEST_TIME and REMINDER_INTERVAL_HOURS: the daily digest's local time of day, the reminder period; clear problems.
import { delegateFeature } from '../../../src/config/features/delegate';

const context = { appEnv: 'local', production: false, cwd: '/srv/bot' };
const parse = (env: Record<string, string>) => delegateFeature.schema(context).safeParse(env);

describe('delegate config', () => {
  it('digests at 08:00 and reminds every 24 hours by default', () => {
    expect(parse({}).data?.delegate).toMatchObject({ digestMinute: 8 * 60, reminderIntervalMs: 24 * 3_600_000 });
  });

  it('reads DIGEST_TIME as HH:MM', () => {
    expect(parse({ DIGEST_TIME: '09:30' }).data?.delegate.digestMinute).toBe(9 * 60 + 30);
    expect(parse({ DIGEST_TIME: '7:05' }).data?.delegate.digestMinute).toBe(7 * 60 + 5);
  });

  it.each(['24:00', '9', '09:60', 'noon', '09:00; rm -rf /'])('refuses DIGEST_TIME=%s with a clear problem', (value) => {
    const result = parse({ DIGEST_TIME: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toContain('DIGEST_TIME: must be a time of day as HH:MM, like 08:00');
  });
});
