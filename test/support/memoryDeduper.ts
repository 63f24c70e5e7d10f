// An in-memory ActivityDeduper for whole-turn tests that do not need SQLite.
import type { ActivityDeduper } from '../../src/teams/turnGate';

export function createMemoryDeduper(): ActivityDeduper & { keys: Set<string> } {
  const keys = new Set<string>();
  return {
    keys,
    firstSeen: async (key) => {
      if (keys.has(key)) return false;
      keys.add(key);
      return true;
    },
  };
}
