// Composes channel scopes for the composition root: only with SSO on (answers scoped per user); without it the
// bot behaves as before and no channel command exists.
import { createAdmins } from '../account/admins';
import type { PostureEngine } from '../posture/engine';
import type { RecordsStore } from '../storage/recordsStore';
import { createChannelScopes, type ChannelScopes } from './channelScopes';
import { createChannelScopeStore } from './channelScopeStore';

export interface ChannelScopeSources {
  records: RecordsStore;
  adminObjectIds: readonly string[];
  engine: () => PostureEngine;
}

export function withChannelScopes<T extends object>(userScope: T | undefined, sources: ChannelScopeSources): (T & { channels: ChannelScopes }) | undefined {
  if (!userScope) return undefined;
  return { ...userScope, channels: createChannelScopes({ store: createChannelScopeStore(sources.records), admins: createAdmins(sources.adminObjectIds), engine: sources.engine }) };
}
