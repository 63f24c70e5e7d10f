// `.bicepparam` files: `using './main.bicep'` and `param name = <expression>` lines (plus `var`s they may use).
// The Bicep grammar we ship (tree-sitter-bicep 1.1.0) has no rule for a `param` without a type, so it marks those
// lines as errors. The grammar itself finds them (its top-level parameter_declaration nodes, whose text starts with the
// `param` keyword); each of those keywords is then replaced by `var` plus two spaces, which keeps every offset and
// line, and the file is parsed again: each value is then an ordinary expression, read like a template's `var`.
import { posix } from 'node:path';
import type { ParseProblem } from '../model';
import { bicepValue, scopeOf, type BicepInput } from './bicepTemplate';
import { firstSyntaxError } from './syntaxTree';
import type { TreeSitterParsers } from './treeSitter';

export interface BicepParamFile {
  file: string;
  /** The template it is for, relative to the scanned folder (forward slashes); undefined when `using` is missing or not a local path. */
  template?: string;
  /** Values by lower-cased parameter name, each with the file and line it is written on. */
  values: Map<string, BicepInput>;
  problems: ParseProblem[];
}

const KEYWORD = 'param';
const STAND_IN = 'var  ';

export function readBicepParamFile(parsers: TreeSitterParsers, file: string, text: string): BicepParamFile {
  const values = new Map<string, BicepInput>();
  const failed = (line: number, message: string): BicepParamFile => ({ file, values, problems: [{ file, line, message }] });
  const first = parsers.bicep.parse(text);
  if (!first) return failed(1, 'could not be parsed');
  const starts = first.rootNode.namedChildren.filter((n) => n?.type === 'parameter_declaration' && n.text.startsWith(KEYWORD)).map((n) => n?.startIndex as number);
  let rewritten = text;
  for (const start of starts) rewritten = rewritten.slice(0, start) + STAND_IN + rewritten.slice(start + KEYWORD.length);
  const tree = parsers.bicep.parse(rewritten);
  if (!tree) return failed(1, 'could not be parsed');
  const error = firstSyntaxError(tree.rootNode);
  if (error) return failed(error.startPosition.row + 1, `Bicep parameter file syntax error near "${text.slice(error.startIndex, error.startIndex + 40)}"`);
  const statements = tree.rootNode.namedChildren.filter((n) => n !== null);
  const using = statements.find((n) => n.type === 'using_statement')?.namedChildren.find((n) => n?.type === 'string');
  const usingPath = using && !using.namedChildren.some((c) => c?.type === 'interpolation') ? using.text.slice(1, -1) : undefined;
  const template = usingPath && !/^(br|ts)[:/]/i.test(usingPath) ? posix.normalize(posix.join(posix.dirname(file), usingPath)) : undefined;
  const scope = scopeOf(tree.rootNode);
  const parameterStarts = new Set(starts);
  for (const statement of statements) {
    if (statement.type !== 'variable_declaration' || !parameterStarts.has(statement.startIndex)) continue;
    const parts = statement.namedChildren.filter((n) => n !== null);
    const name = parts[0]?.text;
    const valueNode = parts[parts.length - 1];
    if (!name || !valueNode || parts.length < 2) continue;
    const v = bicepValue(valueNode, scope);
    values.set(name.toLowerCase(), v.ok ? { ok: true, value: v.value, from: 'parameterFile', origin: `${file} line ${valueNode.startPosition.row + 1}` } : { ok: false, reason: `${v.reason} (${file} line ${valueNode.startPosition.row + 1})` });
  }
  return { file, template, values, problems: [] };
}
