// Loads web-tree-sitter and the Terraform and Bicep grammars (wasm, shipped in their npm packages) once per process.
import { Language, Parser } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

export interface TreeSitterParsers {
  terraform: Parser;
  bicep: Parser;
}

let loading: Promise<TreeSitterParsers> | undefined;

/** The two parsers, loaded on first use (about 50 ms) and shared. */
export function treeSitterParsers(): Promise<TreeSitterParsers> {
  loading ??= (async () => {
    await Parser.init();
    const terraform = new Parser();
    terraform.setLanguage(await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));
    const bicep = new Parser();
    bicep.setLanguage(await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm')));
    return { terraform, bicep };
  })();
  return loading;
}
