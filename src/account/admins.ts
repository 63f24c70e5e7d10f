// Who may read what the bot records about everyone (the feedback report, a tenant's usage): Entra object ids from
// ADMIN_OBJECT_IDS. A person without an Entra id (channel-only ids) is never an admin.
import type { Person } from '../actions/pendingActions';

export interface Admins {
  isAdmin(person: Person): boolean;
}

export function createAdmins(objectIds: readonly string[]): Admins {
  const ids = new Set(objectIds.map((id) => id.toLowerCase()));
  return { isAdmin: (person) => !person.id.startsWith('channel:') && ids.has(person.id.toLowerCase()) };
}

export const NOT_ADMIN_TEXT = 'Only the bot\'s administrators can see that. Ask your Teams administrator if you need it.';
