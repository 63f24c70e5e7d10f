// Leases for periodic jobs when several replicas share storage: a job runs on the replica holding its lease. The
// holder renews it on each run; if the holder dies, another replica takes it over once it has lapsed. Taking and
// renewing are compare-and-swaps on the lease record, so two replicas never both hold it.
import { isStorageConflict } from '../errors/appError';
import type { RecordsStore } from '../storage/recordsStore';

export const JOB_LEASES_COLLECTION = 'job-leases';

export interface JobLease {
  /** True when this replica holds the lease now (taken or renewed for another ttlMs). */
  tryAcquire(): Promise<boolean>;
  /** Gives the lease up (on shutdown), so another replica need not wait for it to lapse. */
  release(): Promise<void>;
}

interface LeaseRecord {
  holder: string;
  until: number;
}

export function createJobLease(records: RecordsStore, options: { job: string; holder: string; ttlMs: number; now?: () => number }): JobLease {
  const now = options.now ?? Date.now;
  const { job, holder, ttlMs } = options;
  return {
    async tryAcquire() {
      const at = now();
      const lease: LeaseRecord = { holder, until: at + ttlMs };
      const current = await records.get<LeaseRecord>(JOB_LEASES_COLLECTION, job);
      if (current && current.value.holder !== holder && current.value.until > at) return false;
      try {
        await records.put(JOB_LEASES_COLLECTION, job, lease, { ifMatch: current ? current.etag : '*' });
        return true;
      } catch (error) {
        if (isStorageConflict(error)) return false;
        throw error;
      }
    },
    async release() {
      const current = await records.get<LeaseRecord>(JOB_LEASES_COLLECTION, job);
      if (current?.value.holder !== holder) return;
      await records.delete(JOB_LEASES_COLLECTION, job, { ifMatch: current.etag }).catch((error: unknown) => {
        if (!isStorageConflict(error)) throw error;
      });
    },
  };
}
