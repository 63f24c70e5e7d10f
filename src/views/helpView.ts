// View model for adaptiveCards/help.json: what the bot can do and prompts to try.
import type { PromptRow } from './promptButton';

export interface HelpCapability {
  name: string;
  description: string;
}

export interface HelpSample {
  title: string;
  prompt: string;
  description: string;
}

export interface HelpView {
  title: string;
  intro: string;
  capabilities: HelpCapability[];
  samples: HelpSample[];
  /** Sample-prompt buttons, in rows that each fit one action set. */
  promptRows: PromptRow[];
  footer: string;
}
