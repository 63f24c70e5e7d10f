// Summarises `strace -f -y` output (measure.sh): per turn, each syscall by the kind of file it touched.
'use strict';
const { readFileSync } = require('node:fs');
const [file, turns] = process.argv.slice(2);
const n = Number(turns);
const kinds = new Map();
const kindOf = (path) => (path.endsWith('-wal') ? 'wal' : path.endsWith('-shm') ? 'shm' : path.endsWith('.sqlite') ? 'db' : path.includes('etilqs') ? 'temp' : path.includes('socket') ? 'socket' : path.includes('pipe') ? 'pipe' : 'other');
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const m = /^\d+\s+(\w+)\((\d+)<([^>]*)>(.*)\)\s+=\s+(-?\d+)/.exec(line);
  if (!m) continue;
  const [, call, , path, , ret] = m;
  const key = `${call} ${kindOf(path)}`;
  const entry = kinds.get(key) ?? { count: 0, bytes: 0 };
  entry.count += 1;
  if (call.startsWith('pwrite') || call === 'write') entry.bytes += Math.max(0, Number(ret));
  kinds.set(key, entry);
}
for (const [key, { count, bytes }] of [...kinds].sort()) {
  process.stdout.write(`${key.replace(' ', '_')}_per_turn ${(count / n).toFixed(2)}${bytes ? ` bytes ${(bytes / n).toFixed(0)}` : ''}\n`);
}
