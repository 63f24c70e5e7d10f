// Bicep files read with web-tree-sitter's Bicep grammar. Identifiers that name a `param` resolve to the input given
// for it (a .bicepparam file, a <name>.parameters.json file, or a module call's `params`) or to the parameter's
// default, `var`s to their value; anything computed (functions, interpolation, loops, other resources' properties)
// is unknown. Files with syntax errors are reported and not read further. Module calls are read too, with their
// inputs resolved in this file's scope, so the scanner can follow them one level.
import type { IacResource, ParsedTemplate, PropertyLocation, PropertyPath, ResolvedValue } from '../model';
import { sameName, walkValue } from './lines';
import { firstSyntaxError, insertionPoint, plainList, plainObject, spanOfNode, unescapeString, type Plain } from './syntaxTree';
import type { SyntaxNode, TreeSitterParsers } from './treeSitter';

/** A parameter's value from outside the template, with where it was written; or why it is only known at deployment. */
export type BicepInput = { ok: true; value: unknown; from: 'parameterFile' | 'moduleInput'; origin: string } | { ok: false; reason: string };
/** Inputs by lower-cased parameter name; `allUnknown` when the caller's `params` could not be read at all. */
export interface BicepInputs {
  values: ReadonlyMap<string, BicepInput>;
  allUnknown?: string;
}

/** `module x './file.bicep' = { params: {...} }` as read in the calling file: its path as written and its inputs. */
export interface BicepModuleCall {
  path: string;
  line: number;
  inputs: BicepInputs;
}

export interface BicepTemplate extends ParsedTemplate {
  moduleCalls: readonly BicepModuleCall[];
}

type Scope = { params: Map<string, SyntaxNode | undefined>; vars: Map<string, SyntaxNode>; inputs?: BicepInputs };

const named = (node: SyntaxNode) => node.namedChildren.filter((c): c is SyntaxNode => c !== null);
const keyOf = (property: SyntaxNode): string | undefined => {
  const key = named(property)[0];
  if (!key) return undefined;
  if (key.type === 'identifier') return key.text;
  if (key.type === 'string') return stringLiteral(key);
  return undefined;
};
/** A string without interpolation, decoded; undefined when it interpolates. */
function stringLiteral(node: SyntaxNode): string | undefined {
  if (named(node).some((c) => c.type === 'interpolation')) return undefined;
  const raw = node.text.startsWith("'''") ? node.text.slice(3, -3) : node.text.slice(1, -1);
  return node.text.startsWith("'''") ? raw : unescapeString(raw);
}
const valueNodeOf = (property: SyntaxNode) => named(property)[1];
const membersOf = (object: SyntaxNode) => named(object).filter((c) => c.type === 'object_property' && c.namedChildren[0]?.type !== 'resource_declaration');


function plainValue(node: SyntaxNode, scope: Scope, depth: number): Plain {
  if (depth > 10) return { ok: false, reason: 'variables refer to each other too deeply' };
  switch (node.type) {
    case 'string': {
      const s = stringLiteral(node);
      return s === undefined ? { ok: false, reason: `interpolated at deployment: ${node.text.slice(0, 80)}` } : { ok: true, value: s, from: 'literal' };
    }
    case 'number':
      return { ok: true, value: Number(node.text), from: 'literal' };
    case 'boolean':
      return { ok: true, value: node.text === 'true', from: 'literal' };
    case 'null':
      return { ok: true, value: null, from: 'literal' };
    case 'parenthesized_expression': {
      const inner = named(node)[0];
      return inner ? plainValue(inner, scope, depth) : { ok: false, reason: 'empty parentheses' };
    }
    case 'array':
      return plainList(named(node), (item) => plainValue(item, scope, depth));
    case 'object':
      return plainObject(
        membersOf(node).map((member) => ({ key: keyOf(member), value: valueNodeOf(member) })),
        (value) => plainValue(value, scope, depth),
        'computed property name',
      );
    case 'identifier': {
      const name = node.text;
      if (scope.params.has(name)) {
        if (scope.inputs?.allUnknown) return { ok: false, reason: scope.inputs.allUnknown };
        const input = scope.inputs?.values.get(name.toLowerCase());
        if (input) return input;
        const fallback = scope.params.get(name);
        if (!fallback) return { ok: false, reason: `parameter ${name} has no default and no input` };
        const v = plainValue(fallback, scope, depth + 1);
        return v.ok ? { ...v, from: 'parameter' } : v;
      }
      const variable = scope.vars.get(name);
      if (variable) {
        const v = plainValue(variable, scope, depth + 1);
        return v.ok ? { ...v, from: 'variable' } : v;
      }
      return { ok: false, reason: `refers to ${name}, known only at deployment` };
    }
    default:
      return { ok: false, reason: `computed at deployment: ${node.text.slice(0, 80)}` };
  }
}

function readResource(node: SyntaxNode, scope: Scope, text: string, parentType?: string): IacResource | undefined {
  const parts = named(node);
  const typeNode = parts.find((c) => c.type === 'string');
  const declared = typeNode ? stringLiteral(typeNode) : undefined;
  if (!declared || node.children.some((c) => c?.type === 'existing')) return undefined;
  const [typeName, apiVersion] = declared.split('@') as [string, string | undefined];
  const type = parentType && !typeName.includes('/') ? `${parentType}/${typeName}` : typeName;
  const body = bodyOf(node);
  if (!body) return undefined;
  const children = named(body)
    .filter((c) => c.type === 'object_property' && c.namedChildren[0]?.type === 'resource_declaration')
    .flatMap((c) => readResource(c.namedChildren[0] as SyntaxNode, scope, text, type) ?? []);

  const locate = (path: PropertyPath): PropertyLocation | { kind: 'resolve'; node: SyntaxNode; rest: PropertyPath } => {
    let current: SyntaxNode = body;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] as string | number;
      if (typeof segment === 'number') {
        if (current.type !== 'array') return current.type === 'identifier' ? { kind: 'resolve', node: current, rest: path.slice(i) } : { kind: 'unreachable', reason: 'not an array' };
        const item = named(current)[segment];
        if (!item) return { kind: 'unreachable', reason: 'no such array element' };
        current = item;
        continue;
      }
      if (current.type !== 'object') return { kind: 'resolve', node: current, rest: path.slice(i) };
      const member = membersOf(current).find((m) => sameName(keyOf(m) ?? '', segment));
      const value = member ? valueNodeOf(member) : undefined;
      if (!value) return insertionPoint(text, current.lastChild ?? undefined, membersOf(current), path.slice(i));
      current = value;
    }
    return { kind: 'found', span: spanOfNode(current) };
  };
  const get = (path: PropertyPath): ResolvedValue => {
    const where = locate(path);
    if (where.kind === 'absent') return { kind: 'missing' };
    if (where.kind === 'unreachable') return { kind: 'missing' };
    const target = where.kind === 'resolve' ? where.node : nodeAt(body, path);
    if (!target) return { kind: 'missing' };
    const span = spanOfNode(target);
    const v = plainValue(target, scope, 0);
    if (!v.ok) return { kind: 'unknown', reason: v.reason, span };
    if (where.kind === 'resolve') {
      const rest = walkValue(v.value, where.rest);
      return rest.found ? { kind: 'value', value: rest.value, from: v.from, origin: v.origin, span } : { kind: 'missing' };
    }
    return { kind: 'value', value: v.value, from: v.from, origin: v.origin, span };
  };
  const nodeAt = (from: SyntaxNode, path: PropertyPath): SyntaxNode | undefined => {
    let current: SyntaxNode | undefined = from;
    for (const segment of path) {
      if (!current) return undefined;
      if (typeof segment === 'number') {
        current = named(current)[segment];
        continue;
      }
      const member: SyntaxNode | undefined = membersOf(current).find((m) => sameName(keyOf(m) ?? '', segment));
      current = member ? valueNodeOf(member) : undefined;
    }
    return current;
  };
  return {
    language: 'bicep',
    type,
    apiVersion,
    name: named(node).find((c) => c.type === 'identifier')?.text ?? '(unnamed)',
    span: spanOfNode(node),
    get,
    count: (path) => {
      const target = nodeAt(body, path);
      if (target?.type === 'array') return named(target).length;
      return 0;
    },
    children,
    locate: (path) => {
      const where = locate(path);
      return where.kind === 'resolve' ? { kind: 'unreachable', reason: 'the value comes from a parameter or variable' } : where;
    },
  };
}

/** The object a resource or module declaration's body holds (plain, behind `if (...)`, or inside `for ... in ...: `). */
function bodyOf(node: SyntaxNode): SyntaxNode | undefined {
  const parts = named(node);
  const holder = parts[parts.length - 1];
  if (!holder) return undefined;
  if (holder.type === 'object') return holder;
  const inner = named(holder).find((c) => c.type === 'object');
  return inner ?? (holder.type === 'for_statement' ? named(holder).flatMap((c) => (c.type === 'if_statement' ? named(c) : [])).find((c) => c.type === 'object') : undefined);
}

function readModuleCall(node: SyntaxNode, scope: Scope, file: string): BicepModuleCall | undefined {
  const pathNode = named(node).find((c) => c.type === 'string');
  const path = pathNode ? stringLiteral(pathNode) : undefined;
  const body = bodyOf(node);
  if (!path || !body) return undefined;
  const line = node.startPosition.row + 1;
  const origin = `the module call in ${file} line ${line}`;
  const member = membersOf(body).find((m) => keyOf(m) === 'params');
  const params = member ? valueNodeOf(member) : undefined;
  const values = new Map<string, BicepInput>();
  if (params && params.type !== 'object') {
    const whole = plainValue(params, scope, 0);
    if (!whole.ok || typeof whole.value !== 'object' || whole.value === null) return { path, line, inputs: { values, allUnknown: whole.ok ? 'the module inputs are not an object' : whole.reason } };
    for (const [key, value] of Object.entries(whole.value)) values.set(key.toLowerCase(), { ok: true, value, from: 'moduleInput', origin });
    return { path, line, inputs: { values } };
  }
  for (const input of params ? membersOf(params) : []) {
    const key = keyOf(input);
    const value = valueNodeOf(input);
    if (key === undefined) return { path, line, inputs: { values, allUnknown: 'a module input name is computed' } };
    const v = value ? plainValue(value, scope, 0) : ({ ok: false, reason: 'empty module input' } as const);
    values.set(key.toLowerCase(), v.ok ? { ok: true, value: v.value, from: 'moduleInput', origin: `${origin} (${key})` } : v);
  }
  return { path, line, inputs: { values } };
}

/** The top-level `param` and `var` declarations of a tree, as a scope for reading values. */
export function scopeOf(root: SyntaxNode, inputs?: BicepInputs): Scope {
  const scope: Scope = { params: new Map(), vars: new Map(), inputs };
  for (const statement of named(root)) {
    const parts = named(statement);
    const name = parts.find((c) => c.type === 'identifier')?.text;
    if (!name) continue;
    const last = parts[parts.length - 1];
    if (statement.type === 'parameter_declaration') scope.params.set(name, last && last.type !== 'type' && last !== parts[0] ? last : undefined);
    else if (statement.type === 'variable_declaration' && last && parts.length > 1) scope.vars.set(name, last);
  }
  return scope;
}

/** An expression's value in a scope (a .bicepparam file's values use it), or why it is only known at deployment. */
export const bicepValue = (node: SyntaxNode, scope: Scope): Plain => plainValue(node, scope, 0);

export function parseBicepTemplate(parsers: TreeSitterParsers, file: string, text: string, inputs?: BicepInputs): BicepTemplate {
  const tree = parsers.bicep.parse(text);
  if (!tree) return { file, language: 'bicep', text, resources: [], moduleCalls: [], problems: [{ file, line: 1, message: 'could not be parsed' }] };
  // The tree stays alive while the resources' accessors use it (they read it lazily); it goes with the template.
  const error = firstSyntaxError(tree.rootNode);
  if (error) return { file, language: 'bicep', text, resources: [], moduleCalls: [], problems: [{ file, line: error.startPosition.row + 1, message: `Bicep syntax error near "${error.text.slice(0, 40)}"` }] };
  const scope = scopeOf(tree.rootNode, inputs);
  const statements = named(tree.rootNode);
  const resources = statements.filter((s) => s.type === 'resource_declaration').flatMap((s) => readResource(s, scope, text) ?? []);
  const moduleCalls = statements.filter((s) => s.type === 'module_declaration').flatMap((s) => readModuleCall(s, scope, file) ?? []);
  return { file, language: 'bicep', text, resources, moduleCalls, problems: [] };
}
