// Azurite (the Azure Storage emulator, an npm dev dependency) on free loopback ports, in memory, for the tests and
// the storage bench, which run the Azure storage implementations against a real protocol peer.
// startAzurite() in beforeAll, stop() in afterAll.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Azurite's well-known development account (public, documented; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  connectionString: string;
  /** A fresh table name / container prefix, so suites sharing one emulator never see each other's data. */
  uniqueName(): string;
  stop(): Promise<void>;
}

export async function startAzurite(): Promise<Azurite> {
  const cwd = await mkdtemp(join(tmpdir(), 'posture-bot-azurite-'));
  const child = spawn(
    process.execPath,
    [
      require.resolve('azurite/dist/src/azurite.js'),
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '512',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      '0',
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      '0',
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const ports = await listeningPorts(child);
    const connectionString = [
      'DefaultEndpointsProtocol=http',
      `AccountName=${ACCOUNT}`,
      `AccountKey=${KEY}`,
      `BlobEndpoint=http://127.0.0.1:${ports.Blob}/${ACCOUNT}`,
      `TableEndpoint=http://127.0.0.1:${ports.Table}/${ACCOUNT}`,
    ].join(';');
    return {
      connectionString,
      uniqueName: () => `t${randomBytes(8).toString('hex')}`,
      stop: async () => {
        await stopChild(child);
        await rm(cwd, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopChild(child);
    await rm(cwd, { recursive: true, force: true });
    throw error;
  }
}

function listeningPorts(child: ChildProcess, timeoutMs = 60_000): Promise<Record<'Blob' | 'Table', number>> {
  return new Promise((resolve, reject) => {
    const ports: Record<string, number> = {};
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const match of output.matchAll(/Azurite (Blob|Table) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/g)) {
        ports[match[1] ?? ''] = Number(match[2]);
      }
      if (ports.Blob && ports.Table) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve({ Blob: ports.Blob, Table: ports.Table });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (${String(code)}) before listening:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
