// View model for adaptiveCards/help.json: what the bot can do and prompts to try.
import type { PromptButton } from './promptButton';

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
  prompts: PromptButton[];
  footer: string;
}
