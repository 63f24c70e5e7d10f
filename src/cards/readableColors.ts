// Text colours a card may use. Adaptive Card colour names resolve per host theme, and some are unreadable on one of
// them: Teams' light theme (the Agents Playground uses the same host config) draws "Warning" text #f8d22a and "Good"
// #92c353 on white (1.5:1 and 2.1:1), and its red "Attention" falls under 4.5:1 on the dark theme's grey. Only the
// default colour (plain or subtle) and full-strength "Accent" read well on both, so every card leaves the renderer with those alone, whatever its
// template or view model asked for (test/cards/cardContrast.test.ts checks both palettes).

/** Colour names kept as they are. */
export const READABLE_TEXT_COLORS: readonly string[] = ['Default', 'Accent'];

/** Emphasis stays emphasis (Accent); a colour that only decorated becomes the default text colour. */
const REPLACEMENTS: Record<string, string> = { accent: 'Accent', attention: 'Accent', warning: 'Default', good: 'Default', light: 'Default', dark: 'Default' };

/** The colour to draw with instead of `color`; `color` itself when it is readable or not a colour name. */
export function readableColor(color: string): string {
  return REPLACEMENTS[color.toLowerCase()] ?? color;
}

/** Rewrites, in place, the `color` of one element (not of its children) to a readable one. */
export function useReadableColor(record: Record<string, unknown>): void {
  if (typeof record.color !== 'string') return;
  record.color = readableColor(record.color);
  // Subtle accent (#8b8cc7 on white, 3.4:1) is too pale: accent text is drawn at full strength.
  if ((record.color as string).toLowerCase() === 'accent' && record.isSubtle === true) delete record.isSubtle;
}

/** Rewrites, in place, every `color` of the card's (or a part's) text elements to a readable one. */
export function useReadableColors(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) useReadableColors(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  useReadableColor(record);
  for (const key in record) {
    const value = record[key];
    if (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(record, key)) useReadableColors(value);
  }
}
