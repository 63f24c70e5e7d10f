// Buttons on the analyze cards. "Details" and "Show more" carry only an opaque ref; the analyze skill re-checks it
// against the conversation's lists and refuses stale or tampered ones. "Show all 17 fixed" on the changes card
// carries a kind of change and the first day compared; the executive summary's buttons name one of two lists.
import { z } from 'zod';
import { opaqueRef, type CardVerb } from '../../actions/cardVerb';
import { CHANGE_KINDS } from '../../actions/contracts/history';
import { isoDateSchema } from '../../actions/contracts/time';

const refData = z.object({ ref: opaqueRef }).strict();
const changesOfData = z.object({ kind: z.enum(CHANGE_KINDS), since: isoDateSchema }).strict();
const summaryListData = z.object({ list: z.enum(['topRisks', 'overdue']) }).strict();

export function createAnalyzeCardVerbs(): CardVerb[] {
  const details: CardVerb<typeof refData> = { verb: 'details', data: refData, resolve: ({ ref }) => ({ kind: 'action', action: { name: 'details', parameters: { ref } } }) };
  const showMore: CardVerb<typeof refData> = { verb: 'showMore', data: refData, resolve: ({ ref }) => ({ kind: 'action', action: { name: 'showMorePage', parameters: { page: ref } } }) };
  // One kind of change alone, from the same day: the changes action lists more of it (and checks the date again).
  const changesOf: CardVerb<typeof changesOfData> = {
    verb: 'changesOf',
    data: changesOfData,
    resolve: ({ kind, since }) => ({ kind: 'action', action: { name: 'changes', parameters: { since: { date: since }, kinds: [kind] } } }),
  };
  const summaryList: CardVerb<typeof summaryListData> = {
    verb: 'summaryList',
    data: summaryListData,
    resolve: ({ list }) => ({
      kind: 'action',
      action: { name: 'analyze', parameters: list === 'overdue' ? { filter: { governance: ['overdue'] }, view: 'list', sort: 'dueDate' } : { filter: {}, view: 'list', sort: 'risk' } },
    }),
  };
  return [details, showMore, changesOf, summaryList];
}
