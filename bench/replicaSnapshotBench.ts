// Posture across two replicas on one Azure storage account (Azurite): `npm run bench:replicas -- --rows N`.
// Forks three processes on one demo export of N assessment rows: "alone" loads it without sharing (the memory
// floor), "reader" takes the posture-load lease, reads the export and publishes the snapshot blob, "adopter" starts
// after it and adopts the blob. Reports load/adopt times, the blob size, each process's RSS and heap after a GC, and
// propagation: a posture change made on the reader until the adopter shows it (records-store poll), and new data
// read on the reader until the adopter serves it (snapshot poll + adopt). `--memory-only` (for 1M rows on a busy
// machine) skips the floor process and the second read: reader and adopter memory, load/adopt times, change propagation.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { createJobLease } from '../src/jobs/jobLease';
import { createSilentLogger } from '../src/logging/logger';
import { openPostureHolder } from '../src/posture/postureHolder';
import { postureSourceKey } from '../src/posture/snapshotSharing';
import { SYSTEM_VIEWER } from '../src/posture/viewer';
import { projectRoot } from '../src/paths';
import { azureStorageClients } from '../src/storage/azure/azureClients';
import { createAzureRecordsStore } from '../src/storage/azure/azureRecordsStore';
import { createAzureSnapshotStore, SNAPSHOT_BLOB } from '../src/storage/azure/azureSnapshotStore';
import { startAzurite } from './azurite';
import { positiveWholeArg } from './cliArgs';
import { ensureDemoExport } from './demoExports';

type Role = 'alone' | 'reader' | 'adopter';
interface Report { type: 'ready'; role: Role; loadMs: number; rssMb: number; heapMb: number; rows: number; target: string }

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
function memory(): { rssMb: number; heapMb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rssMb: mb(usage.rss), heapMb: mb(usage.heapUsed + usage.arrayBuffers) };
}

async function child(role: Role, path: string, connectionString: string, account: string): Promise<void> {
  const clients = azureStorageClients({ connectionString });
  const records = createAzureRecordsStore({ table: clients.table(account), blobs: clients.container(account) });
  const settings = { postureSnapshot: path, postureLenient: true };
  const started = performance.now();
  const holder = await openPostureHolder(settings, {
    logger: createSilentLogger(),
    records,
    ...(role === 'alone'
      ? {}
      : { shared: { store: createAzureSnapshotStore(clients.container(account)), lease: createJobLease(records, { job: 'posture-load', holder: role, ttlMs: 600_000 }), sourceKey: postureSourceKey(settings), replica: role, maxAgeMs: 0, waitMs: 600_000 } }),
  });
  const loadMs = Math.round(performance.now() - started);
  const target = holder.current().search(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 1 }).items[0]?.assessmentId ?? '';
  process.send?.({ type: 'ready', role, loadMs, rows: holder.info().rows, target, ...memory() } satisfies Report);
  process.on('message', (message: { type: string; target?: string; owner?: string }) => {
    if (message.type === 'change') void holder.applyChange({ kind: 'governance', assessmentId: message.target ?? '', owner: message.owner ?? '', at: Date.now(), by: 'bench' }).then(() => process.send?.({ type: 'changed', at: Date.now() }));
    if (message.type === 'reload') void holder.reload().then(() => process.send?.({ type: 'reloaded', at: Date.now(), loadedAt: holder.info().loadedAt }));
    if (message.type === 'watchOwner' || message.type === 'watchNewData') {
      const before = holder.info().loadedAt;
      const timer = setInterval(() => {
        const seen = message.type === 'watchOwner' ? holder.current().details(SYSTEM_VIEWER, message.target ?? '')?.owner === message.owner : holder.info().loadedAt !== before;
        if (seen) {
          clearInterval(timer);
          process.send?.({ type: 'seen', at: Date.now(), ...memory() });
        }
      }, 10);
    }
    if (message.type === 'stop') {
      holder.close();
      process.exit(0);
    }
  });
}

function next<T>(processChild: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (message: { type: string }) => {
      if (message.type !== type) return;
      processChild.off('message', listener);
      resolve(message as T);
    };
    processChild.on('message', listener);
    processChild.once('exit', (code) => reject(new Error(`a bench process exited (${code}) before ${type}`)));
  });
}

async function main(): Promise<void> {
  const rows = positiveWholeArg('rows', 1_000_000);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const exported = await ensureDemoExport(rows, join(projectRoot(), '.data', 'bench'), log);
  const azurite = await startAzurite();
  const account = azurite.uniqueName();
  const start = (role: Role) => fork(__filename, ['--child', role, exported.path, azurite.connectionString, account], { execArgv: ['--expose-gc', '--max-old-space-size=8192'] });
  const memoryOnly = process.argv.includes('--memory-only');
  const children: ChildProcess[] = [];
  try {
    let aloneReport: Report | undefined;
    if (!memoryOnly) {
      const alone = start('alone');
      children.push(alone);
      aloneReport = await next<Report>(alone, 'ready');
      alone.send({ type: 'stop' });
    }
    const reader = start('reader');
    children.push(reader);
    const readerReport = await next<Report>(reader, 'ready');
    const blob = await azureStorageClients({ connectionString: azurite.connectionString }).container(account).getBlockBlobClient(SNAPSHOT_BLOB).getProperties();
    const adopter = start('adopter');
    children.push(adopter);
    const adopterReport = await next<Report>(adopter, 'ready');

    // A posture change made on the reader, until the adopter shows it.
    const owner = `bench-${Date.now()}@example.com`;
    adopter.send({ type: 'watchOwner', target: readerReport.target, owner });
    const ownerSeen = next<{ at: number }>(adopter, 'seen');
    reader.send({ type: 'change', target: readerReport.target, owner });
    const changed = await next<{ at: number }>(reader, 'changed');
    const changeMs = (await ownerSeen).at - changed.at;

    // New data: the reader reads the source again and publishes; until the adopter serves that read.
    let republish: { ms: number; rssMb: number } | undefined;
    if (!memoryOnly) {
      adopter.send({ type: 'watchNewData' });
      const dataSeenNext = next<{ at: number; rssMb: number; heapMb: number }>(adopter, 'seen');
      await new Promise((resolve) => setTimeout(resolve, 100));
      reader.send({ type: 'reload' });
      const reloaded = await next<{ at: number }>(reader, 'reloaded');
      const dataSeen = await dataSeenNext;
      republish = { ms: dataSeen.at - reloaded.at, rssMb: dataSeen.rssMb };
    }
    const summary = {
      rows: readerReport.rows,
      exportMb: exported.fileMb,
      snapshotBlobMb: Math.round(((blob.contentLength ?? 0) / 2 ** 20) * 10) / 10,
      loadMs: { alone: aloneReport?.loadMs, readerReadAndPublish: readerReport.loadMs, adopterAdopt: adopterReport.loadMs },
      rssMb: { alone: aloneReport?.rssMb, reader: readerReport.rssMb, adopter: adopterReport.rssMb, adopterAfterReadopt: republish?.rssMb },
      heapMb: { alone: aloneReport?.heapMb, reader: readerReport.heapMb, adopter: adopterReport.heapMb },
      adopterRssOverFloor: aloneReport ? Math.round((adopterReport.rssMb / aloneReport.rssMb) * 100) / 100 : undefined,
      adopterRssOverReader: Math.round((adopterReport.rssMb / readerReport.rssMb) * 100) / 100,
      changePropagationMs: changeMs,
      republishToAdopterMs: republish?.ms,
      loadAverage: loadavg().map((v) => Math.round(v * 10) / 10),
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    for (const c of [reader, adopter]) c.send({ type: 'stop' });
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
    await azurite.stop();
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as Role, process.argv[4] ?? '', process.argv[5] ?? '', process.argv[6] ?? '').catch((error: unknown) => {
    process.stderr.write(`bench child failed: ${String(error)}\n`);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
