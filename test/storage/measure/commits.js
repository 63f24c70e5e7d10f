// Main-thread time inside SQLite of a running bot, for measure.sh MODE=commits. Not a jest test. Preloaded
// (`node -r test/storage/measure/commits.js dist/src/index.js`): every Statement run/get/all/iterate on the main
// thread is timed (hrtime), BEGINs and COMMITs apart (a BEGIN IMMEDIATE waits for another connection's write lock), and the event loop's delay is sampled (monitorEventLoopDelay, 10 ms
// resolution's p99/max of how late timers ran). SIGUSR2 writes what was measured since the last SIGUSR2 to
// $COMMITS_OUT (JSON) and starts again. A worker thread loading it measures nothing (no signal there).
'use strict';
const { onStatementMethods } = require('./statementMethods');
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const { monitorEventLoopDelay } = require('node:perf_hooks');

let all = 0n;
let commits = [];
let begins = [];
let loop = monitorEventLoopDelay({ resolution: 10 });

if (isMainThread) {
  onStatementMethods((original) =>
    function timed(...args) {
      const start = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const ns = process.hrtime.bigint() - start;
        all += ns;
        if (/^\s*COMMIT\b/i.test(this.source)) commits.push(Number(ns) / 1e6);
        else if (/^\s*BEGIN\b/i.test(this.source)) begins.push(Number(ns) / 1e6);
      }
    });
  loop.enable();
  process.on('SIGUSR2', () => {
    const out = process.env.COMMITS_OUT;
    const sorted = commits.slice().sort((a, b) => a - b);
    const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
    const b = begins.slice().sort((x, y) => x - y);
    if (out) {
      writeFileSync(out, JSON.stringify({
        sqliteMs: Number(all) / 1e6, commits: sorted.length, commitP50: at(0.5), commitP99: at(0.99), commitMax: sorted.at(-1) ?? 0,
        commitsOver10ms: sorted.filter((ms) => ms > 10).length, commitMsTotal: sorted.reduce((s, ms) => s + ms, 0),
        beginP99: b.length ? b[Math.floor(0.99 * b.length)] : 0, beginMax: b.at(-1) ?? 0, beginMsTotal: b.reduce((t, ms) => t + ms, 0),
        loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6,
      }));
    }
    all = 0n;
    commits = [];
    begins = [];
    loop.disable();
    loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
  });
}
