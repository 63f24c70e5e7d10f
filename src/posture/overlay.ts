// Local changes (status set by the bot, owner/due date assigned in Teams) live beside the export, never in it:
// kept in the records store, each under the hash of the export it was made on, and laid over the data by the posture
// holder. Every add or retirement also rewrites one version record, so other processes on the same DATA_DIR notice
// a change by reading that one record instead of listing every change.
import { randomUUID } from 'node:crypto';
import type { RecordsStore } from '../storage/recordsStore';
import type { OverlayChange } from './model';

export const OVERLAY_COLLECTION = 'posture-overlay';
export const OVERLAY_VERSION_COLLECTION = 'posture-overlay-version';
const VERSION_ID = 'latest';

export interface OverlayEntry {
  id: string;
  exportHash: string;
  change: OverlayChange;
}

export interface OverlayStore {
  /** Records one change, with the hash of the export it was made on; returns its id. */
  add(exportHash: string, change: OverlayChange): Promise<string>;
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
