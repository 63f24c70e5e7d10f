// The resolved AccessScope per user, kept for minutes (roles change; a 403 drops it at once). Only the scope is kept:
// never the token it was read with.
import type { AccessScope } from '../posture/viewer';
import { keepNewest } from '../collections/keepNewest';

export interface ScopeCache {
  /** The user's scope: cached while fresh, else read with `read` (concurrent asks for one user share one read). */
  get(userKey: string, read: () => Promise<AccessScope>): Promise<AccessScope>;
  /** Drops a user's scope (Azure answered 403, or consent was revoked). */
  forget(userKey: string): void;
}

export interface ScopeCacheOptions {
  ttlMs?: number;
  maxUsers?: number;
  now?: () => number;
}

export const DEFAULT_SCOPE_TTL_MS = 5 * 60_000;

export function createScopeCache(options: ScopeCacheOptions = {}): ScopeCache {
  const ttlMs = options.ttlMs ?? DEFAULT_SCOPE_TTL_MS;
  const maxUsers = options.maxUsers ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; scope: Promise<AccessScope> }>();
  return {
    get(userKey, read) {
      const hit = entries.get(userKey);
      if (hit && now() - hit.at < ttlMs) return hit.scope;
      const scope = read();
      keepNewest(entries, userKey, { at: now(), scope }, maxUsers);
      // A failed read is not cached: the next turn tries again.
      scope.catch(() => {
        if (entries.get(userKey)?.scope === scope) entries.delete(userKey);
      });
      return scope;
    },
    forget(userKey) {
      entries.delete(userKey);
    },
  };
}
