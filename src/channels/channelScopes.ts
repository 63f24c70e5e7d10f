// Channel rules with scoped answers (SSO on): an admin sets which subscriptions a channel, team or group chat
// covers; there, answers show only what lies inside both the channel's scope and the asker's own scope. A question
// naming something outside that gets an offer of a private chat; a channel with no scope set gets counts only.
import type { Person } from '../actions/pendingActions';
import type { Admins } from '../account/admins';
import { NOT_ADMIN_TEXT } from '../account/admins';
import type { PostureEngine } from '../posture/engine';
import type { AccessScope, Viewer } from '../posture/viewer';
import { withoutLinks } from '../views/portalLinks';
import type { ChannelScopeCommand } from './channelScopeCommands';
import type { ChannelScopeStore, PlaceKeys } from './channelScopeStore';

/** Where a turn happens, from the activity (src/teams builds it). Ids are checked there. */
export interface Place {
  tenantId: string;
  kind: 'channel' | 'groupChat';
  /** Channel id, or the group chat's conversation id. */
  id: string;
  teamId?: string;
}

export interface ChannelScopesDeps {
  store: ChannelScopeStore;
  admins: Admins;
  engine: () => PostureEngine;
  now?: () => number;
}

/** What a turn in a channel may show: the scope to read with, whether only counts, and the notice to give. */
export type ChannelView =
  | { kind: 'scoped'; scope: AccessScope; names: string[]; channelScope: readonly string[] }
  | { kind: 'countsOnly'; scope: AccessScope; reason: 'notSet' | 'malformed' };

export const COUNTS_ONLY_TEXT =
  'No scope is set for this channel, so here I answer with counts only: a list would show everyone in the channel what only you may read. An admin can set it ("this channel covers <subscription>, <subscription>"). For the list itself, ask me in a private chat.';
export const MALFORMED_TEXT = 'The scope stored for this channel could not be read, so here I answer with counts only. An admin can set it again ("this channel covers <subscription>").';
export const PERSONAL_CHAT_TEXT = 'A scope is set in a channel, a team or a group chat, not in a private chat: send it there.';
export const NO_TEAM_TEXT = 'This is not a team channel. Use "this channel covers ..." here instead.';

export function beyondText(outside: readonly string[], covered: readonly string[], botId?: string): string {
  const link = botId && /^28:[0-9a-z-]{1,100}$/i.test(botId) ? ` (https://teams.microsoft.com/l/chat/0/0?users=${botId})` : '';
  const shown = covered.length > 0 ? covered.join(', ') : 'nothing you can read';
  return withoutLinks(
    `That reaches beyond what this channel covers (${shown}), so I will not answer it here where everyone can read it: ${outside.slice(0, 5).join(', ')}. Ask me in a private chat${link ? '' : ' with me'} and I will answer there with your own access.`,
  ) + link;
}

/** Said in the channel once the bot answered the asker in a private chat it started. */
export function privateChatStartedText(outside: readonly string[], covered: readonly string[], asker?: string): string {
  const shown = covered.length > 0 ? covered.join(', ') : 'nothing you can read';
  return withoutLinks(`That reaches beyond what this channel covers (${shown}): ${outside.slice(0, 5).join(', ')}. So I answered ${asker?.trim() ? asker.trim().slice(0, 80) : 'you'} in a private chat instead of here.`);
}

export const placeKeys = (place: Place): PlaceKeys => ({
  here: `${place.tenantId}|${place.kind === 'channel' ? 'channel' : 'chat'}|${place.id}`,
  ...(place.teamId ? { team: `${place.tenantId}|team|${place.teamId}` } : {}),
});

const lower = (s: string) => s.trim().toLowerCase();

/** The part of a user's scope inside the channel's subscriptions. */
export function intersectScope(user: AccessScope, channelSubscriptions: readonly string[]): AccessScope {
  const channel = new Set(channelSubscriptions.map(lower));
  const subscriptions = user.subscriptions.filter((s) => channel.has(lower(s)));
  const resourceGroups = (user.resourceGroups ?? []).filter((pair) => channel.has(lower(pair.slice(0, Math.max(0, pair.indexOf('/'))))));
  return { subscriptions, ...(resourceGroups.length > 0 ? { resourceGroups } : {}) };
}

export interface ChannelScopes {
  /** The scope and rules for a turn in a channel, from the asker's own scope. */
  viewFor(place: Place, user: AccessScope): Promise<ChannelView>;
  /** Subscription and resource-group names the question uses that the asker may read but the channel does not cover. */
  outside(text: string, user: Viewer, channel: Viewer): string[];
  /** The channel-scope commands (set and clear by admins only); returns the text to send. */
  command(command: ChannelScopeCommand, place: Place | undefined, actor: Person, viewer: Viewer): Promise<string>;
}

export function createChannelScopes(deps: ChannelScopesDeps): ChannelScopes {
  const now = deps.now ?? Date.now;

  /** Subscription ids and names readable by the viewer. */
  const subscriptionsOf = (viewer: Viewer) =>
    deps
      .engine()
      .group(viewer, {}, 'subscription')
      .groups.filter((g) => g.key !== '' && g.label !== 'No subscription')
      .map((g) => ({ id: g.key, name: g.label || g.key }));

  const resolve = (viewer: Viewer, terms: readonly string[]) => {
    const known = subscriptionsOf(viewer);
    const found = new Map<string, string>();
    const unknown: string[] = [];
    for (const term of terms) {
      const t = lower(term);
      const exact = known.filter((s) => lower(s.id) === t || lower(s.name) === t);
      // "Payments" covers every subscription whose name holds the word (Payments-Prod, Payments Dev).
      const partial = exact.length > 0 || t.length < 3 ? exact : known.filter((s) => lower(s.name).includes(t));
      if (partial.length === 0) unknown.push(term);
      for (const s of partial) found.set(s.id, s.name);
    }
    return { found: [...found].map(([id, name]) => ({ id, name })), unknown };
  };

  const namesOf = (ids: readonly string[]) => {
    const labels = new Map(subscriptionsOf({ scope: { subscriptions: ids } }).map((s) => [lower(s.id), s.name]));
    return ids.map((id) => labels.get(lower(id)) ?? id);
  };

  return {
    async viewFor(place, user) {
      const stored = await deps.store.read(placeKeys(place));
      if (stored.kind === 'none') return { kind: 'countsOnly', scope: user, reason: 'notSet' };
      if (stored.kind === 'malformed') return { kind: 'countsOnly', scope: user, reason: 'malformed' };
      const scope = intersectScope(user, stored.record.subscriptions);
      return { kind: 'scoped', scope, names: namesOf(scope.subscriptions), channelScope: stored.record.subscriptions };
    },

    outside(text, user, channel) {
      const said = ` ${lower(text).replace(/[^\p{L}\p{N}._\-/ ]+/gu, ' ').replace(/\s+/g, ' ')} `;
      const engine = deps.engine();
      const inside = new Set([...engine.vocabulary(channel, 'subscription'), ...engine.vocabulary(channel, 'resourceGroup')].map(lower));
      const ids = new Set((channel.scope?.subscriptions ?? []).map(lower));
      const hits: string[] = [];
      for (const s of subscriptionsOf(user)) {
        if (ids.has(lower(s.id))) continue;
        if (said.includes(` ${lower(s.id)} `) || (lower(s.name).length >= 3 && !inside.has(lower(s.name)) && said.includes(` ${lower(s.name)} `))) hits.push(s.name);
      }
      for (const group of engine.vocabulary(user, 'resourceGroup')) {
        const g = lower(group);
        if (g.length >= 3 && !inside.has(g) && said.includes(` ${g} `)) hits.push(group);
      }
      return [...new Set(hits)];
    },

    async command(command, place, actor, viewer) {
      // Anyone here may read what the channel covers; only admins change it.
      if (command.kind !== 'show' && !deps.admins.isAdmin(actor)) return NOT_ADMIN_TEXT;
      if (!place) return PERSONAL_CHAT_TEXT;
      const keys = placeKeys(place);
      const where = (p: 'channel' | 'team') => (p === 'team' ? 'this team' : place.kind === 'channel' ? 'this channel' : 'this chat');
      if (command.kind === 'show') {
        const stored = await deps.store.read(keys);
        if (stored.kind === 'none') return `No scope is set for ${where('channel')}, so answers here are counts only.`;
        if (stored.kind === 'malformed') return MALFORMED_TEXT;
        const from = stored.at === 'team' ? ' (set for the team)' : '';
        return withoutLinks(`${where('channel')[0]!.toUpperCase()}${where('channel').slice(1)} covers${from}: ${namesOf(stored.record.subscriptions).join(', ')}. Answers here show only what is inside both this and the asker's own access.`);
      }
      const key = command.place === 'team' ? keys.team : keys.here;
      if (!key) return NO_TEAM_TEXT;
      if (command.kind === 'clear') {
        const removed = await deps.store.clear(key);
        return removed ? `The scope of ${where(command.place)} is cleared: answers here are counts only until an admin sets it again.` : `No scope was set for ${where(command.place)}.`;
      }
      const { found, unknown } = resolve(viewer, command.terms);
      if (unknown.length > 0) {
        return withoutLinks(`Nothing was changed: I know no subscription you can read called ${unknown.slice(0, 5).map((t) => `"${t.slice(0, 80)}"`).join(', ')}. Use a subscription's name or id as the data shows it.`);
      }
      await deps.store.write(key, { subscriptions: found.map((s) => s.id), names: found.map((s) => s.name), setBy: actor.id, setAt: now() });
      return withoutLinks(`${where(command.place)[0]!.toUpperCase()}${where(command.place).slice(1)} now covers: ${found.map((s) => s.name).join(', ')}. Answers here show only what is inside both this and the asker's own access.`);
    },
  };
}
