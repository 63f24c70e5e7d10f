// Starts the real bot (compiled, in a throwaway DATA_DIR) and the Agents Playground on free ports for browser tests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { defaultBotEntry, findFreePort, spawnBot, spawnPlayground, waitForHttp, type ManagedChild } from '../../../src/cli/start';

export interface RunningProcess {
  url: string;
  child: ManagedChild;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface RunningBot extends RunningProcess {
  port: number;
  dataDir: string;
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
  });
  return { stream, text: () => text };
}

async function startedOrExplained(child: ManagedChild, url: string, output: () => string): Promise<void> {
  try {
    await waitForHttp(url, { timeoutMs: 60_000, child });
  } catch (error) {
    await child.stop();
    const tail = output().split('\n').slice(-30).join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- last output ---\n${tail}`);
  }
}

/** The bot without authentication (local only), so the Playground needs no tokens. */
export async function startBot(options: { env?: NodeJS.ProcessEnv } = {}): Promise<RunningBot> {
  const entry = defaultBotEntry();
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run the browser test with npm run test:e2e (it builds first)`);
  const port = await findFreePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'posture-bot-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_ENV: 'local',
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    BOT_ID: '',
    BOT_PASSWORD: '',
    BOT_TENANT_ID: '',
    ...options.env,
  };
  const log = collect();
  const child = spawnBot({ env, port, output: log.stream });
  const url = `http://127.0.0.1:${port}`;
  await startedOrExplained(child, `${url}/healthz`, log.text);
  return {
    url,
    port,
    dataDir,
    child,
    output: log.text,
    stop: async () => {
      await child.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startPlayground(bot: { url: string }): Promise<RunningProcess> {
  const port = await findFreePort();
  const cwd = mkdtempSync(join(tmpdir(), 'posture-bot-playground-'));
  const log = collect();
  const child = spawnPlayground({ port, botEndpoint: `${bot.url}/api/messages`, cwd, output: log.stream });
  await startedOrExplained(child, `http://127.0.0.1:${port}/_debug/ping`, log.text);
  return {
    url: `http://localhost:${port}`,
    child,
    output: log.text,
    stop: async () => {
      await child.stop();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
