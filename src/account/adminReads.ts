// What admins read about everyone (the feedback report, a tenant's usage by person) is itself recorded: who, what,
// when and how much. Kept like the audit of confirmed actions.
import { randomBytes } from 'node:crypto';
import type { RecordsStore } from '../storage/recordsStore';

export const ADMIN_READS_COLLECTION = 'admin-reads';

export interface AdminRead {
  at: number;
  adminId: string;
  what: 'feedbackReport' | 'tenantUsage';
  /** The period read, in days. */
  days: number;
  /** How many records the answer summarised. */
  records: number;
}

export interface AdminReadLog {
  record(entry: AdminRead): Promise<void>;
  list(): Promise<AdminRead[]>;
}

export function createAdminReadLog(records: RecordsStore): AdminReadLog {
  return {
    async record(entry) {
      await records.put(ADMIN_READS_COLLECTION, `${String(entry.at).padStart(15, '0')}:${randomBytes(4).toString('hex')}`, entry, { ifMatch: '*' });
    },
    async list() {
      return (await records.list<AdminRead>(ADMIN_READS_COLLECTION)).map((r) => r.value);
    },
  };
}
