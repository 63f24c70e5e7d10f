// The pieces of teams-ai the bot uses, each from its own module. The package's index also loads what the bot never
// calls: its OpenAI and Azure OpenAI model classes (the openai package), embeddings, data sources, prompt templates
// and GPT tokenizers (gpt-tokenizer), about 190 more files and ~0.35 s of CPU at startup. The classes are the same
// objects the index exports (it re-exports these modules), so `instanceof` and teams-ai's own checks are unchanged.
// Types come from the index: a type-only export loads nothing.
export { AI } from '@microsoft/teams-ai/lib/AI';
export { Application } from '@microsoft/teams-ai/lib/Application';
export { StreamingResponse } from '@microsoft/teams-ai/lib/StreamingResponse';
export { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
export { TurnState } from '@microsoft/teams-ai/lib/TurnState';
export type { AdaptiveCard, AuthenticationOptions, Plan, Planner, PredictedCommand, PredictedDoCommand, PredictedSayCommand } from '@microsoft/teams-ai';
