// Real exports do not agree on key casing (the live service capitalises `resourceDetails.Source`/`Id`, tools and
// older API versions do not, and some pipelines capitalise everything). These helpers rename keys in place of order.

/** A copy of `obj` with `from` renamed to `to`, keeping key order so files still diff line by line. */
export function renameKey(obj: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  if (!(from in obj) || from === to) return obj;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) out[key === from ? to : key] = value;
  return out;
}

/** Renames a key of the object found at `path` (keys as written now) inside `root`; returns the new root. */
export function renameAt(root: Record<string, unknown>, path: readonly string[], from: string, to: string): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return renameKey(root, from, to);
  const child = root[head];
  if (!child || typeof child !== 'object' || Array.isArray(child)) return root;
  return { ...root, [head]: renameAt(child as Record<string, unknown>, rest, from, to) };
}
