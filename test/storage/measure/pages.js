// What the bot's database holds after a measure.sh run: row sizes per collection (records) and for conversation
// state, and each table's and index's pages by kind (dbstat), overflow pages included. Not a jest test:
//   node test/storage/measure/pages.js DATA_DIR
'use strict';
const { join } = require('node:path');
const Database = require(join(__dirname, '..', '..', '..', 'node_modules', 'better-sqlite3'));
const db = new Database(join(process.argv[2], 'posture-bot.sqlite'), { readonly: true });
const show = (title, rows) => {
  process.stdout.write(`${title}\n`);
  for (const row of rows) process.stdout.write(`  ${Object.entries(row).map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : v}`).join(' ')}\n`);
};
show('pragmas', [{ page_size: db.pragma('page_size', { simple: true }), page_count: db.pragma('page_count', { simple: true }), freelist: db.pragma('freelist_count', { simple: true }) }]);
show('records by collection', db.prepare(
  `SELECT collection, count(*) n, avg(length(CAST(value AS BLOB))) avg_value, max(length(CAST(value AS BLOB))) max_value,
     avg(length(id)) avg_id, avg(length(etag)) avg_etag FROM records GROUP BY collection ORDER BY n DESC`).all());
show('conversation_items', db.prepare(
  `SELECT substr(key, 1, instr(key, '/')) kind, count(*) n, avg(length(CAST(value AS BLOB))) avg_value, max(length(CAST(value AS BLOB))) max_value, avg(length(key)) avg_key FROM conversation_items GROUP BY 1`).all());
show('pages (dbstat)', db.prepare(
  `SELECT name, pagetype, count(*) pages, sum(ncell) cells, avg(payload) avg_payload, avg(unused) avg_unused, sum(mx_payload > 0) FROM dbstat GROUP BY name, pagetype ORDER BY name, pagetype`).all());
