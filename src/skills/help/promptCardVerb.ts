// `prompt` buttons (help and welcome cards) run a sample prompt, named by its ref, through the planner.
import { z } from 'zod';
import { AppError } from '../../errors/appError';
import { findSamplePrompt } from './samplePrompts';
import { opaqueRef, type CardVerb } from '../../actions/cardVerb';

const promptData = z.object({ ref: opaqueRef }).strict();

export function createPromptCardVerb(): CardVerb<typeof promptData> {
  return {
    verb: 'prompt',
    data: promptData,
    resolve: ({ ref }) => {
      const sample = findSamplePrompt(ref);
      if (!sample) throw new AppError('STALE_ACTION', 'That button is from an older card. Type "help" for the current sample prompts.', { details: { ref } });
      return { kind: 'prompt', text: sample.prompt };
    },
  };
}
