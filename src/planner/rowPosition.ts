// Which row of the list on screen a change or explain request points at: position words the scan found ("the
// second one", "#3", "the last one"), else a plain number. Undefined when the message names no position.
import type { ActiveListSummary } from './activeList';
import type { ScannedMessage } from './messageScan';

export function rowPositionOf(scan: ScannedMessage, activeList: ActiveListSummary | undefined): number | undefined {
  for (const concept of scan.concepts) {
    for (const meaning of concept.meanings) {
      if (meaning.k === 'ordinal') return meaning.v;
      if (meaning.k === 'last' && activeList?.shown) return activeList.shown;
    }
  }
  const number = scan.numbers[0]?.value;
  return number !== undefined && number >= 1 && number <= 10000 ? number : undefined;
}
