// The one list of sample prompts: the help and welcome cards show them, and the app manifest's command list
// mirrors them (Teams limits a command title to 32 characters and its description to 128).
export interface SamplePrompt {
  /** Opaque id carried by card buttons instead of the prompt text. */
  ref: string;
  title: string;
  prompt: string;
  description: string;
}

export const SAMPLE_PROMPT_LIMITS = { title: 32, description: 128, count: 10 } as const;

export const SAMPLE_PROMPTS: readonly SamplePrompt[] = Object.freeze([
  {
    ref: 'p1',
    title: 'Critical risks',
    prompt: 'Show critical risk recommendations',
    description: 'Unhealthy recommendations whose risk level is Critical, riskiest first.',
  },
  {
    ref: 'p2',
    title: 'Attack paths',
    prompt: 'Which recommendations have attack paths?',
    description: 'Recommendations on resources that are part of an attack path.',
  },
  {
    ref: 'p3',
    title: 'Breakdown by severity',
    prompt: 'Break down unhealthy recommendations by severity',
    description: 'How many open recommendations there are at each severity.',
  },
  {
    ref: 'p4',
    title: 'Overdue',
    prompt: 'Show overdue recommendations',
    description: 'Recommendations with an owner whose due date has passed.',
  },
  {
    ref: 'p5',
    title: 'Internet exposed',
    prompt: 'Show high risk recommendations on internet exposed resources',
    description: 'High-risk recommendations where the resource is exposed to the internet.',
  },
  {
    ref: 'p6',
    title: 'Help',
    prompt: 'help',
    description: 'What I can do and how to ask.',
  },
]);

export function findSamplePrompt(ref: string): SamplePrompt | undefined {
  return SAMPLE_PROMPTS.find((p) => p.ref === ref);
}
