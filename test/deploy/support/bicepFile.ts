// Reads a Bicep file with tree-sitter-bicep (the grammar the IaC scanner uses; no Bicep compiler is reachable here)
// and answers the questions the deploy tests ask: syntax errors, resources, parameters, outputs, a var's keys.
import { readFileSync } from 'node:fs';
import { treeSitterParsers, type SyntaxNode } from '../../../src/iac/parsers/treeSitter';

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  /** The resource body's text, for property checks. */
  body: string;
  node: SyntaxNode;
}

export interface BicepFile {
  text: string;
  /** Line and text of every ERROR or missing node. */
  syntaxErrors: string[];
  targetScope: string;
  resources: BicepResource[];
  /** Parameter name → whether it has a default value. */
  parameters: Map<string, { hasDefault: boolean }>;
  outputs: string[];
  /** The property names of `var <name> = { ... }`, with each value's text. */
  objectVar(name: string): Map<string, string>;
}

const stringContent = (node: SyntaxNode | null | undefined): string =>
  node ? node.children.filter((c): c is SyntaxNode => !!c && (c.type === 'string_content' || c.type === 'escape_sequence')).map((c) => c.text).join('') : '';

const childrenOf = (node: SyntaxNode, type: string): SyntaxNode[] => node.children.filter((c): c is SyntaxNode => !!c && c.type === type);

export async function readBicep(path: string): Promise<BicepFile> {
  const text = readFileSync(path, 'utf8');
  const { bicep } = await treeSitterParsers();
  const tree = bicep.parse(text);
  if (!tree) throw new Error(`${path}: tree-sitter returned no tree`);
  const root = tree.rootNode;
  const syntaxErrors: string[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.type === 'ERROR' || node.isMissing) syntaxErrors.push(`${node.startPosition.row + 1}: ${node.text.slice(0, 80)}`);
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);

  const statements = root.children.filter((c): c is SyntaxNode => !!c);
  const targetScopeNode = statements.find((s) => s.type === 'target_scope_assignment');
  const resources: BicepResource[] = statements
    .filter((s) => s.type === 'resource_declaration')
    .map((s) => {
      const [typeAndVersion = ''] = childrenOf(s, 'string').map(stringContent);
      const [type = '', apiVersion = ''] = typeAndVersion.split('@');
      return { symbol: childrenOf(s, 'identifier')[0]?.text ?? '', type, apiVersion, body: s.text, node: s };
    });
  const parameters = new Map<string, { hasDefault: boolean }>();
  for (const s of statements.filter((c) => c.type === 'parameter_declaration')) {
    parameters.set(childrenOf(s, 'identifier')[0]?.text ?? '', { hasDefault: s.children.some((c) => c?.type === '=') });
  }
  const outputs = statements.filter((s) => s.type === 'output_declaration').map((s) => childrenOf(s, 'identifier')[0]?.text ?? '');

  const objectVar = (name: string): Map<string, string> => {
    const declaration = statements.find((s) => s.type === 'variable_declaration' && childrenOf(s, 'identifier')[0]?.text === name);
    const object = declaration && childrenOf(declaration, 'object')[0];
    if (!object) throw new Error(`${path}: no var ${name} = { ... }`);
    const properties = new Map<string, string>();
    for (const property of childrenOf(object, 'object_property')) {
      const key = property.children[0];
      const value = property.children[property.children.length - 1];
      if (key && value) properties.set(key.type === 'string' ? stringContent(key) : key.text, value.text);
    }
    return properties;
  };

  return { text, syntaxErrors, targetScope: stringContent(targetScopeNode ? childrenOf(targetScopeNode, 'string')[0] : undefined) || 'resourceGroup', resources, parameters, outputs, objectVar };
}

/** A Bicep string literal's value ('a' → a), or undefined for an expression. */
export function bicepLiteral(valueText: string): string | undefined {
  const match = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/.exec(valueText);
  return match ? match[1]!.replace(/\\(.)/g, '$1') : undefined;
}
