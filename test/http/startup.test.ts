// The composition root refuses a bad configuration with every problem on stderr and a non-zero code.
import { main } from '../../src/index';

describe('main', () => {
  it('returns 1 and lists each problem when the configuration is invalid', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const code = await main({ APP_ENV: 'local', PORT: 'eighty', LOG_LEVEL: 'chatty', NODE_ENV: 'production' });
      expect(code).toBe(1);
    } finally {
      spy.mockRestore();
    }
    const text = written.join('');
    expect(text).toContain('PORT: must be a port number');
    expect(text).toContain('LOG_LEVEL');
    expect(text).toContain('BOT_ID: required in production');
  });
});
