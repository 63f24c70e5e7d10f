// Every confirmed run of a side effect, kept as an append-only record: who asked, who confirmed, what exactly ran
// (the digest), when, and how it ended. Retention prunes it by write time.
import { randomBytes } from 'node:crypto';
import type { RecordsStore } from '../storage/recordsStore';
import type { Person } from './pendingActions';

export const ACTION_AUDIT_COLLECTION = 'action-audit';

export interface ActionAuditEntry {
  at: number;
  conversationId: string;
  action: string;
  target: string;
  /** The pending action's ref: the effect's idempotency key. */
  ref: string;
  requester: Person;
  confirmedBy: Person;
  /** sha256 of the effect that ran. */
  digest: string;
  result: 'done' | 'failed';
  outcome?: string;
  error?: string;
}

export interface ActionAudit {
  record(entry: ActionAuditEntry): Promise<void>;
  /** Oldest first. */
  list(options?: { limit?: number }): Promise<ActionAuditEntry[]>;
}

export function createActionAudit(records: RecordsStore): ActionAudit {
  return {
    async record(entry) {
      // Ids sort by time; the random tail keeps two entries of the same millisecond apart.
      const id = `${String(entry.at).padStart(15, '0')}:${entry.ref}:${randomBytes(4).toString('hex')}`;
      await records.put(ACTION_AUDIT_COLLECTION, id, entry, { ifMatch: '*' });
    },
    async list(options = {}) {
      const stored = await records.list<ActionAuditEntry>(ACTION_AUDIT_COLLECTION, options.limit === undefined ? {} : { limit: options.limit });
      return stored.map((r) => r.value);
    },
  };
}
