// Buttons on the summary and remediation cards carry only an opaque ref (a recommendation this conversation was
// shown); the actions re-check it through the shared target resolution.
import { z } from 'zod';
import { opaqueRef, type CardVerb } from '../../actions/cardVerb';

const refData = z.object({ ref: opaqueRef }).strict();

export function createRemediateCardVerbs(options: { hasAction(name: string): boolean }): Array<CardVerb<typeof refData>> {
  const verbs: Array<CardVerb<typeof refData>> = [
    { verb: 'summarize', data: refData, resolve: ({ ref }) => ({ kind: 'action', action: { name: 'summarize', parameters: { ref } } }) },
    { verb: 'remediate', data: refData, resolve: ({ ref }) => ({ kind: 'action', action: { name: 'remediate', parameters: { ref } } }) },
  ];
  if (options.hasAction('applyFix')) verbs.push({ verb: 'applyFix', data: refData, resolve: ({ ref }) => ({ kind: 'action', action: { name: 'applyFix', parameters: { ref } } }) });
  if (options.hasAction('assignOwner')) verbs.push({ verb: 'delegate', data: refData, resolve: ({ ref }) => ({ kind: 'action', action: { name: 'delegateToOwner', parameters: { ref } } }) });
  return verbs;
}
