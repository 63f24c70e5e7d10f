// Channel scopes: which subscriptions a Teams channel, team or group chat covers, one record per place through the
// RecordsStore port (collection `channelScopes`). Records are checked on read: anything malformed counts as no scope.
// Fields a newer version added are ignored on read (a scope is replaced, never changed in place), unless that version
// marked the record readable only by itself (src/storage/storedShape.ts): then it counts as malformed (counts only).
import { z } from 'zod';
import type { RecordsStore } from '../storage/recordsStore';
import { readableBy, storedVersionFields } from '../storage/storedShape';

export const CHANNEL_SCOPES = 'channelScopes';
export const CHANNEL_SCOPE_SHAPE_VERSION = 1;

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
    ...storedVersionFields,
  })
  .strict();
const storedRecord = recordSchema.strip();

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
    if (!readableBy(stored.value, CHANNEL_SCOPE_SHAPE_VERSION)) return { kind: 'malformed' };
    const parsed = storedRecord.safeParse(stored.value);
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
      await records.put(CHANNEL_SCOPES, key, recordSchema.parse({ ...record, schemaVersion: CHANNEL_SCOPE_SHAPE_VERSION }));
    },
    clear: (key) => records.delete(CHANNEL_SCOPES, key),
  };
}
