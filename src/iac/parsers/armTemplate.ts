// ARM JSON templates read with jsonc-parser (comments allowed, as ARM accepts them), keeping offsets so findings
// have lines and fixes can edit one value. `[parameters('x')]` and `[variables('x')]` resolve to the parameter file's
// value, the parameter's default or the variable; any other expression is unknown.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { IacResource, ParsedTemplate, PropertyPath, ResolvedValue, Span } from '../model';
import { lineIndex, sameName, walkValue } from './lines';

const PARAMETER = /^\[\s*parameters\(\s*'([^']+)'\s*\)\s*\]$/i;
const VARIABLE = /^\[\s*variables\(\s*'([^']+)'\s*\)\s*\]$/i;

/** A template is a JSON file whose $schema names a deployment template (parameter files are read alongside). */
export function isArmTemplate(text: string): boolean {
  return /"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json#?"/i.test(text);
}

export function isArmParameterFile(text: string): boolean {
  return /"\$schema"\s*:\s*"[^"]*deploymentParameters\.json#?"/i.test(text);
}

const propertyOf = (node: JsonNode | undefined, key: string): JsonNode | undefined =>
  node?.type === 'object' ? node.children?.find((p) => p.children?.[0] && sameName(String(p.children[0].value), key))?.children?.[1] : undefined;

/** The `parameters` values of a deployment parameter file, by lower-cased name. */
export function readParameterFile(text: string): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const root = parseTree(text, [], { allowTrailingComma: true });
  for (const entry of propertyOf(root, 'parameters')?.children ?? []) {
    const name = entry.children?.[0]?.value;
    const value = propertyOf(entry.children?.[1], 'value');
    if (typeof name === 'string' && value) values.set(name.toLowerCase(), getNodeValue(value));
  }
  return values;
}

export function parseArmTemplate(file: string, text: string, parameterFile?: Map<string, unknown>): ParsedTemplate {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lineOf = lineIndex(text);
  if (errors.length > 0 || !root || root.type !== 'object') {
    const first = errors[0];
    return { file, language: 'arm', text, resources: [], problems: [{ file, line: first ? lineOf(first.offset) : 1, message: first ? `not valid JSON: ${printParseErrorCode(first.error)}` : 'not a JSON object' }] };
  }
  const spanOf = (node: JsonNode): Span => ({ start: node.offset, end: node.offset + node.length, line: lineOf(node.offset) });
  const parameters = propertyOf(root, 'parameters');
  const variables = propertyOf(root, 'variables');

  /** Resolves an expression string once; depth guards variables that refer to each other. */
  const resolveExpression = (raw: string, span: Span, depth = 0): ResolvedValue => {
    const parameter = PARAMETER.exec(raw)?.[1];
    if (parameter !== undefined) {
      if (parameterFile?.has(parameter.toLowerCase())) return { kind: 'value', value: parameterFile.get(parameter.toLowerCase()), from: 'parameterFile', span };
      const fallback = propertyOf(propertyOf(parameters, parameter), 'defaultValue');
      if (!fallback) return { kind: 'unknown', reason: `parameter ${parameter} has no default and no parameter file value`, span };
      return literalOrExpression(getNodeValue(fallback), span, 'parameter', depth + 1);
    }
    const variable = VARIABLE.exec(raw)?.[1];
    if (variable !== undefined) {
      const node = propertyOf(variables, variable);
      if (!node) return { kind: 'unknown', reason: `variable ${variable} is not declared`, span };
      return literalOrExpression(getNodeValue(node), span, 'variable', depth + 1);
    }
    return { kind: 'unknown', reason: `computed at deployment: ${raw.slice(0, 80)}`, span };
  };
  const isExpression = (v: unknown): v is string => typeof v === 'string' && v.startsWith('[') && !v.startsWith('[[') && v.endsWith(']');
  const literalOrExpression = (value: unknown, span: Span, from: 'parameter' | 'variable' | 'literal', depth: number): ResolvedValue => {
    if (depth > 10) return { kind: 'unknown', reason: 'variables refer to each other too deeply', span };
    if (isExpression(value)) return resolveExpression(value, span, depth);
    return { kind: 'value', value: typeof value === 'string' && value.startsWith('[[') ? value.slice(1) : value, from, span };
  };

  const get = (node: JsonNode, path: PropertyPath): ResolvedValue => {
    let current: JsonNode | undefined = node;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] as string | number;
      if (current.type === 'string' && isExpression(current.value)) {
        const resolved = resolveExpression(current.value, spanOf(current));
        if (resolved.kind !== 'value') return resolved;
        const rest = walkValue(resolved.value, path.slice(i));
        return rest.found ? { ...resolved, value: rest.value } : { kind: 'missing' };
      }
      const next: JsonNode | undefined = typeof segment === 'number' ? (current.type === 'array' ? current.children?.[segment] : undefined) : propertyOf(current, segment);
      if (!next) return { kind: 'missing' };
      current = next;
    }
    return literalOrExpression(getNodeValue(current), spanOf(current), 'literal', 0);
  };

  const readResource = (node: JsonNode, parentType: string | undefined): IacResource | undefined => {
    const typeValue = propertyOf(node, 'type')?.value;
    if (typeof typeValue !== 'string') return undefined;
    const type = parentType && !typeValue.includes('/') ? `${parentType}/${typeValue}` : typeValue;
    const apiVersion = propertyOf(node, 'apiVersion')?.value;
    const children = (propertyOf(node, 'resources')?.children ?? []).flatMap((child) => readResource(child, type) ?? []);
    return {
      language: 'arm',
      type,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined,
      name: String(propertyOf(node, 'name')?.value ?? '(unnamed)'),
      span: spanOf(node),
      get: (path) => get(node, path),
      count: (path) => {
        let current: JsonNode | undefined = node;
        for (const segment of path) current = typeof segment === 'number' ? current?.children?.[segment] : propertyOf(current, segment);
        return current?.type === 'array' ? (current.children?.length ?? 0) : 0;
      },
      children,
    };
  };

  const resources = (propertyOf(root, 'resources')?.children ?? []).flatMap((node) => readResource(node, undefined) ?? []);
  return { file, language: 'arm', text, resources, problems: [] };
}

/** The JSON path (for jsonc-parser's modify) of a resource and of a property in it, with keys spelt as in the file. */
export function armJsonPath(text: string, resourceSpan: Span, path: PropertyPath): Array<string | number> | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return undefined;
  const locate = (node: JsonNode, prefix: Array<string | number>): Array<string | number> | undefined => {
    const list = propertyOf(node, 'resources');
    for (const [index, child] of (list?.children ?? []).entries()) {
      const here = [...prefix, 'resources', index];
      if (child.offset === resourceSpan.start) return here;
      const deeper = locate(child, here);
      if (deeper) return deeper;
    }
    return undefined;
  };
  const base = locate(root, []);
  if (!base) return undefined;
  const result: Array<string | number> = [...base];
  let node = findNodeAtLocation(root, base);
  for (const segment of path) {
    if (typeof segment === 'number') {
      result.push(segment);
      node = node?.children?.[segment];
      continue;
    }
    const property = node?.type === 'object' ? node.children?.find((p) => p.children?.[0] && sameName(String(p.children[0].value), segment)) : undefined;
    result.push(property ? String(property.children?.[0]?.value) : segment);
    node = property?.children?.[1];
  }
  return result;
}
