// Local changes (status set by the bot, owner/due date assigned in Teams) live beside the export, never in it:
// kept in the records store under the export's hash and laid over the export's records at load time.
import { randomUUID } from 'node:crypto';
import type { RecordsStore } from '../storage/recordsStore';
import type { GovernanceRecord, OverlayChange, PostureRecord, RecordSink } from './model';

export const OVERLAY_COLLECTION = 'posture-overlay';

export interface OverlayStore {
  /** Records one change against the export with this hash. */
  add(exportHash: string, change: OverlayChange): Promise<void>;
  /** The changes for one export, oldest first. */
  list(exportHash: string): Promise<OverlayChange[]>;
}

export function createOverlayStore(records: RecordsStore): OverlayStore {
  return {
    async add(exportHash, change) {
      // Ids sort by time, so listing by prefix returns changes in the order they were made.
      const id = `${exportHash}:${String(change.at).padStart(15, '0')}:${randomUUID()}`;
      await records.put(OVERLAY_COLLECTION, id, change, { ifMatch: '*' });
    },
    async list(exportHash) {
      const stored = await records.list<OverlayChange>(OVERLAY_COLLECTION, { prefix: `${exportHash}:` });
      return stored.map((record) => record.value).sort((a, b) => a.at - b.at);
    },
  };
}

export interface OverlaySink extends RecordSink {
  /**
   * Emits the changed records; call once, after the export's own records. The store shifts every date by
   * `dateShiftMs` at finish (the demo tenant moves to now), but local changes happened now: pass the shift so
   * their dates are pre-compensated and come out unchanged.
   */
  finish(dateShiftMs?: number): void;
}

/**
 * Wraps a sink so the changes apply while the export streams through: the latest status change replaces an
 * assessment's status; the latest governance change is emitted after the export's records (the store keeps the
 * last governance record per assessment), merged over the export's own assignment so ETA and ticket survive.
 */
export function createOverlaySink(sink: RecordSink, changes: readonly OverlayChange[]): OverlaySink {
  const statusById = new Map<string, Extract<OverlayChange, { kind: 'status' }>>();
  const governanceById = new Map<string, Extract<OverlayChange, { kind: 'governance' }>>();
  for (const change of [...changes].sort((a, b) => a.at - b.at)) {
    const key = change.assessmentId.toLowerCase();
    if (change.kind === 'status') statusById.set(key, change);
    else governanceById.set(key, change);
  }
  const exportGovernance = new Map<string, GovernanceRecord>();
  const changedAssessments: Array<{ record: Extract<PostureRecord, { kind: 'assessment' }>; at: number }> = [];
  if (statusById.size === 0 && governanceById.size === 0) return { add: (record) => sink.add(record), finish: () => undefined };
  return {
    add(record: PostureRecord) {
      if (record.kind === 'assessment' && statusById.size > 0) {
        const change = statusById.get(record.id.toLowerCase());
        if (change) {
          changedAssessments.push({ record: { ...record, status: change.status }, at: change.at });
          return;
        }
      } else if (record.kind === 'governance' && governanceById.has(record.assessmentId)) {
        exportGovernance.set(record.assessmentId, record);
      }
      sink.add(record);
    },
    finish(dateShiftMs = 0) {
      for (const { record, at } of changedAssessments) sink.add({ ...record, statusChangeDate: at - dateShiftMs });
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
