// Compiled templates expand as adaptivecards-templating does on random templates and models (seeded): field paths
// in any letter case, $root/$data/$index, numeric segments, text mixing fields, comparisons with strings and null,
// nested $data (bound to lists, objects, literals), $when of every kind, and models with odd keys (__proto__,
// constructor, dotted İ), nulls, empty and sparse lists.
import { Template } from 'adaptivecards-templating';
import { compileTemplate } from '../../src/cards/compiledTemplate';
import { seededRandom } from '../support/seededRandom';
import { expansionOutcome } from '../support/expansionOutcome';

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

const NAMES = ['title', 'Title', 'TITLE', 'owner', 'rows', 'Rows', 'name', 'n', '0', '1', 'id', 'Id', '\u0130d', 'i\u0307d', 'constructor', 'toString', 'length', '__proto__'];
const PATH_NAMES = ['title', 'Title', 'TITLE', 'owner', 'rows', 'Rows', 'name', 'n', 'id', 'Id', 'ID', 'constructor', 'toString', 'length', '__proto__'];
const TEXTS = ['', 'x', 'X', 'Owner Ana', 'ünïcödé 🚀', 'null', '${title}'];

function randomPath(rand: Rand): string {
  const head = pick(rand, ['', '', '', '$root.', '$data.', '$ROOT.']);
  if (rand() < 0.08) return pick(rand, ['$index', '$root', '$data']);
  const segments = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(rand, PATH_NAMES));
  // An index (the library's own path); names that are digits or hold a dotted İ do not parse after a dot.
  return head + segments.join('.') + (rand() < 0.1 ? pick(rand, ['[0]', '[1]']) : '');
}

function randomExpression(rand: Rand): string {
  const p = () => randomPath(rand);
  return pick(rand, [
    () => `\${${p()}}`,
    () => `\${${p()}}`,
    () => `Text \${${p()}} and \${${p()}}.`,
    () => `\${${p()} == 'x'}`,
    () => `\${${p()} != ''}`,
    () => `\${null != ${p()}}`,
    () => `\${${p()} == null}`,
    () => `\${if(${p()}, 'yes', 'no')}`,
    () => `\${string(${p()})}`,
    () => pick(rand, TEXTS.filter((t) => !t.includes('$'))),
  ])();
}

function randomWhen(rand: Rand): unknown {
  return pick(rand, [() => `\${${randomPath(rand)}}`, () => `\${${randomPath(rand)} != null}`, () => `\${${randomPath(rand)} == 'x'}`, () => true, () => false, () => 'always', () => `\${exists(${randomPath(rand)})}`])();
}

function randomData(rand: Rand): unknown {
  return pick(rand, [
    () => `\${${randomPath(rand)}}`,
    () => `\${${randomPath(rand)}}`,
    () => [{ name: 'a' }, { Name: 'b' }, {}, { name: null }],
    () => ({ name: 'single', rows: ['r'] }),
    () => [],
    () => 'literal',
  ])();
}

function randomElement(rand: Rand, depth: number): Record<string, unknown> {
  const element: Record<string, unknown> =
    depth > 0 && rand() < 0.35
      ? { type: 'Container', items: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomElement(rand, depth - 1)) }
      : rand() < 0.15
        ? { type: 'FactSet', facts: [{ $data: randomData(rand), title: randomExpression(rand), value: randomExpression(rand) }] }
        : { type: 'TextBlock', text: randomExpression(rand), wrap: true };
  if (rand() < 0.3) element.$data = randomData(rand);
  if (rand() < 0.3) element.$when = randomWhen(rand);
  if (rand() < 0.2) element.color = randomExpression(rand);
  return element;
}

/** A model value: nested objects with odd keys (an own __proto__ too), lists (empty, sparse), nulls, numbers. */
function randomModel(rand: Rand, depth: number): unknown {
  const r = rand();
  if (r < 0.3) return pick(rand, TEXTS);
  if (r < 0.38) return null;
  if (r < 0.46) return pick(rand, [0, 1, -1.5, 42]);
  if (r < 0.5) return rand() < 0.5;
  if (depth <= 0) return pick(rand, TEXTS);
  if (r < 0.7) {
    const list = new Array<unknown>(Math.floor(rand() * 4));
    for (let i = 0; i < list.length; i++) if (rand() < 0.9) list[i] = randomModel(rand, depth - 1);
    return list;
  }
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 6); i > 0; i--) {
    Object.defineProperty(object, pick(rand, NAMES), { value: randomModel(rand, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

describe('compiled card templates, random templates and models', () => {
  let expanded = 0;
  let threw = 0;
  afterAll(() => {
    // Most expansions give a card; some throw (a null inside text, an index into nothing), both ways alike.
    expect(expanded).toBeGreaterThan(threw);
    expect(threw).toBeGreaterThan(0);
  });

  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('seed %p: byte for byte as the library', (seed) => {
    const rand = seededRandom(seed).next;
    const payload = { type: 'AdaptiveCard', version: '1.5', body: Array.from({ length: 6 }, () => randomElement(rand, 2)) };
    const compiled = compileTemplate(payload);
    for (let m = 0; m < 12; m++) {
      const model = randomModel(rand, 3);
      const root = model !== null && typeof model === 'object' && !Array.isArray(model) && rand() < 0.8 ? model : { rows: model, title: 'T' };
      const library = expansionOutcome(() => new Template(payload).expand({ $root: root }));
      if (library.startsWith('value')) expanded++;
      else threw++;
      expect(`${JSON.stringify(root)}\n${expansionOutcome(() => compiled.expand(root))}`).toBe(`${JSON.stringify(root)}\n${library}`);
    }
  });
});
