// Buttons on the recommendations card: "Details" and "Show more" carry only an opaque ref; the analyze skill
// re-checks it against the conversation's active list and refuses stale or tampered ones.
import { z } from 'zod';
import { opaqueRef, type CardVerb } from '../../actions/cardVerb';

const refData = z.object({ ref: opaqueRef }).strict();

export function createAnalyzeCardVerbs(): Array<CardVerb<typeof refData>> {
  return [
    { verb: 'details', data: refData, resolve: ({ ref }) => ({ kind: 'action', action: { name: 'details', parameters: { ref } } }) },
    { verb: 'showMore', data: refData, resolve: ({ ref }) => ({ kind: 'action', action: { name: 'showMorePage', parameters: { page: ref } } }) },
  ];
}
