// View model for adaptiveCards/welcome.json: sent once when the bot is installed or added to a conversation.
import type { PromptRow } from './promptButton';

export interface WelcomeView {
  title: string;
  intro: string;
  /** Where the bot listens in this conversation (1:1 vs. @mention). */
  howToAsk: string;
  /** Whose Azure access answers follow (scoped by the reader's roles, or not scoped at all). */
  access?: string;
  /** Sample-prompt buttons, in rows that each fit one action set. */
  promptRows: PromptRow[];
}
