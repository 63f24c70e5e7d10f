// Reads demo rows the way a tolerant loader would: keys matched case-insensitively.

export type Row = Record<string, unknown>;

export function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    const entry = Object.entries(current as Row).find(([k]) => k.toLowerCase() === key.toLowerCase());
    current = entry?.[1];
  }
  return current;
}

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
export const typeOf = (row: Row): string => str(row['type']);
