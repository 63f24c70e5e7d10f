// For the preloads of measure.sh (statements.js, commits.js): wraps better-sqlite3's Statement run/get/all/iterate
// once the bot loads the module. wrap(original, method) returns the replacement for each of them.
'use strict';
const Module = require('node:module');

function onStatementMethods(wrap) {
  const load = Module._load;
  let patched = false;
  Module._load = function patchedLoad(request, ...rest) {
    const exported = load.call(this, request, ...rest);
    if (!patched && request === 'better-sqlite3') {
      patched = true;
      const scratch = new exported(':memory:');
      const proto = Object.getPrototypeOf(scratch.prepare('SELECT 1'));
      scratch.close();
      for (const method of ['run', 'get', 'all', 'iterate']) proto[method] = wrap(proto[method], method);
    }
    return exported;
  };
}

module.exports = { onStatementMethods };
