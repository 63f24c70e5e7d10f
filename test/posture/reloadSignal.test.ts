// SIGHUP reloads the posture data; a failed reload is logged and changes nothing else.
import { AppError } from '../../src/errors/appError';
import { reloadOnSignal } from '../../src/posture/reloadSignal';
import { createMemoryLogger } from '../support/memoryLogger';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('reloadOnSignal', () => {
  it('reloads on SIGHUP until stopped, and logs a failed reload without throwing', async () => {
    const { logger, lines } = createMemoryLogger();
    let calls = 0;
    let fail = false;
    const stop = reloadOnSignal(
      {
        reload: async () => {
          calls++;
          if (fail) throw new AppError('EXPORT_INVALID', 'broken export');
          return { loadMs: 5, retired: 1, changes: 2 };
        },
      },
      logger,
    );
    try {
      process.emit('SIGHUP', 'SIGHUP');
      await settle();
      expect(calls).toBe(1);
      expect(lines().find((line) => line.msg === 'posture data reloaded')).toMatchObject({ retired: 1, changes: 2 });
      fail = true;
      process.emit('SIGHUP', 'SIGHUP');
      await settle();
      expect(calls).toBe(2);
      expect(lines().find((line) => line.msg === 'posture reload failed; the bot keeps the data it had')).toBeDefined();
    } finally {
      stop();
    }
    process.emit('SIGHUP', 'SIGHUP');
    await settle();
    expect(calls).toBe(2);
  });
});
