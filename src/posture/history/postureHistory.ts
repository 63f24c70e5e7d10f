// The history of loads, kept in the records store as deltas: a base state (every assessment's status at the
// oldest load kept, packed in chunks) and, per later load, only the assessments whose state changed. Loads older
// than the retention are folded into the base. Reading the state at a time replays the deltas up to it.
import type { RecordsStore } from '../../storage/recordsStore';
import { allRecords } from '../../storage/recordPages';
import { ABSENT, pack, packChunks, unpack, type State, type StateCode } from './stateCodes';

export const HISTORY_COLLECTION = 'postureHistory';
/** Entries per base chunk record: about 900 kB of text each. */
const CHUNK_ENTRIES = 100_000;
const BASE_ID = 'base';
const LOAD_PREFIX = 'load/';

interface BaseRecord {
  at: number;
  chunks: number;
  entries: number;
}

interface LoadRecord {
  at: number;
  /** Packed hash + new code ('-' = gone). */
  changes: string;
  /** Names of rows that are gone in this load, when known. */
  labels?: Record<string, string>;
}

export interface LoadInfo {
  at: number;
  changes: number;
}

export interface PostureHistory {
  /** Records a load taken at `at`; nothing is written when it changed nothing after the first load. Returns the entries written. */
  record(state: State, at: number, labelOf?: (hash: string) => string | undefined): Promise<number>;
  /** When each kept load was taken, oldest first (the base counts as the first). */
  loads(): Promise<LoadInfo[]>;
  /** The state as of the last load at or before `at` (the base when `at` is older), and when that load was. */
  stateAt(at: number): Promise<{ state: State; loadedAt: number } | undefined>;
  /** The state after every load, and when the last one was. */
  latest(): Promise<{ state: State; loadedAt: number } | undefined>;
  /** Names recorded for rows that disappeared. */
  labels(): Promise<Map<string, string>>;
  /** Folds loads older than `before` into the base; returns how many were folded. */
  fold(before: number): Promise<number>;
}

const loadId = (at: number) => `${LOAD_PREFIX}${new Date(at).toISOString()}`;
const chunkId = (i: number) => `${BASE_ID}/${String(i).padStart(5, '0')}`;

export function createPostureHistory(records: RecordsStore): PostureHistory {
  async function readBase(): Promise<{ at: number; state: State } | undefined> {
    const base = await records.get<BaseRecord>(HISTORY_COLLECTION, BASE_ID);
    if (!base) return undefined;
    const state: State = new Map();
    for (let i = 0; i < base.value.chunks; i += 1) {
      const chunk = await records.get<string>(HISTORY_COLLECTION, chunkId(i));
      for (const [h, c] of unpack(chunk?.value ?? '')) state.set(h, c);
    }
    return { at: base.value.at, state };
  }

  async function writeBase(state: State, at: number): Promise<void> {
    // Chunk by chunk straight from the map (in its order): no array of every entry.
    const old = await records.get<BaseRecord>(HISTORY_COLLECTION, BASE_ID);
    let chunks = 0;
    for (const chunk of packChunks(state, CHUNK_ENTRIES)) await records.put(HISTORY_COLLECTION, chunkId(chunks++), chunk);
    for (let i = chunks; i < (old?.value.chunks ?? 0); i += 1) await records.delete(HISTORY_COLLECTION, chunkId(i));
    await records.put<BaseRecord>(HISTORY_COLLECTION, BASE_ID, { at, chunks, entries: state.size });
  }

  async function loadRecords(): Promise<LoadRecord[]> {
    const out: LoadRecord[] = [];
    for await (const r of allRecords<LoadRecord>(records, HISTORY_COLLECTION, { prefix: LOAD_PREFIX, pageSize: 200 })) out.push(r.value);
    return out.sort((a, b) => a.at - b.at);
  }

  const apply = (state: State, load: LoadRecord) => {
    for (const [h, c] of unpack(load.changes)) {
      if (c === ABSENT) state.delete(h);
      else state.set(h, c);
    }
  };

  async function stateAt(at: number): Promise<{ state: State; loadedAt: number } | undefined> {
    const base = await readBase();
    if (!base) return undefined;
    let loadedAt = base.at;
    for (const load of await loadRecords()) {
      if (load.at > at) break;
      apply(base.state, load);
      loadedAt = load.at;
    }
    return { state: base.state, loadedAt };
  }

  return {
    async record(state, at, labelOf) {
      const previous = await stateAt(Number.POSITIVE_INFINITY);
      if (!previous) {
        await writeBase(state, at);
        return state.size;
      }
      if (at <= previous.loadedAt) return 0;
      const changes: Array<[string, StateCode]> = [];
      for (const [h, c] of state) if (previous.state.get(h) !== c) changes.push([h, c]);
      const labels: Record<string, string> = {};
      for (const h of previous.state.keys()) {
        if (state.has(h)) continue;
        changes.push([h, ABSENT]);
        const label = labelOf?.(h);
        if (label) labels[h] = label;
      }
      if (changes.length === 0) return 0;
      await records.put<LoadRecord>(HISTORY_COLLECTION, loadId(at), { at, changes: pack(changes), ...(Object.keys(labels).length > 0 ? { labels } : {}) });
      return changes.length;
    },
    async loads() {
      const base = await records.get<BaseRecord>(HISTORY_COLLECTION, BASE_ID);
      if (!base) return [];
      return [{ at: base.value.at, changes: base.value.entries }, ...(await loadRecords()).map((l) => ({ at: l.at, changes: l.changes.length / 9 }))];
    },
    stateAt,
    latest: () => stateAt(Number.POSITIVE_INFINITY),
    async labels() {
      const out = new Map<string, string>();
      for (const load of await loadRecords()) for (const [h, label] of Object.entries(load.labels ?? {})) out.set(h, label);
      return out;
    },
    async fold(before) {
      // The loads first: reading the base (every entry) is only worth it when some load folds into it.
      const old = (await loadRecords()).filter((l) => l.at < before);
      if (old.length === 0) return 0;
      const base = await readBase();
      if (!base) return 0;
      for (const load of old) apply(base.state, load);
      await writeBase(base.state, old[old.length - 1]?.at ?? base.at);
      for (const load of old) await records.delete(HISTORY_COLLECTION, loadId(load.at));
      return old.length;
    },
  };
}
