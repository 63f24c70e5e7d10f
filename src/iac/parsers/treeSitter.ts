// Loads web-tree-sitter and the Terraform and Bicep grammars (wasm, shipped in their npm packages) once per process.
import { readFile } from 'node:fs/promises';
import { Language, Parser } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

export interface TreeSitterParsers {
  terraform: Parser;
  bicep: Parser;
}

// Bytes, not a path: given a path, web-tree-sitter imports fs dynamically, which CommonJS test runners refuse.
const grammar = async (module: string) => Language.load(new Uint8Array(await readFile(require.resolve(module))));

let loading: Promise<TreeSitterParsers> | undefined;

/** The two parsers, loaded on first use (about 50 ms) and shared. */
export function treeSitterParsers(): Promise<TreeSitterParsers> {
  loading ??= (async () => {
    await Parser.init();
    const terraform = new Parser();
    terraform.setLanguage(await grammar('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
    const bicep = new Parser();
    bicep.setLanguage(await grammar('tree-sitter-bicep/tree-sitter-bicep.wasm'));
    return { terraform, bicep };
  })();
  return loading;
}
