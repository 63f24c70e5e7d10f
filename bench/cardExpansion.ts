// CPU per card expansion, adaptivecards-templating's Template.expand against the compiled template the bot uses
// (src/cards/compiledTemplate.ts), on the card floor's fixed recommendations card; both in this process,
// alternating, median of 7 rounds. `npm run build && node dist/bench/cardExpansion.js`
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import { compileTemplate } from '../src/cards/compiledTemplate';
import { fixedCard } from './servers/fixedCard';
import { percentile, round } from './stats';

const ROUNDS = 7;
const PER_ROUND = 1000;

function main(): void {
  const { reply } = fixedCard();
  if (reply.kind !== 'card') throw new Error('the fixed card is not a card reply');
  const card = reply.card;
  const payload: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'adaptiveCards', `${card.template}.json`), 'utf8'));
  const library = new Template(payload);
  const compiled = compileTemplate(payload);
  const runs: Record<string, () => unknown> = { library: () => library.expand({ $root: card.model }), compiled: () => compiled.expand(card.model) };
  const cpuMs: Record<string, number[]> = { library: [], compiled: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, run] of Object.entries(runs)) {
      for (let i = 0; i < PER_ROUND / 5; i++) run();
      const start = process.cpuUsage();
      for (let i = 0; i < PER_ROUND; i++) run();
      const used = process.cpuUsage(start);
      cpuMs[name]!.push((used.user + used.system) / 1000 / PER_ROUND);
    }
  }
  const lib = percentile(cpuMs.library!, 50);
  const comp = percentile(cpuMs.compiled!, 50);
  console.log(
    `${card.template} card, CPU ms per expansion (median of ${ROUNDS} rounds of ${PER_ROUND}): library ${round(lib, 4)}, compiled ${round(comp, 4)}, ` +
      `library / compiled ${round(lib / comp, 2)}x; 1-min load average ${round(loadavg()[0] ?? 0, 2)}`,
  );
}

main();
