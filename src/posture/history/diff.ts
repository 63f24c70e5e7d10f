// Tells apart what happened to each assessment between two states: fixed, exempted, deleted, newly assessed, and
// newly open. One row can be two kinds (a newly assessed row that is open is also new).
import type { ChangeKind } from '../../actions/contracts/history';
import type { State } from './stateCodes';

export type Changes = Record<ChangeKind, string[]>;

export function diffStates(before: State, after: State): Changes {
  const out: Changes = { new: [], fixed: [], exempted: [], deleted: [], newlyAssessed: [] };
  for (const [hash, now] of after) {
    const then = before.get(hash);
    if (then === undefined) out.newlyAssessed.push(hash);
    if (now === 'U' && then !== 'U') out.new.push(hash);
    if (then === 'U' && now === 'H') out.fixed.push(hash);
    if (then === 'U' && now === 'N') out.exempted.push(hash);
  }
  for (const hash of before.keys()) if (!after.has(hash)) out.deleted.push(hash);
  return out;
}
