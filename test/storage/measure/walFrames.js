// Which pages the WAL's current frames rewrote (measure.sh keeps a copy of the database and its WAL after the window):
// per commit, frames by b-tree (dbstat), over the frames since the WAL last restarted. Not a jest test:
//   node test/storage/measure/walFrames.js OUT_DIR
'use strict';
const { readFileSync, copyFileSync, mkdtempSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');
const Database = require(join(__dirname, '..', '..', '..', 'node_modules', 'better-sqlite3'));
const out = process.argv[2];
const wal = readFileSync(join(out, 'copy.sqlite-wal'));
const pageSize = wal.readUInt32BE(8);
const salt = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
const frames = [];
for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
  if (wal.readUInt32BE(off + 8) !== salt[0] || wal.readUInt32BE(off + 12) !== salt[1]) break; // older frames
  frames.push({ page: wal.readUInt32BE(off), commit: wal.readUInt32BE(off + 4) !== 0 });
}
// Page -> b-tree name, on a scratch copy (opening the copy reads its WAL).
const dir = mkdtempSync(join(tmpdir(), 'wal-frames-'));
copyFileSync(join(out, 'copy.sqlite'), join(dir, 'db.sqlite'));
copyFileSync(join(out, 'copy.sqlite-wal'), join(dir, 'db.sqlite-wal'));
const db = new Database(join(dir, 'db.sqlite'));
const nameOf = new Map(db.prepare('SELECT pageno, name, pagetype FROM dbstat').all().map((r) => [r.pageno, `${r.name} ${r.pagetype}`]));
const byName = new Map();
let commits = 0;
for (const f of frames) {
  const name = f.page === 1 ? 'page 1 (header)' : (nameOf.get(f.page) ?? 'free/other');
  byName.set(name, (byName.get(name) ?? 0) + 1);
  if (f.commit) commits += 1;
}
process.stdout.write(`frames ${frames.length} commits ${commits} frames_per_commit ${(frames.length / Math.max(1, commits)).toFixed(2)}\n`);
for (const [name, n] of [...byName].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${name}: ${n} (${(n / Math.max(1, commits)).toFixed(2)} per commit)\n`);
