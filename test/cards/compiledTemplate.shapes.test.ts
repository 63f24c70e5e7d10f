// Compiled templates stay byte-identical to adaptivecards-templating over many shapes of each card sample's model:
// every member missing or null in turn, lists empty or long, members missing inside list rows, unicode text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import { compileTemplate } from '../../src/cards/compiledTemplate';
import { allCardSamples } from './sampleCards';
import { expansionOutcome } from '../support/expansionOutcome';

const DIR = join(__dirname, '..', '..', 'adaptiveCards');
const templates = new Map(readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(DIR, f), 'utf8')) as unknown]));

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A deep copy with `leaf` applied to every string and `list` to every array (after its elements). */
function mapModel(value: Json, leaf: (s: string) => Json, list: (a: Json[]) => Json[] = (a) => a): Json {
  if (typeof value === 'string') return leaf(value);
  if (Array.isArray(value)) return list(value.map((v) => mapModel(v, leaf, list)));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapModel(v, leaf, list)]));
  return value;
}

/** Shapes of one model, each named. */
function shapesOf(model: Json): Array<[string, Json]> {
  const same = (s: string) => s;
  const shapes: Array<[string, Json]> = [
    ['unicode text', mapModel(model, (s) => `${s} — ünïcödé 🚀 \u0130 "q" \\ \n\t\u2028`)],
    ['empty lists', mapModel(model, same, () => [])],
    ['long lists', mapModel(model, same, (a) => (a.length === 0 ? a : Array.from({ length: 40 }, (_, i) => a[i % a.length])))],
    ['every other member missing in list rows', mapModel(model, same, (a) => a.map((row) => (isRecord(row) ? Object.fromEntries(Object.entries(row).filter((_, i) => i % 2 === 1)) : row)))],
    ['null list rows members', mapModel(model, same, (a) => a.map((row) => (isRecord(row) ? Object.fromEntries(Object.entries(row).map(([k, v], i) => [k, i % 2 === 0 ? null : v])) : row)))],
  ];
  if (isRecord(model)) {
    for (const key of Object.keys(model)) {
      const { [key]: _dropped, ...rest } = model;
      shapes.push([`${key} missing`, rest], [`${key} null`, { ...model, [key]: null }]);
    }
  }
  return shapes;
}

describe('compiled card templates over many model shapes', () => {
  const cases = allCardSamples().flatMap((s, i) => shapesOf(s.card.model).map(([shape, model]) => [`${s.card.template} #${i}, ${shape}`, s.card.template, model] as const));

  it('has shapes with members missing, null, lists empty and long', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  // `${first(list)}` of an empty list is undefined: the library leaves that member out, wherever it stands.
  const undefinedMembers = {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: '${first(none)}', wrap: true },
      { type: 'TextBlock', text: 'a', id: '${first(none)}', wrap: true, color: '${first(some)}' },
      { type: 'TextBlock', text: 'b', wrap: '${first(none)}' },
      { type: 'Container', $data: '${rows}', items: [{ type: 'TextBlock', text: '${name}', id: '${first(tags)}', size: '${first($root.some)}' }] },
    ],
    fallbackText: '${first(none)}',
  };
  it.each([
    ['no values', { none: [], some: [], rows: [{ name: 'x', tags: [] }, { name: 'y', tags: ['t'] }] }],
    ['values', { none: [], some: ['Good'], rows: [{ name: 'x', tags: ['t'] }, { name: 'y', tags: [] }] }],
  ])('leaves undefined members out as the library does, with %s', (_name, model) => {
    const library = expansionOutcome(() => new Template(undefinedMembers).expand({ $root: model }));
    expect(library).not.toContain('fallbackText');
    expect(library).not.toContain('<undefined>');
    expect(expansionOutcome(() => compileTemplate(undefinedMembers).expand(model))).toBe(library);
  });

  it.each(cases)('expands %s as the library does, byte for byte', (_name, template, model) => {
    const payload = templates.get(template);
    const library = expansionOutcome(() => new Template(payload).expand({ $root: model }));
    expect(expansionOutcome(() => compileTemplate(payload).expand(model))).toBe(library);
  });
});
