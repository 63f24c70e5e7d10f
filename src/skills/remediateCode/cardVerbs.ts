// The findings card's "Fix this" button carries one of our rule ids, nothing else; pressing it proposes that check's
// fix (scan again, show the diff, then the confirmation card), as "fix IaC check N" does. An id that is not one of our
// checks (a tampered or very old card) is refused as out of date.
import { z } from 'zod';
import { opaqueRef, type CardVerb } from '../../actions/cardVerb';
import { AppError } from '../../errors/appError';
import { ruleById } from '../../iac/rules/catalog';
import { IAC_FIX_VERB } from './findingsText';

const fixData = z.object({ ref: opaqueRef }).strict();

export function createRemediateCodeCardVerbs(): Array<CardVerb<typeof fixData>> {
  return [
    {
      verb: IAC_FIX_VERB,
      data: fixData,
      resolve: ({ ref }) => {
        const rule = ruleById(ref);
        if (!rule) throw new AppError('STALE_ACTION', 'That security check is not one this bot knows any more. Ask again for the IaC findings.');
        return { kind: 'action', action: { name: 'openIacPullRequest', parameters: { ruleId: rule.id } } };
      },
    },
  ];
}
