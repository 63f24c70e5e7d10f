// Local changes (status set by the bot, owner/due date assigned in Teams) live beside the export, never in it:
// kept in the records store, each under the hash of the export it was made on, and laid over the data by the posture
// holder. Every add or retirement also rewrites one version record, so other processes on the same DATA_DIR notice
// a change by reading that one record instead of listing every change.
import { randomUUID } from 'node:crypto';
import type { RecordsStore } from '../storage/recordsStore';
import type { GovernanceRecord, OverlayChange, PostureRecord, RecordSink } from './model';

export const OVERLAY_COLLECTION = 'posture-overlay';
export const OVERLAY_VERSION_COLLECTION = 'posture-overlay-version';
const VERSION_ID = 'latest';

export interface OverlayEntry {
  id: string;
  exportHash: string;
  change: OverlayChange;
}

export interface OverlayStore {
  /** Records one change against the export with this hash; returns its id. */
  add(exportHash: string, change: OverlayChange): Promise<string>;
  /** The changes for one export, oldest first. */
  list(exportHash: string): Promise<OverlayChange[]>;
  /** Every export's changes, oldest first: loading needs them before it knows the export's hash. */
  listAll(): Promise<Array<{ exportHash: string; change: OverlayChange }>>;
  /** Every change with its id, oldest first. */
  entries(): Promise<OverlayEntry[]>;
  /** Deletes changes the data now shows; ids already gone are skipped. */
  retire(ids: readonly string[]): Promise<number>;
  /** Changes on every add and retirement, in any process sharing the store; undefined before the first. */
  version(): Promise<string | undefined>;
}

export function createOverlayStore(records: RecordsStore): OverlayStore {
  const byTime = (a: { change: OverlayChange }, b: { change: OverlayChange }) => a.change.at - b.change.at;
  const bump = (at: number) => records.put(OVERLAY_VERSION_COLLECTION, VERSION_ID, { at });
  return {
    async add(exportHash, change) {
      // Ids sort by time, so listing by prefix returns changes in the order they were made.
      const id = `${exportHash}:${String(change.at).padStart(15, '0')}:${randomUUID()}`;
      await records.put(OVERLAY_COLLECTION, id, change, { ifMatch: '*' });
      await bump(change.at);
      return id;
    },
    async list(exportHash) {
      const stored = await records.list<OverlayChange>(OVERLAY_COLLECTION, { prefix: `${exportHash}:` });
      return stored.map((record) => record.value).sort((a, b) => a.at - b.at);
    },
    async listAll() {
      const stored = await records.list<OverlayChange>(OVERLAY_COLLECTION);
      return stored.map((record) => ({ exportHash: record.id.slice(0, record.id.indexOf(':')), change: record.value })).sort(byTime);
    },
    async entries() {
      const stored = await records.list<OverlayChange>(OVERLAY_COLLECTION);
      return stored.map((record) => ({ id: record.id, exportHash: record.id.slice(0, record.id.indexOf(':')), change: record.value })).sort(byTime);
    },
    async retire(ids) {
      let removed = 0;
      for (const id of ids) if (await records.delete(OVERLAY_COLLECTION, id)) removed++;
      if (removed > 0) await bump(Date.now());
      return removed;
    },
    async version() {
      return (await records.get(OVERLAY_VERSION_COLLECTION, VERSION_ID))?.etag;
    },
  };
}

export interface OverlaySink extends RecordSink {
  /**
   * Emits the held records with this export's changes applied; call once, after the export's own records. The store
   * shifts every date by `dateShiftMs` at finish (the demo tenant moves to now), but local changes happened now: pass
   * the shift so their dates are pre-compensated and come out unchanged.
   */
  finish(changes: readonly OverlayChange[], dateShiftMs?: number): void;
}

/**
 * Wraps a sink so local changes can be laid over the export without reading it twice: assessments that any change
 * (for any export) names are held back while the export streams through; at finish, when the export's hash is
 * known, the latest status change replaces a held assessment's status, and the latest governance change is emitted
 * after the export's records (the store keeps the last governance record per assessment), merged over the export's
 * own assignment so ETA and ticket survive.
 */
export function createOverlaySink(sink: RecordSink, candidates: readonly OverlayChange[]): OverlaySink {
  const idsOf = (kind: OverlayChange['kind']) => new Set(candidates.filter((c) => c.kind === kind).map((c) => c.assessmentId.toLowerCase()));
  const statusIds = idsOf('status');
  const governanceIds = idsOf('governance');
  if (candidates.length === 0) return { add: (record) => sink.add(record), finish: () => undefined };
  const held = new Map<string, Extract<PostureRecord, { kind: 'assessment' }>>();
  const exportGovernance = new Map<string, GovernanceRecord>();
  return {
    add(record: PostureRecord) {
      if (record.kind === 'assessment' && statusIds.has(record.id.toLowerCase())) {
        held.set(record.id.toLowerCase(), record);
        return;
      }
      if (record.kind === 'governance' && governanceIds.has(record.assessmentId)) exportGovernance.set(record.assessmentId, record);
      sink.add(record);
    },
    finish(changes, dateShiftMs = 0) {
      const statusById = new Map<string, Extract<OverlayChange, { kind: 'status' }>>();
      const governanceById = new Map<string, Extract<OverlayChange, { kind: 'governance' }>>();
      for (const change of [...changes].sort((a, b) => a.at - b.at)) {
        const key = change.assessmentId.toLowerCase();
        if (change.kind === 'status') statusById.set(key, change);
        else governanceById.set(key, change);
      }
      for (const [id, record] of held) {
        const change = statusById.get(id);
        sink.add(change ? { ...record, status: change.status, statusChangeDate: change.at - dateShiftMs } : record);
      }
      for (const [assessmentId, change] of governanceById) {
        const base = exportGovernance.get(assessmentId);
        const record: GovernanceRecord = { ...(base ?? {}), kind: 'governance', id: base?.id ?? `overlay:${assessmentId}`, assessmentId };
        if (change.owner !== undefined) record.owner = change.owner;
        if (change.dueDate !== undefined) record.dueDate = change.dueDate - dateShiftMs;
        sink.add(record);
      }
    },
  };
}
