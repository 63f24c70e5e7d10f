// Spotlighting: text that comes from the tenant's data (resource names, tags, descriptions, owners, feedback)
// reaches the model only inside a marked block, escaped so it cannot close the block or pose as markup, and the
// system prompt says such blocks are data, never instructions.

/** The marker the system prompt names; kept short so it costs few tokens. */
export const DATA_TAG = 'data';

const MAX_VALUE_CHARS = 160;

/**
 * One untrusted value as inert text: angle brackets and quotes escaped (no `</data>` can end the block early), line
 * breaks and control characters flattened (no fake "system:" line), and length capped.
 */
export function escapeUntrusted(value: string, maxChars = MAX_VALUE_CHARS): string {
  const flat = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}

/** A labelled block of untrusted values, one per line. */
export function spotlight(label: string, values: readonly string[]): string {
  const lines = values.map((v) => `- "${escapeUntrusted(v)}"`);
  return `<${DATA_TAG} source="${escapeUntrusted(label, 40)}">\n${lines.join('\n')}\n</${DATA_TAG}>`;
}
