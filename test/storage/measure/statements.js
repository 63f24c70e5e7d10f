// Lists the SQLite statements a running bot executes, by statement and by the product code that ran it. Not a jest
// test. Preload it (`node -r test/storage/measure/statements.js dist/src/index.js`, measure.sh MODE=statements does):
// every Statement run/get/all/iterate is counted (as bench/servers/sqliteCounter.ts counts them: BEGIN, SAVEPOINT,
// RELEASE, ROLLBACK and COMMIT apart), keyed by its SQL and the nearest dist/src frames of the call. SIGUSR2 writes
// what was counted since the last SIGUSR2 to $STATEMENTS_OUT (JSON) and starts again.
'use strict';
const { onStatementMethods } = require('./statementMethods');
const { writeFileSync } = require('node:fs');

const CONTROL = /^\s*(BEGIN|SAVEPOINT|RELEASE|ROLLBACK|COMMIT|END)\b/i;
let counts = new Map();

// The frame that ran the statement, then the first two outside src/storage (who asked for it), where the stack has them.
function callSite() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const frames = (new Error().stack ?? '').split('\n').slice(3);
  Error.stackTraceLimit = limit;
  const ours = [];
  for (const frame of frames) {
    const m = /dist\/src\/([^:]+):(\d+)/.exec(frame);
    if (m && (ours.length === 0 || !m[1].startsWith('storage/'))) ours.push(`${m[1]}:${m[2]}`);
    if (ours.length === 3) break;
  }
  return ours.join(' < ');
}

onStatementMethods((original) =>
  function traced(...args) {
    const control = CONTROL.test(this.source);
    // A records statement's collection (its first plain-word argument), since a write the group runs later has lost
    // the stack of the code that issued it.
    const collection = /\bcollection\b/.test(this.source) ? args.find((a) => typeof a === 'string' && /^[A-Za-z-]{3,40}$/.test(a)) : undefined;
    const key = `${control ? 'control' : this.reader ? 'read' : 'write'}\t${collection ? `[${collection}] ` : ''}${this.source.replace(/\s+/g, ' ').slice(0, 120)}\t${control ? '' : callSite()}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return original.apply(this, args);
  });

process.on('SIGUSR2', () => {
  const out = process.env.STATEMENTS_OUT;
  if (out) writeFileSync(out, JSON.stringify([...counts].map(([key, n]) => [...key.split('\t'), n])));
  counts = new Map();
});

// As a script: `node statements.js FILE TURNS` prints each statement's count per turn, most frequent first.
if (require.main === module) {
  const { readFileSync } = require('node:fs');
  const [file, turns] = process.argv.slice(2);
  const rows = JSON.parse(readFileSync(file, 'utf8'));
  const n = Number(turns);
  const total = (kind) => rows.filter((r) => (kind ? r[0] === kind : r[0] !== 'control')).reduce((s, r) => s + r[3], 0) / n;
  process.stdout.write(`statements_per_turn ${total().toFixed(2)} reads ${total('read').toFixed(2)} writes ${total('write').toFixed(2)} control ${total('control').toFixed(2)}\n`);
  for (const [kind, sql, site, count] of rows.sort((a, b) => b[3] - a[3])) {
    process.stdout.write(`${(count / n).toFixed(3)}\t${kind}\t${sql}\t${site}\n`);
  }
}
