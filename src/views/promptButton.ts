// A button that runs a sample prompt: the card carries only the prompt's opaque ref, never its text.
export interface PromptButton {
  title: string;
  ref: string;
}
