// The answer to "how many …": one plain sentence. Text messages go out as plain text (src/teams/replyActivity.ts),
// so nothing here is markdown and nothing needs escaping; a link in a name from the data is dropped, label kept.
import { withoutLinks } from '../../views/portalLinks';
import { countLabel } from '../../views/postureLabels';

export function countText(total: number, filterSummary: string, notes: readonly string[]): string {
  const noun = total === 1 ? 'recommendation matches' : 'recommendations match';
  return [`${countLabel(total)} ${noun}: ${withoutLinks(filterSummary)}.`, ...notes].join(' ');
}
