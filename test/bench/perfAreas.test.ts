import { summarizePerfScript } from '../../bench/perfAreas';

// `perf script -F pid,tid,ip,sym,dso` output: a "pid/tid" line, then the stack leaf first, then a blank line.
const sample = (pid: number, tid: number, frames: Array<[string, string]>): string =>
  [` ${pid}/${tid}  `, ...frames.map(([sym, dso], i) => `\t    ${(0x1000 + i).toString(16)} ${sym} (${dso})`), ''].join('\n');

const JIT = '/tmp/perf-10.map';
/** Samples per key (the summary gives shares). */
const counts = (shares: Map<string, number>, samples: number) => Object.fromEntries([...shares].map(([key, share]) => [key, Math.round(share * samples)]));
const NODE = '/usr/bin/node';

describe('on-CPU profile summary (perf script)', () => {
  const text = [
    // SQLite's own code, called through the bench's statement counter from the storage: charged to src/storage.
    sample(10, 10, [
      ['sqlite3VdbeExec', '/repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node'],
      ['Statement::JS_run', '/repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node'],
      ['JS:*counted /repo/dist/bench/servers/sqliteCounter.js:27:10', JIT],
      ['JS:*writeEntries /repo/dist/src/storage/sqliteConversationStorage.js:43:26', JIT],
    ]),
    // JSON.parse inside the planner: V8 C++ at the leaf, the planner's frame above.
    sample(10, 10, [
      ['v8::internal::JsonParser<unsigned char>::ParseJsonValue<false>', NODE],
      ['Builtins_JsonParse', NODE],
      ['JS:^plan /repo/dist/src/planner/keylessPlanner.js:10:3', JIT],
    ]),
    // A kernel write under node's stream code.
    sample(10, 10, [
      ['copy_folio_from_iter_atomic', '[kernel.kallsyms]'],
      ['writev', '/usr/lib/x86_64-linux-gnu/libc.so.6'],
      ['JS:~writevGeneric node:internal/stream_base_commons:121:22', JIT],
    ]),
    // A scavenge on a helper thread, and one in the main thread under product code: both GC.
    sample(10, 12, [['v8::internal::Scavenger::ScavengeObject<v8::internal::FullHeapObjectSlot>', NODE]]),
    sample(10, 10, [
      ['v8::internal::Heap::CollectGarbage', NODE],
      ['JS:*render /repo/dist/src/cards/compiledTemplate.js:234:5', JIT],
    ]),
    // The optimizing compiler on a helper thread: no JavaScript at all.
    sample(10, 13, [['v8::internal::compiler::GraphReducer::ReduceTop', NODE]]),
    // The checkpoint worker's eval'd code on its own thread.
    sample(10, 14, [
      ['walChecksumBytes', '/repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node'],
      ['JS:^run [worker eval]:24:13', JIT],
    ]),
    // A JIT frame in a package, its function name with a space in it (a getter).
    sample(10, 10, [['JS:*get body /repo/node_modules/botbuilder-core/lib/turnContext.js:5:7', JIT]]),
    // The main thread in native code with no JavaScript above it (libuv polling).
    sample(10, 10, [
      ['__memmove_avx512_unaligned_erms', '/usr/lib/x86_64-linux-gnu/libc.so.6'],
      ['uv_run', NODE],
    ]),
    '',
  ].join('\n');

  it('charges each sample to the nearest script, looking through the statement counter, GC and helper threads apart', () => {
    const summary = summarizePerfScript(text);
    expect(summary.samples).toBe(9);
    expect(counts(summary.byArea, 9)).toEqual({
      'src/storage': 1,
      'src/planner': 1,
      'node internals': 1,
      '(garbage collector)': 2,
      "V8's helper threads (compiler, ...)": 1,
      'worker thread (eval)': 1,
      'botbuilder-core': 1,
      '(native, no JavaScript caller)': 1,
    });
    // Largest first.
    expect([...summary.byArea.keys()][0]).toBe('(garbage collector)');
  });

  it('says what kind of code each sample was in', () => {
    expect(counts(summarizePerfScript(text).byLeaf, 9)).toEqual({
      'SQLite (native)': 2,
      'V8 and node C++ (builtins, interpreter, runtime)': 2,
      'kernel (system calls, page faults)': 1,
      '(garbage collector)': 2,
      'JIT-compiled JavaScript': 1,
      'C library (memcpy, malloc, ...)': 1,
    });
  });

  it('reads nothing from text that is not perf script output', () => {
    expect(summarizePerfScript('').samples).toBe(0);
    expect(summarizePerfScript('perf: not allowed\n\tffff junk\n').samples).toBe(0);
  });
});
