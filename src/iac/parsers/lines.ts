// Offsets to 1-based line numbers, for findings and parse problems.
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Property names in ARM and Bicep are case-insensitive, as Azure Resource Manager reads them. */
export const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Walks a plain value (one a parameter or variable resolved to) along the rest of a path. */
export function walkValue(value: unknown, path: ReadonlyArray<string | number>): { found: true; value: unknown } | { found: false } {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { found: false };
      const key = Object.keys(current).find((k) => sameName(k, segment));
      if (key === undefined) return { found: false };
      current = (current as Record<string, unknown>)[key];
    }
  }
  return { found: true, value: current };
}
