// The composition root refuses a bad configuration with every problem on stderr and a non-zero code.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/loadConfig';
import { main, startBot } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { message } from '../support/activities';
import { createTempDataDir } from '../support/tempDataDir';

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

describe('main with an unusable DATA_DIR (issue 9 item 6)', () => {
  it('stops at once with the reason instead of hanging on /proc', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const started = Date.now();
      const code = await main({ APP_ENV: 'local', PORT: '0', HOST: '127.0.0.1', DATA_DIR: '/proc/nope', LOG_LEVEL: 'silent' });
      expect(code).toBe(1);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain('DATA_DIR /proc/nope cannot be used: it is on a virtual file system (proc)');
  }, 15_000);
});

describe('startBot', () => {
  it('opens storage under DATA_DIR, answers /healthz and help, and stops cleanly', async () => {
    const temp = createTempDataDir();
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', HOST: '127.0.0.1', DATA_DIR: temp.dir }, envDir: projectPath('env') });
      const running = await startBot(config, createSilentLogger());
      try {
        expect(written.join('')).toContain('NOT authenticated');
        expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
        const ready = await fetch(`${running.url}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ status: 'ready', storage: 'ok', posture: { source: expect.any(String), rows: expect.any(Number) } });
        const res = await fetch(`${running.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...message('help'), deliveryMode: 'expectReplies' }),
        });
        const body = (await res.json()) as { activities: { attachments?: unknown[] }[] };
        expect(body.activities[0]?.attachments).toHaveLength(1);
        expect(existsSync(join(temp.dir, 'posture-bot.sqlite'))).toBe(true);
      } finally {
        await running.stop();
      }
    } finally {
      spy.mockRestore();
      temp.cleanup();
    }
  });
});
