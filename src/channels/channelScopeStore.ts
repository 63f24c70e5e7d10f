// Channel scopes: which subscriptions a Teams channel, team or group chat covers, one record per place through the
// RecordsStore port (collection `channelScopes`). Records are checked on read: anything malformed counts as no scope.
import { z } from 'zod';
import type { RecordsStore } from '../storage/recordsStore';

export const CHANNEL_SCOPES = 'channelScopes';

/** Where a scope is set: a channel (or a group chat) and, in a team, the team itself. */
export interface PlaceKeys {
  /** The channel id (channelData.channel.id) or the group chat's conversation id. */
  here: string;
  /** The team id (channelData.team.id) in a team channel. */
  team?: string;
}

const recordSchema = z
  .object({
    subscriptions: z.array(z.string().min(1).max(200)).min(1).max(500),
    names: z.array(z.string().max(300)).max(500),
    setBy: z.string().max(200),
    setAt: z.number(),
  })
  .strict();

export type ChannelScopeRecord = z.infer<typeof recordSchema>;

export type StoredScope = { kind: 'none' } | { kind: 'set'; at: 'here' | 'team'; record: ChannelScopeRecord } | { kind: 'malformed' };

export interface ChannelScopeStore {
  /** The channel's own scope first, else its team's. */
  read(keys: PlaceKeys): Promise<StoredScope>;
  write(key: string, record: ChannelScopeRecord): Promise<void>;
  clear(key: string): Promise<boolean>;
}

export function createChannelScopeStore(records: RecordsStore): ChannelScopeStore {
  const one = async (key: string): Promise<StoredScope> => {
    const stored = await records.get(CHANNEL_SCOPES, key);
    if (!stored) return { kind: 'none' };
    const parsed = recordSchema.safeParse(stored.value);
    return parsed.success ? { kind: 'set', at: 'here', record: parsed.data } : { kind: 'malformed' };
  };
  return {
    async read(keys) {
      const here = await one(keys.here);
      if (here.kind !== 'none' || !keys.team) return here;
      const team = await one(keys.team);
      return team.kind === 'set' ? { ...team, at: 'team' } : team;
    },
    async write(key, record) {
      await records.put(CHANNEL_SCOPES, key, recordSchema.parse(record));
    },
    clear: (key) => records.delete(CHANNEL_SCOPES, key),
  };
}
