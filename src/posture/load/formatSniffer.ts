// JSON Lines or one JSON document? The name decides for .jsonl/.ndjson; otherwise the content does: a first
// line that is a whole JSON object followed by more content means one row per line.

export type ExportFormat = 'lines' | 'document';

/** How much text to look at before deciding that a first line is too long to be a row. */
export const SNIFF_LIMIT = 1 << 20;

export function formatFromName(file: string): ExportFormat | undefined {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  return name.endsWith('.jsonl') || name.endsWith('.ndjson') ? 'lines' : undefined;
}

/** `complete` says the whole file is in `head`. Returns undefined while more text is needed. */
export function formatFromContent(head: string, complete: boolean): ExportFormat | undefined {
  const start = head.search(/\S/);
  if (start < 0) return complete ? 'document' : undefined;
  if (head[start] !== '{') return 'document';
  const newline = head.indexOf('\n', start);
  if (newline < 0) return complete || head.length >= SNIFF_LIMIT ? 'document' : undefined;
  const rest = head.slice(newline + 1);
  if (!/\S/.test(rest)) return complete ? 'document' : head.length >= SNIFF_LIMIT ? 'document' : undefined;
  try {
    const first: unknown = JSON.parse(head.slice(start, newline));
    return typeof first === 'object' && first !== null && !Array.isArray(first) ? 'lines' : 'document';
  } catch {
    return 'document';
  }
}
