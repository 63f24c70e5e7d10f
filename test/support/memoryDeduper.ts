// An in-memory ActivityDeduper for whole-turn tests that do not need SQLite.
import type { ActivityDeduper } from '../../src/teams/turnGate';

export function createMemoryDeduper(): ActivityDeduper & { keys: Set<string> } {
  const keys = new Set<string>();
  const firstSeen = async (key: string) => {
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  };
  return {
    keys,
    firstSeen,
    begin: async (key) => ((await firstSeen(key)) ? { kind: 'claimed', complete: async () => undefined } : { kind: 'completed' }),
  };
}
