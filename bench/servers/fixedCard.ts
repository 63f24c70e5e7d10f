// The card the card floor sends every turn: built once at startup from fixed data, never from a query.
// Provisional until the recommendations card lands: the help card stands in (marked so in the results).
import { buildHelpView } from '../../src/skills/help/helpAction';
import type { Reply } from '../../src/views/reply';

export interface FixedCard {
  reply: Reply;
  /** The template the floor renders, reported with the results. */
  template: string;
  provisional: boolean;
}

export function fixedCard(): FixedCard {
  return { reply: { kind: 'card', card: { template: 'help', model: buildHelpView() } }, template: 'help', provisional: true };
}
