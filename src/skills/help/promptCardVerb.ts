// `prompt` buttons (help and welcome cards) run a sample prompt, named by its ref, through the planner.
import { z } from 'zod';
import { opaqueRef, type CardVerb } from '../../actions/cardVerb';
import type { HelpCatalog } from '../../actions/skillModule';
import { AppError } from '../../errors/appError';

const promptData = z.object({ ref: opaqueRef }).strict();

export function createPromptCardVerb(help: HelpCatalog): CardVerb<typeof promptData> {
  return {
    verb: 'prompt',
    data: promptData,
    resolve: ({ ref }) => {
      const sample = help.findSample(ref);
      if (!sample) throw new AppError('STALE_ACTION', 'That button is from an older card. Type "help" for the current sample prompts.', { details: { ref } });
      return { kind: 'prompt', text: sample.prompt };
    },
  };
}
