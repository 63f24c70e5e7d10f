// At-least-once delivery, exactly-once answers (issue 9 item 1): the bot process is killed with SIGKILL mid-turn
// and restarted on the same DATA_DIR; the channel's redelivery of that activity is answered, exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { message } from '../support/activities';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';

const ROOT = join(__dirname, '..', '..');
const LEASE_MS = 1_500;

interface BotProcess {
  child: ChildProcess;
  url: string;
  /** Resolves when the process printed `line`. */
  printed(line: string): Promise<void>;
}

function startBot(dataDir: string, slowMs: number): Promise<BotProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/tsRequire.js'), join(ROOT, 'test/support/killableBot.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, SLOW_MS: String(slowMs), LEASE_MS: String(LEASE_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<{ line: string; resolve: () => void }> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const w of waiters) if (out.includes(w.line)) w.resolve();
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const printed = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(line)) return resolve();
      waiters.push({ line, resolve });
      child.once('exit', (code) => reject(new Error(`bot exited (${code}) before printing ${line}: ${err}`)));
    });
  return printed('LISTENING ').then(() => ({ child, url: /LISTENING (\S+)/.exec(out)![1]!, printed }));
}

const post = (url: string, activity: Partial<Activity>) =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }) });
/** The messages in an expectReplies answer (a slow turn also gets typing indicators). */
const repliesOf = async (res: Response) =>
  ((await res.json()) as { activities: Array<{ type: string; text?: string }> }).activities.filter((a) => a.type === 'message').map((a) => a.text);

describe('a bot killed mid-turn', () => {
  let data: TempDataDir;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    data = createTempDataDir();
  });
  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    data.cleanup();
  });

  it('answers the redelivered activity after a restart on the same DATA_DIR, exactly once', async () => {
    const activity = message('slow', { id: 'crash-1' });
    const first = await startBot(data.dir, 60_000);
    children.push(first.child);
    const lost = post(first.url, activity).catch((error: unknown) => error);
    await first.printed('TURN_STARTED');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(await lost).toMatchObject({ message: 'fetch failed' }); // the channel saw the connection drop: it will redeliver

    const second = await startBot(data.dir, 0);
    children.push(second.child);
    // Within the dead attempt's lease the redelivery is told to come back later, and nothing is answered.
    const early = await post(second.url, activity);
    if (early.status === 409) {
      expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    } else {
      expect(early.status).toBe(200); // the machine was slow enough that the lease already ran out
    }
    const answered = early.status === 200 ? early : await post(second.url, activity);
    expect(answered.status).toBe(200);
    expect(await repliesOf(answered)).toEqual(['answered slowly']);
    // Later redeliveries of the same activity are ignored: exactly one answer in all.
    const again = await post(second.url, activity);
    expect(again.status).toBe(200);
    expect(await repliesOf(again)).toEqual([]);
    second.child.kill('SIGTERM');
  }, 60_000);

  it('tells a redelivery during a live turn that it is in progress (409), and answers the first one only', async () => {
    const bot = await startBot(data.dir, 2_500);
    children.push(bot.child);
    const activity = message('slow', { id: 'concurrent-1' });
    const firstAnswer = post(bot.url, activity);
    await bot.printed('TURN_STARTED');
    const redelivery = await post(bot.url, activity);
    expect(redelivery.status).toBe(409);
    expect(await redelivery.json()).toMatchObject({ error: { code: 'DELIVERY_IN_PROGRESS' } });
    expect(await repliesOf(await firstAnswer)).toEqual(['answered slowly']);
    expect(await repliesOf(await post(bot.url, activity))).toEqual([]);
    bot.child.kill('SIGTERM');
  }, 60_000);
});
