// The live-read benches' Resource Graph, in its own process so the reader's RSS and CPU are measured alone: generates
// a demo estate of N assessments once into one JSON Lines file per table and row type, then serves it through the
// loopback fake, streaming files from disk page by page (nothing of the estate is held in memory).
// - Like Resource Graph's own indexes, it skips what a query cannot match: files of row types the query's
//   `type in~` leaves out, files whose newest change date is older than a change filter's time, and, for
//   `where id in~ (...)`, it reads just those rows by their place in the file.
// - Edits between reads (message `change`): some assessments change status (statusChangeDate = the given time) and
//   some resources are re-tagged, each with its resourcechanges row (changeType Update), as a refresh would find them.
// Usage (forked by bench/azureReadBench.ts and bench/azureRefreshBench.ts):
//   node dist/bench/servers/fakeResourceGraphProcess.js <assessments> <dir>
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { demoTenantRows } from '../../src/posture/demo/generator';
import { changedSinceOfQuery, idsOfQuery, startFakeResourceGraph, tableOf, type Table } from './fakeResourceGraph';

interface RowFile {
  table: Table;
  type: string;
  path: string;
  rows: number;
  /** The newest change date of its rows (status change, generated, change timestamp), epoch ms; -Infinity for none. */
  newestChange: number;
}

type Row = Record<string, unknown> & { id: string };

function* rowsOf(file: string): Generator<Row> {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const lines = (rest + decoder.write(buffer.subarray(0, read))).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line) yield JSON.parse(line) as Row;
    }
    rest += decoder.end();
    if (rest) yield JSON.parse(rest) as Row;
  } finally {
    closeSync(fd);
  }
}

function readAt(path: string, offset: number, length: number): Row {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, offset);
    return JSON.parse(buffer.toString('utf8')) as Row;
  } finally {
    closeSync(fd);
  }
}

const typeOf = (row: unknown): string => String((row as { type?: unknown }).type ?? '').toLowerCase();
const lower = (row: unknown): string => String((row as { id?: unknown }).id ?? '').toLowerCase();

function changeDateOf(row: Row): number {
  const props = row.properties as Record<string, unknown> | undefined;
  const status = props?.status as Record<string, unknown> | undefined;
  const attributes = props?.changeAttributes as Record<string, unknown> | undefined;
  const value = status?.statusChangeDate ?? props?.timeGenerated ?? attributes?.timestamp;
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
}

async function main(): Promise<void> {
  const assessments = Number(process.argv[2]);
  const dir = process.argv[3] ?? '.';
  const started = performance.now();
  const files = new Map<string, RowFile & { fd: number; offset: number; pending: string[] }>();
  /** Rows of the resources table by lower-cased id: their file and place in it. */
  const resourceIndex = new Map<string, { path: string; offset: number; length: number }>();
  const counts: Record<string, number> = {};
  const flush = (file: RowFile & { fd: number; pending: string[] }): void => {
    if (file.pending.length > 0) writeSync(file.fd, file.pending.join(''));
    file.pending = [];
  };
  let n = 0;
  for (const row of demoTenantRows({ assessmentCount: assessments }) as Iterable<Row>) {
    const table = tableOf(row);
    const type = typeOf(row);
    const key = `${table}--${type.replace(/[^a-z0-9]+/g, '_')}`;
    let file = files.get(key);
    if (!file) {
      const path = join(dir, `${key}.jsonl`);
      file = { table, type, path, rows: 0, newestChange: Number.NEGATIVE_INFINITY, fd: openSync(path, 'w'), offset: 0, pending: [] };
      files.set(key, file);
    }
    const line = `${JSON.stringify(row)}\n`;
    const length = Buffer.byteLength(line);
    if (table === 'resources') resourceIndex.set(lower(row), { path: file.path, offset: file.offset, length: length - 1 });
    file.offset += length;
    file.rows++;
    file.newestChange = Math.max(file.newestChange, changeDateOf(row));
    file.pending.push(line);
    counts[table] = (counts[table] ?? 0) + 1;
    if (file.pending.length >= 2000) flush(file);
    n++;
  }
  for (const file of files.values()) {
    flush(file);
    closeSync(file.fd);
  }
  const generateMs = Math.round(performance.now() - started);

  /** Rows changed since generation, by table and lower-cased id (replacing the file's row, or new). */
  const edits = new Map<Table, Map<string, Row>>();
  const editsOf = (table: Table): Map<string, Row> => {
    let map = edits.get(table);
    if (!map) edits.set(table, (map = new Map()));
    return map;
  };

  function* stream(table: Table, query: string): Generator<unknown> {
    const changed = editsOf(table);
    const ids = idsOfQuery(query);
    if (ids) {
      for (const id of ids) {
        const edited = changed.get(id);
        const place = resourceIndex.get(id);
        if (edited) yield edited;
        else if (table === 'resources' && place) yield readAt(place.path, place.offset, place.length);
      }
      return;
    }
    const typeList = /\|\s*where\s+type\s+in~\s*\(([^)]*)\)/i.exec(query);
    const types = typeList ? new Set([...(typeList[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => (m[1] ?? '').toLowerCase())) : undefined;
    const since = changedSinceOfQuery(query);
    const served = new Set<string>();
    for (const file of files.values()) {
      if (file.table !== table || (types && !types.has(file.type))) continue;
      // A file none of whose rows changed at or after the asked time: only its edited rows can match (served below).
      if (since !== undefined && file.newestChange < since) continue;
      for (const row of rowsOf(file.path)) {
        const id = lower(row);
        const edited = changed.get(id);
        if (edited) served.add(id);
        yield edited ?? row;
      }
    }
    for (const [id, row] of changed) if (!served.has(id)) yield row;
  }

  /** Changes `count` assessments (status flipped) and `resources` resources (re-tagged), dated `at`. */
  const change = (count: number, resources: number, at: string, round: number): { assessments: Array<{ id: string; status: string }>; resources: string[] } => {
    const sample: Array<{ id: string; status: string }> = [];
    const assessmentFiles = [...files.values()].filter((file) => file.type === 'microsoft.security/assessments');
    const total = assessmentFiles.reduce((sum, file) => sum + file.rows, 0);
    const every = Math.max(1, Math.floor(total / Math.max(1, count)));
    let index = 0;
    let changedCount = 0;
    for (const file of assessmentFiles) {
      for (const row of rowsOf(file.path)) {
        if (index++ % every !== round % every || changedCount >= count) continue;
        const current = editsOf('securityresources').get(lower(row)) ?? row;
        const props = (current.properties ?? {}) as Record<string, unknown>;
        const status = (props.status ?? {}) as Record<string, unknown>;
        const code = status.code === 'Unhealthy' ? 'Healthy' : 'Unhealthy';
        editsOf('securityresources').set(lower(row), { ...current, properties: { ...props, status: { ...status, code, statusChangeDate: at } } });
        changedCount++;
        if (sample.length < 20) sample.push({ id: row.id, status: code });
      }
    }
    const ids = [...resourceIndex.keys()];
    const step = Math.max(1, Math.floor(ids.length / Math.max(1, resources)));
    const retagged: string[] = [];
    for (let i = round % step; i < ids.length && retagged.length < resources; i += step) {
      const key = ids[i] as string;
      const place = resourceIndex.get(key);
      if (!place) continue;
      const current = editsOf('resources').get(key) ?? readAt(place.path, place.offset, place.length);
      const tags = (current.tags ?? {}) as Record<string, string>;
      editsOf('resources').set(key, { ...current, tags: { ...tags, benchRound: String(round) } });
      const changeId = `${current.id}/providers/Microsoft.Resources/changes/bench-${round}-${retagged.length}`;
      editsOf('resourcechanges').set(changeId.toLowerCase(), {
        id: changeId,
        type: 'microsoft.resources/changes',
        properties: {
          targetResourceId: current.id,
          targetResourceType: current.type,
          changeType: 'Update',
          changeAttributes: { changesCount: 1, changedByType: 'User', clientType: 'Azure Portal', operation: `${String(current.type)}/write`, timestamp: at },
          changes: { 'tags.benchRound': { newValue: String(round), previousValue: tags.benchRound ?? null, changeCategory: 'User', propertyChangeType: tags.benchRound ? 'Update' : 'Insert' } },
        },
      });
      retagged.push(current.id);
    }
    return { assessments: sample, resources: retagged.slice(0, 20) };
  };

  let pageMs = 0;
  const fake = await startFakeResourceGraph({ stream, onPageBuilt: (ms) => (pageMs += ms) });
  process.on('message', (message: { type?: string; assessments?: number; resources?: number; at?: string; round?: number }) => {
    if (message.type === 'pageMs') process.send?.({ type: 'pageMs', pageMs: Math.round(pageMs) });
    if (message.type === 'change') {
      const sample = change(message.assessments ?? 0, message.resources ?? 0, message.at ?? new Date().toISOString(), message.round ?? 0);
      process.send?.({ type: 'changed', ...sample });
    }
    if (message.type === 'stop') void fake.close().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', port: fake.port, rows: n, counts, resources: resourceIndex.size, generateMs });
}

main().catch((error: unknown) => {
  process.stderr.write(`fake Resource Graph failed: ${String(error)}\n`);
  process.exit(1);
});
