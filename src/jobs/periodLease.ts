// "Once per period, whichever replica gets there first": one lease record per job in the RecordsStore port. A
// replica claims it with the record's etag (so two claims cannot both succeed), does the work, and marks the period
// done; a replica that dies mid-run leaves a lease that expires, and another takes the period over.
import { isStorageConflict } from '../errors/appError';
import type { RecordsStore, StoredRecord } from '../storage/recordsStore';

export const JOB_LEASES_COLLECTION = 'jobLeases';

interface Lease {
  holder: string;
  /** Epoch ms after which another replica may take the job over. */
  expiresAt: number;
  /** The last period whose run finished. */
  donePeriod: number;
}

export type LeaseOutcome<T> = { ran: true; result: T } | { ran: false; reason: 'done' | 'held' };

export interface PeriodLease {
  /** Runs `work` for `period` unless that period is done or another holder's lease is live. */
  runOnce<T>(period: number, at: number, work: () => Promise<T>): Promise<LeaseOutcome<T>>;
}

export function createPeriodLease(records: RecordsStore, options: { job: string; holder: string; leaseMs: number }): PeriodLease {
  return {
    async runOnce(period, at, work) {
      const current = await records.get<Lease>(JOB_LEASES_COLLECTION, options.job);
      if (current && current.value.donePeriod >= period) return { ran: false, reason: 'done' };
      if (current && current.value.holder !== options.holder && current.value.expiresAt > at) return { ran: false, reason: 'held' };
      let claimed: StoredRecord<Lease>;
      try {
        claimed = await records.put<Lease>(JOB_LEASES_COLLECTION, options.job, { holder: options.holder, expiresAt: at + options.leaseMs, donePeriod: current?.value.donePeriod ?? -1 }, { ifMatch: current ? current.etag : '*' });
      } catch (error) {
        if (isStorageConflict(error)) return { ran: false, reason: 'held' };
        throw error;
      }
      const result = await work();
      try {
        await records.put<Lease>(JOB_LEASES_COLLECTION, options.job, { holder: options.holder, expiresAt: at, donePeriod: period }, { ifMatch: claimed.etag });
      } catch (error) {
        // Taken over after our lease expired: the other holder marks the period.
        if (!isStorageConflict(error)) throw error;
      }
      return { ran: true, result };
    },
  };
}
