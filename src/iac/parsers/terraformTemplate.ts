// Terraform (azurerm) read with web-tree-sitter's Terraform grammar, one module (folder) at a time: `var.x` resolves
// to the value in terraform.tfvars / *.auto.tfvars, else the variable's default; `local.x` to the local's value;
// anything computed (functions, interpolation, other resources' attributes, modules) is unknown.
import type { IacResource, ParsedTemplate, PropertyLocation, PropertyPath, ResolvedValue } from '../model';
import { walkValue } from './lines';
import { firstSyntaxError, insertionPoint, plainList, plainObject, spanOfNode, unescapeString, type Plain } from './syntaxTree';
import type { SyntaxNode, TreeSitterParsers } from './treeSitter';

export interface SourceFile {
  file: string;
  text: string;
}

interface Scope {
  variables: Map<string, SyntaxNode | undefined>;
  locals: Map<string, SyntaxNode>;
  tfvars: Map<string, SyntaxNode>;
}

const named = (node: SyntaxNode) => node.namedChildren.filter((c): c is SyntaxNode => c !== null);
const bodyOf = (block: SyntaxNode) => named(block).find((c) => c.type === 'body');
const membersOf = (block: SyntaxNode) => (bodyOf(block) ? named(bodyOf(block) as SyntaxNode) : []).filter((c) => c.type === 'attribute' || c.type === 'block');
const nameOf = (member: SyntaxNode) => named(member)[0]?.text ?? '';
/** The file's top-level body (comments before it are siblings of it, not in it). */
const topBody = (root: SyntaxNode) => named(root).find((c) => c.type === 'body') ?? root;
const labelsOf = (block: SyntaxNode) => named(block).filter((c) => c.type === 'string_lit').map((c) => unescapeString(c.text.slice(1, -1)));

function plainValue(node: SyntaxNode, scope: Scope, depth: number): Plain {
  if (depth > 10) return { ok: false, reason: 'values refer to each other too deeply' };
  const parts = named(node);
  if (node.type === 'expression' && parts.length === 1 && parts[0]) return plainValue(parts[0], scope, depth);
  if (node.type === 'expression' && parts.length === 2 && parts[0]?.type === 'variable_expr' && parts[1]?.type === 'get_attr') {
    const root = parts[0].text;
    const name = named(parts[1])[0]?.text ?? '';
    if (root === 'var' && scope.variables.has(name)) {
      const assigned = scope.tfvars.get(name);
      if (assigned) {
        const v = plainValue(assigned, scope, depth + 1);
        return v.ok ? { ...v, from: 'parameterFile' } : v;
      }
      const fallback = scope.variables.get(name);
      if (!fallback) return { ok: false, reason: `variable ${name} has no default and no tfvars value` };
      const v = plainValue(fallback, scope, depth + 1);
      return v.ok ? { ...v, from: 'parameter' } : v;
    }
    const local = root === 'local' ? scope.locals.get(name) : undefined;
    if (local) {
      const v = plainValue(local, scope, depth + 1);
      return v.ok ? { ...v, from: 'variable' } : v;
    }
    return { ok: false, reason: `refers to ${node.text.slice(0, 80)}, known only at apply time` };
  }
  switch (node.type) {
    case 'literal_value':
      return parts[0] ? plainValue(parts[0], scope, depth) : { ok: false, reason: 'empty literal' };
    case 'string_lit':
      return { ok: true, value: unescapeString(node.text.slice(1, -1)), from: 'literal' };
    case 'numeric_lit':
      return { ok: true, value: Number(node.text), from: 'literal' };
    case 'bool_lit':
      return { ok: true, value: node.text === 'true', from: 'literal' };
    case 'null_lit':
      return { ok: true, value: null, from: 'literal' };
    case 'collection_value':
      return parts[0] ? plainValue(parts[0], scope, depth) : { ok: false, reason: 'empty collection' };
    case 'tuple':
      return plainList(
        parts.filter((p) => p.type === 'expression'),
        (item) => plainValue(item, scope, depth),
      );
    case 'object':
      return plainObject(
        parts
          .filter((p) => p.type === 'object_elem')
          .map((element) => {
            const [keyNode, value] = named(element);
            return { key: keyNode && (keyNode.text.startsWith('"') ? unescapeString(keyNode.text.slice(1, -1)) : keyNode.text), value };
          }),
        (value) => plainValue(value, scope, depth),
        'incomplete object element',
      );
    default:
      return { ok: false, reason: `computed at apply time: ${node.text.slice(0, 80)}` };
  }
}

function readResource(block: SyntaxNode, scope: Scope, text: string): IacResource | undefined {
  const [type, name] = labelsOf(block);
  if (!type || !name) return undefined;
  /** Follows a path through attributes and nested blocks; a number after a name picks the n-th block of that name. */
  const walk = (path: PropertyPath): { kind: 'node'; node: SyntaxNode } | { kind: 'value'; node: SyntaxNode; rest: PropertyPath } | PropertyLocation => {
    let container = block;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      if (typeof segment !== 'string') return { kind: 'unreachable', reason: 'a block index must follow a name' };
      const index = typeof path[i + 1] === 'number' ? (path[i + 1] as number) : undefined;
      const matches = membersOf(container).filter((m) => nameOf(m) === segment);
      const member = matches[index ?? 0];
      if (!member) {
        if (index !== undefined && index > 0) return { kind: 'unreachable', reason: 'no such block' };
        const close = named(container).find((c) => c.type === 'block_end');
        return insertionPoint(text, close, membersOf(container), path.slice(i).filter((p) => typeof p === 'string'));
      }
      if (index !== undefined) i++;
      if (member.type === 'attribute') {
        const value = named(member)[1];
        if (!value) return { kind: 'unreachable', reason: 'attribute without a value' };
        return i === path.length - 1 ? { kind: 'node', node: value } : { kind: 'value', node: value, rest: path.slice(i + 1) };
      }
      container = member;
    }
    return { kind: 'node', node: container };
  };
  const get = (path: PropertyPath): ResolvedValue => {
    const where = walk(path);
    if (where.kind === 'absent' || where.kind === 'unreachable') return { kind: 'missing' };
    if (where.kind === 'found') return { kind: 'missing' };
    if (where.node.type === 'block') return { kind: 'value', value: {}, from: 'literal', span: spanOfNode(where.node) };
    const span = spanOfNode(where.node);
    const v = plainValue(where.node, scope, 0);
    if (!v.ok) return { kind: 'unknown', reason: v.reason, span };
    if (where.kind === 'value') {
      const rest = walkValue(v.value, where.rest);
      return rest.found ? { kind: 'value', value: rest.value, from: v.from, span } : { kind: 'missing' };
    }
    return { kind: 'value', value: v.value, from: v.from, span };
  };
  return {
    language: 'terraform',
    type,
    name,
    span: spanOfNode(block),
    get,
    count: (path) => {
      const last = path[path.length - 1];
      if (typeof last !== 'string') return 0;
      const parent = path.length === 1 ? ({ kind: 'node', node: block } as const) : walk(path.slice(0, -1));
      if (parent.kind !== 'node' || parent.node.type !== 'block') return 0;
      const blocks = membersOf(parent.node).filter((m) => m.type === 'block' && nameOf(m) === last).length;
      if (blocks > 0) return blocks;
      const value = get(path);
      return value.kind === 'value' && Array.isArray(value.value) ? value.value.length : 0;
    },
    children: [],
    locate: (path) => {
      const where = walk(path);
      if (where.kind === 'node') return where.node.type === 'block' ? { kind: 'unreachable', reason: 'a block, not a value' } : { kind: 'found', span: spanOfNode(where.node) };
      if (where.kind === 'value') return { kind: 'unreachable', reason: 'the value is an object or comes from a variable' };
      return where;
    },
  };
}

/** Reads one Terraform module: its .tf files, with its .tfvars files supplying variable values. */
export function parseTerraformModule(parsers: TreeSitterParsers, files: readonly SourceFile[], tfvarsFiles: readonly SourceFile[] = []): ParsedTemplate[] {
  const scope: Scope = { variables: new Map(), locals: new Map(), tfvars: new Map() };
  const parsed = files.map((source) => {
    const tree = parsers.terraform.parse(source.text);
    const error = tree ? firstSyntaxError(tree.rootNode) : undefined;
    return { source, tree, error };
  });
  for (const { tree, error } of parsed) {
    if (!tree || error) continue;
    for (const block of named(topBody(tree.rootNode)).filter((c) => c.type === 'block')) {
      const kind = nameOf(block);
      if (kind === 'variable') {
        const [name] = labelsOf(block);
        const fallback = membersOf(block).find((m) => m.type === 'attribute' && nameOf(m) === 'default');
        if (name) scope.variables.set(name, fallback ? named(fallback)[1] : undefined);
      } else if (kind === 'locals') {
        for (const member of membersOf(block)) if (member.type === 'attribute' && named(member)[1]) scope.locals.set(nameOf(member), named(member)[1] as SyntaxNode);
      }
    }
  }
  for (const source of tfvarsFiles) {
    const tree = parsers.terraform.parse(source.text);
    if (!tree || firstSyntaxError(tree.rootNode)) continue;
    for (const member of named(topBody(tree.rootNode))) if (member.type === 'attribute' && named(member)[1]) scope.tfvars.set(nameOf(member), named(member)[1] as SyntaxNode);
  }
  return parsed.map(({ source, tree, error }) => {
    if (!tree || error) {
      const line = error ? error.startPosition.row + 1 : 1;
      return { file: source.file, language: 'terraform' as const, text: source.text, resources: [], problems: [{ file: source.file, line, message: `Terraform syntax error near "${(error?.text ?? '').slice(0, 40)}"` }] };
    }
    const blocks = named(topBody(tree.rootNode)).filter((c) => c.type === 'block' && nameOf(c) === 'resource');
    return { file: source.file, language: 'terraform' as const, text: source.text, resources: blocks.flatMap((b) => readResource(b, scope, source.text) ?? []), problems: [] };
  });
}
