// What the Bicep and Terraform readers share over web-tree-sitter trees: spans, the first syntax error, and where
// a new line goes inside an object or block (before its closing brace, indented like its first member).
import type { PropertyLocation, PropertyPath, Span, ValueSource } from '../model';
import type { SyntaxNode } from './treeSitter';

export const spanOfNode = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex, line: node.startPosition.row + 1 });

/** The first ERROR or MISSING node, for a parse problem with its line. */
export function firstSyntaxError(root: SyntaxNode): SyntaxNode | undefined {
  if (!root.hasError) return undefined;
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.shift() as SyntaxNode;
    if (node.type === 'ERROR' || node.isMissing) return node;
    for (const child of node.children) if (child && child.hasError) stack.push(child);
    if (node.isMissing) return node;
  }
  return root;
}

const indentOfLine = (text: string, offset: number): string => {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
};

/**
 * Where to add members to a container whose closing token is `close` and whose members are `members`: at the start
 * of the closing brace's line, indented like the first member (or one step in from the brace). A container closed
 * on the same line as other text (`{}` or a one-liner) is not edited: the fix would have to reformat it.
 */
export function insertionPoint(text: string, close: SyntaxNode | undefined, members: SyntaxNode[], remaining: PropertyPath): PropertyLocation {
  if (!close) return { kind: 'unreachable', reason: 'the object has no closing brace' };
  const lineStart = text.lastIndexOf('\n', close.startIndex - 1) + 1;
  if (text.slice(lineStart, close.startIndex).trim() !== '') return { kind: 'unreachable', reason: 'the object is written on one line' };
  const braceIndent = indentOfLine(text, close.startIndex);
  const first = members[0];
  const unit = braceIndent.includes('\t') ? '\t' : '  ';
  const indent = first ? indentOfLine(text, first.startIndex) : braceIndent + unit;
  return { kind: 'absent', insertAt: lineStart, indent, remaining };
}

/** Decodes a quoted string's content (Bicep `'…'` with backslash escapes; Terraform `"…"`). */
export function unescapeString(raw: string): string {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|.)/g, (_, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e;
  });
}

/** A value read from the template as written, or why it cannot be (it is only known at deployment). */
export type Plain = { ok: true; value: unknown; from: ValueSource; origin?: string } | { ok: false; reason: string };

/** A list literal: every item read with `read`, or the first item's reason it cannot be. */
export function plainList(items: Iterable<SyntaxNode>, read: (node: SyntaxNode) => Plain): Plain {
  const out: unknown[] = [];
  for (const item of items) {
    const v = read(item);
    if (!v.ok) return v;
    out.push(v.value);
  }
  return { ok: true, value: out, from: 'literal' };
}

/** An object literal from its members' keys and value nodes; a member without either gets `incomplete` as the reason. */
export function plainObject(members: Iterable<{ key: string | undefined; value: SyntaxNode | undefined }>, read: (node: SyntaxNode) => Plain, incomplete: string): Plain {
  const out: Record<string, unknown> = {};
  for (const { key, value } of members) {
    if (key === undefined || !value) return { ok: false, reason: incomplete };
    const v = read(value);
    if (!v.ok) return v;
    out[key] = v.value;
  }
  return { ok: true, value: out, from: 'literal' };
}
