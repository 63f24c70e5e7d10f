// Node >= 22.1: V8's compile cache for every module the bot loads (module.enableCompileCache), kept in Node's default
// folder (<os.tmpdir()>/node-compile-cache, or NODE_COMPILE_CACHE's; NODE_DISABLE_COMPILE_CACHE turns it off). A
// later start of the same build reuses the compiled code of ~2,400 files instead of compiling them again; a changed
// file is compiled afresh (the cache is keyed by content). Node 20 has no such API: nothing happens there.
// The entry imports this first, so the cache is on before the other modules load. It acts only when this build's
// entry (dist/src/index.js) is the process's main module: importing the entry in tests turns nothing on.
import * as nodeModule from 'node:module';
import { join } from 'node:path';

type EnableCompileCache = (directory?: string) => { status: number; message?: string; directory?: string };

const enable = (nodeModule as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
if (typeof enable === 'function' && require.main?.filename === join(__dirname, 'index.js')) enable();
