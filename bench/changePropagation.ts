// How long a posture change made in one bot process takes to show in another on the same DATA_DIR.
// `node dist/bench/changePropagation.js [changes]` (after npm run build): forks a writer and a reader, each opening
// the posture holder on the embedded demo tenant with its own SQLite connection under one temp DATA_DIR, as two
// bot processes would. The writer applies owner changes one at a time; the reader checks current() every 10 ms and
// reports when it sees each. Delay = seen (reader clock) - written (writer clock, after the change is durable).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../src/logging/logger';
import type { PostureEngine } from '../src/posture/engine';
import { openPostureHolder } from '../src/posture/postureHolder';
import { SYSTEM_VIEWER } from '../src/posture/viewer';
import { createSqliteDatabase } from '../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../src/storage/sqliteRecordsStore';
import { percentile, round } from './stats';

type Message = { type: 'ready'; targets: string[] } | { type: 'written'; index: number; at: number } | { type: 'seen'; index: number; at: number };

const ownerFor = (index: number) => `propagation-${index}@example.com`;

async function child(role: 'writer' | 'reader', dataDir: string): Promise<void> {
  const database = createSqliteDatabase(dataDir);
  const holder = await openPostureHolder({ postureLenient: false }, { logger: createSilentLogger(), records: createSqliteRecordsStore(database) });
  const send = (message: Message) => process.send?.(message);
  const engine: PostureEngine = holder.current();
  const targets = engine.search(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 50 }).items.map((row) => row.assessmentId);
  process.on('message', (raw: { type: 'write' | 'watch' | 'stop'; index: number; target: string }) => {
    if (raw.type === 'stop') {
      holder.close();
      database.close();
      process.exit(0);
    }
    if (role === 'writer' && raw.type === 'write') {
      void holder.applyChange({ kind: 'governance', assessmentId: raw.target, owner: ownerFor(raw.index), at: Date.now(), by: 'bench' }).then(() => send({ type: 'written', index: raw.index, at: Date.now() }));
    }
    if (role === 'reader' && raw.type === 'watch') {
      const timer = setInterval(() => {
        if (holder.current().details(SYSTEM_VIEWER, raw.target)?.owner === ownerFor(raw.index)) {
          clearInterval(timer);
          send({ type: 'seen', index: raw.index, at: Date.now() });
        }
      }, 10);
    }
  });
  send({ type: 'ready', targets });
}

function next(processChild: ChildProcess, type: Message['type']): Promise<Message> {
  return new Promise((resolve) => {
    const listener = (message: Message) => {
      if (message.type !== type) return;
      processChild.off('message', listener);
      resolve(message);
    };
    processChild.on('message', listener);
  });
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'posture-propagation-'));
  const writer = fork(__filename, ['--child', 'writer', dataDir]);
  const reader = fork(__filename, ['--child', 'reader', dataDir]);
  try {
    const [ready] = await Promise.all([next(writer, 'ready'), next(reader, 'ready')]);
    const targets = ready.type === 'ready' ? ready.targets : [];
    const delays: number[] = [];
    for (let index = 0; index < count; index++) {
      const target = targets[index % targets.length] as string;
      reader.send({ type: 'watch', index, target });
      const seen = next(reader, 'seen');
      writer.send({ type: 'write', index, target });
      const written = await next(writer, 'written');
      const shown = await seen;
      delays.push(shown.type === 'seen' && written.type === 'written' ? shown.at - written.at : Number.NaN);
      // Spread the writes over the poll phase.
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
    }
    const summary = { changes: count, p50Ms: round(percentile(delays, 50), 0), p95Ms: round(percentile(delays, 95), 0), maxMs: Math.max(...delays), delaysMs: delays };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    writer.send({ type: 'stop' });
    reader.send({ type: 'stop' });
    await Promise.all([new Promise((r) => writer.once('exit', r)), new Promise((r) => reader.once('exit', r))]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3] === 'writer' ? 'writer' : 'reader', process.argv[4] as string).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
