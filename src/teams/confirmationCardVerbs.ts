// The confirmation card's buttons. Confirm carries the pending action's ref plus the card's inputs (named
// `in_<id>`, as Adaptive Cards submit them); the flow re-checks the ref, the requester and the expiry.
import { z } from 'zod';
import { confirmParamsSchema } from '../actions/confirmationFlow';
import { opaqueRef, type CardVerb } from '../actions/cardVerb';

const INPUT_PREFIX = 'in_';
const confirmData = z.object({ ref: opaqueRef }).catchall(z.unknown());
const cancelData = z.object({ ref: opaqueRef }).catchall(z.unknown());

export function createConfirmationCardVerbs(): CardVerb[] {
  return [
    {
      verb: 'confirm',
      data: confirmData,
      resolve: ({ ref, ...rest }: z.infer<typeof confirmData>) => {
        const inputs: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(rest)) if (key.startsWith(INPUT_PREFIX)) inputs[key.slice(INPUT_PREFIX.length)] = value;
        // The registry validates again; parsing here turns a non-string input into "not valid" before anything runs.
        const parameters = confirmParamsSchema.parse({ ref, inputs });
        return { kind: 'action', action: { name: 'confirmAction', parameters } };
      },
    },
    // Teams' automatic refresh of an open draft, for its requester only (the card's refresh.userIds).
    { verb: 'renew', data: cancelData, resolve: ({ ref }: z.infer<typeof cancelData>) => ({ kind: 'action', action: { name: 'renewAction', parameters: { ref } } }) },
    // Cancel ignores inputs: nothing typed on the card matters once the request is dropped.
    { verb: 'cancel', data: cancelData, resolve: ({ ref }: z.infer<typeof cancelData>) => ({ kind: 'action', action: { name: 'cancelAction', parameters: { ref } } }) },
  ];
}
