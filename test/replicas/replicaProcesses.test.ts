// Two real bot processes on one Azure storage account (Azurite): one killed mid-turn with SIGKILL, the other answers
// the channel's redelivery exactly once; and a graceful drain on SIGTERM (unready, new turns refused with 503 +
// Retry-After, the running turn finishes, the job lease is released, exit 0).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { JOB_LEASES_COLLECTION } from '../../src/jobs/jobLease';
import { azureStorageClients } from '../../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../../src/storage/azure/azureRecordsStore';
import { message } from '../support/activities';
import { startAzurite, type Azurite } from '../support/azurite';

jest.setTimeout(240_000);
const ROOT = join(__dirname, '..', '..');
const LEASE_MS = 1_500;

let azurite: Azurite;
const children: ChildProcess[] = [];
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await azurite?.stop();
});

interface BotProcess {
  child: ChildProcess;
  url: string;
  printed(line: string): Promise<string>;
  exited: Promise<number | null>;
}

function startReplica(table: string, env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/tsRequire.js'), join(ROOT, 'test/support/replicaBot.ts')], {
    cwd: ROOT,
    env: { ...process.env, AZURITE: azurite.connectionString, TABLE: table, LEASE_MS: String(LEASE_MS), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  const waiters: Array<{ line: string; resolve: (text: string) => void }> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const w of waiters) if (out.includes(w.line)) w.resolve(out);
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = (line: string) =>
    new Promise<string>((resolve, reject) => {
      if (out.includes(line)) return resolve(out);
      waiters.push({ line, resolve });
      void exited.then((code) => reject(new Error(`replica exited (${code}) before printing ${line}: ${err}`)));
    });
  return printed('LISTENING ').then(() => ({ child, url: /LISTENING (\S+)/.exec(out)![1]!, printed, exited }));
}

const post = (url: string, activity: Partial<Activity>) =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }) });
const repliesOf = async (res: Response) =>
  ((await res.json()) as { activities: Array<{ type: string; text?: string }> }).activities.filter((a) => a.type === 'message').map((a) => a.text);

describe('two bot processes on one Azurite account', () => {
  it('answers the redelivery of a turn whose replica was killed mid-turn on the other replica, exactly once', async () => {
    const table = azurite.uniqueName();
    const [a, b] = await Promise.all([startReplica(table, { SLOW_MS: '60000' }), startReplica(table, { SLOW_MS: '0' })]);
    const activity = message('slow', { id: 'killed-1', conversationId: 'a:killed' });
    const lost = post(a.url, activity).catch((error: unknown) => error);
    await a.printed('TURN_STARTED');
    a.child.kill('SIGKILL');
    await a.exited;
    expect(await lost).toMatchObject({ message: 'fetch failed' });

    // Within the dead attempt's lease the redelivery is told to come back; after it, it is answered once.
    const early = await post(b.url, activity);
    if (early.status === 409) {
      expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 300));
    } else {
      expect(early.status).toBe(200);
    }
    const answered = early.status === 200 ? early : await post(b.url, activity);
    expect(answered.status).toBe(200);
    expect(await repliesOf(answered)).toEqual(['answered slowly']);
    // Another redelivery (to either replica) is acknowledged and not answered again.
    const again = await post(b.url, activity);
    expect(again.status).toBe(200);
    expect(await repliesOf(again)).toEqual([]);
    b.child.kill('SIGKILL');
  });

  it('drains on SIGTERM: unready, new turns refused with 503 and Retry-After, the running turn finishes, lease released, exit 0', async () => {
    const table = azurite.uniqueName();
    const bot = await startReplica(table, { SLOW_MS: '3000', TAKE_LEASE: '1', REPLICA: 'draining-replica' });
    const records = createAzureRecordsStore({ table: azureStorageClients({ connectionString: azurite.connectionString }).table(table), blobs: azureStorageClients({ connectionString: azurite.connectionString }).container(table) });
    expect((await records.get(JOB_LEASES_COLLECTION, 'replica-test'))?.value).toMatchObject({ holder: 'draining-replica' });
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);

    const running = post(bot.url, message('slow', { id: 'in-flight-1', conversationId: 'a:drain' }));
    await bot.printed('TURN_STARTED');
    bot.child.kill('SIGTERM');
    await bot.printed('DRAINING');

    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', reason: expect.stringContaining('shutting down'), inFlight: 1 });
    const refused = await post(bot.url, message('help', { id: 'new-1', conversationId: 'a:drain-2' }));
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { code: 'SHUTTING_DOWN' } });

    const finished = await running;
    expect(finished.status).toBe(200);
    expect(await repliesOf(finished)).toEqual(['answered slowly']);
    expect(await bot.printed('STOPPED')).toContain('STOPPED cutOff=0');
    expect(await bot.exited).toBe(0);
    expect(await records.get(JOB_LEASES_COLLECTION, 'replica-test')).toBeUndefined();
    await records.close();
  });
});
