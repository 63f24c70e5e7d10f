// Drives a running bot with list-card turns (bench/prompts.ts LIST_PROMPTS, one conversation per connection, as the
// bench's turn load) for a fixed number of turns, not a duration, so counters per turn are exact. Not a jest test:
//   node test/storage/measure/drive.js PORT TURNS [CONNECTIONS=10] [TAG=m] [REPLIES_FILE]
// Needs `npm run build` (uses dist/bench). Exits non-zero if any turn failed. REPLIES_FILE: each reply body, the
// per-request ids normalised, one per line in send order per connection (to compare replies across builds).
'use strict';
const http = require('node:http');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const root = join(__dirname, '..', '..', '..');
const { connectionBodies, ID_PLACEHOLDER } = require(join(root, 'dist', 'bench', 'activities.js'));
const { LIST_PROMPTS } = require(join(root, 'dist', 'bench', 'prompts.js'));

const [port, turns, connections = '10', tag = 'm', repliesFile] = process.argv.slice(2);
const total = Number(turns);
const conns = Number(connections);
const agent = new http.Agent({ keepAlive: true, maxSockets: conns });
let issued = 0;
let failed = 0;
const replies = Array.from({ length: conns }, () => []);

function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(port), path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function connection(i) {
  const bodies = connectionBodies(LIST_PROMPTS, i, tag);
  let n = 0;
  // Each connection sends its share, so each conversation sees the same prompts in the same order on every run.
  while (n < Math.ceil(total / conns)) {
    issued += 1;
    const id = `${tag}-${process.pid}-${i}-${n}`;
    const body = bodies[n % bodies.length].split(ID_PLACEHOLDER).join(id);
    n += 1;
    const answer = await post(body);
    if (answer.status !== 200 || !answer.text.includes('"activities"')) failed += 1;
    if (repliesFile) replies[i].push(answer.text.split(id).join('<id>').replace(/"id":"[^"]*"/g, '"id":"<x>"').replace(/"timestamp":"[^"]*"/g, '"timestamp":"<t>"').replace(/"ref":"[0-9a-f]{12}_/g, '"ref":"<list>_'));
  }
}

Promise.all(Array.from({ length: conns }, (_, i) => connection(i))).then(() => {
  agent.destroy();
  if (repliesFile) writeFileSync(repliesFile, replies.flat().join('\n') + '\n');
  process.stdout.write(`turns ${issued} failed ${failed}\n`);
  process.exit(failed > 0 ? 1 : 0);
});
