// Lets a child `node` process run the TypeScript sources directly (no build step): each .ts file is transpiled to
// CommonJS on require, without type checking (npm test type-checks separately). For tests that spawn processes.
const { readFileSync } = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(outputText, filename);
};

// A module name resolves to its .ts file before a .json of the same name (src/posture/catalog has catalog.ts and
// catalog.json), as in ts-jest and the build: Node tries extensions in the order they were registered.
for (const extension of ['.json', '.node']) {
  const load = require.extensions[extension];
  delete require.extensions[extension];
  require.extensions[extension] = load;
}
