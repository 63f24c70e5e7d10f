// Seeds an empty history with the demo tenant's generated loads (src/posture/demo/history.ts): the state of each
// past day is the data as loaded with the later days' changes undone; days are counted back from `now`.
import type { DemoHistoryFile } from '../demo/history';
import type { PostureHistory } from './postureHistory';
import { ABSENT, hashOf, type State, type StateCode } from './stateCodes';

const DAY_MS = 86_400_000;

/** Writes the base (the oldest day) and one load per later day; nothing when the history has loads already. */
export async function seedDemoHistory(history: PostureHistory, file: DemoHistoryFile, current: State, now: number): Promise<boolean> {
  if ((await history.loads()).length > 0) return false;
  const loads = [...file.loads].sort((a, b) => b.daysAgo - a.daysAgo);
  // Undo every day's changes, newest first, to get the oldest state.
  const state: State = new Map(current);
  const set = (s: State, id: string, code: StateCode) => (code === ABSENT ? s.delete(hashOf(id)) : s.set(hashOf(id), code));
  for (const load of [...loads].reverse()) for (const change of load.changes) set(state, change.id, change.from);
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const at = (daysAgo: number) => dayStart - daysAgo * DAY_MS + 6 * 3_600_000;
  await history.record(new Map(state), at(file.days));
  for (const load of loads) {
    const labels = new Map<string, string>();
    for (const change of load.changes) {
      set(state, change.id, change.to);
      if (change.label) labels.set(hashOf(change.id), change.label);
    }
    await history.record(new Map(state), at(load.daysAgo), (h) => labels.get(h));
  }
  return true;
}
