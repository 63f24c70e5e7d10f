// A button that runs a sample prompt: the card carries only the prompt's opaque ref, never its text.
export interface PromptButton {
  title: string;
  ref: string;
}

/** One action set of prompt buttons on a card. */
export interface PromptRow {
  buttons: PromptButton[];
}

/** Teams shows at most this many actions in one action set; the rest go into a "…" menu few people open. */
export const MAX_ACTIONS_PER_SET = 6;

/** Splits buttons into as few rows as fit, of even length (8 buttons: two rows of 4), so every button shows. */
export function promptRows(buttons: readonly PromptButton[]): PromptRow[] {
  const rows = Math.ceil(buttons.length / MAX_ACTIONS_PER_SET);
  if (rows === 0) return [];
  const size = Math.ceil(buttons.length / rows);
  return Array.from({ length: rows }, (_, i) => ({ buttons: buttons.slice(i * size, (i + 1) * size) })).filter((r) => r.buttons.length > 0);
}
