// Compiled templates expand exactly as adaptivecards-templating does: every adaptiveCards/*.json template with every
// card sample, and the library's corner cases (missing and null fields, nested $data, $index, $when, case-insensitive
// keys, text mixing fields and literals, expressions the compiler leaves to the library).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import { compileTemplate } from '../../src/cards/compiledTemplate';
import { allCardSamples } from './sampleCards';

const DIR = join(__dirname, '..', '..', 'adaptiveCards');
const templates = new Map(readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(DIR, f), 'utf8')) as unknown]));

function bothWays(payload: unknown, root: unknown): { library: unknown; compiled: unknown } {
  const run = (expand: () => unknown) => {
    try {
      return { value: expand() };
    } catch (error) {
      return { threw: error instanceof Error ? error.constructor.name : 'non-error' };
    }
  };
  return { library: run(() => new Template(payload).expand({ $root: root })), compiled: run(() => compileTemplate(payload).expand(root)) };
}

describe('compiled card templates', () => {
  const samples = allCardSamples();

  it('has samples for the templates it compares', () => {
    const covered = new Set(samples.map((s) => s.card.template));
    expect(covered.size).toBeGreaterThanOrEqual(10);
  });

  it.each(samples.map((s, i) => [`${s.card.template} #${i}`, s.card] as const))('expands %s as the library does', (_name, card) => {
    const payload = templates.get(card.template);
    expect(payload).toBeDefined();
    const { library, compiled } = bothWays(payload, card.model);
    expect(compiled).toEqual(library);
    // Byte for byte: key order too (toEqual ignores it).
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(library));
  });

  it.each([...templates.keys()])('expands %s with an empty model as the library does (every field missing)', (name) => {
    const { library, compiled } = bothWays(templates.get(name), {});
    expect(compiled).toEqual(library);
  });

  const payload = {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: '${title}', $when: '${show}' },
      { type: 'TextBlock', text: 'Owner: ${owner} (${missing}) of ${count}', color: '${Color}' },
      { type: 'TextBlock', text: '${$root.nested.deep.value}', size: '${nested.list[1]}' },
      { type: 'Container', $data: '${rows}', items: [{ type: 'TextBlock', text: '${name} #${$index}', $when: "${name != ''}" }, { type: 'TextBlock', text: '${$root.title}' }] },
      { type: 'Container', $data: '${single}', items: [{ type: 'TextBlock', text: '${name}' }] },
      { type: 'TextBlock', text: "${if(flag, 'yes', 'no')} ${count(rows)}", $when: '${count(rows) > 0}' },
      { type: 'TextBlock', text: '${nothing}', wrap: true, $when: 'always' },
      { type: 'FactSet', facts: '${facts}' },
      { type: 'ColumnSet', $data: '${empty}', columns: [] },
      ['${rows}', 'plain', 3, null, true],
    ],
  };
  const ROOTS: Array<[string, unknown, 'expands' | 'throws']> = [
    ['a full model', { title: 'T', show: true, owner: 'ana', count: 3, COLOR: 'Good', nested: { deep: { value: 7 }, list: ['a', 'b'] }, rows: [{ name: 'x' }, { name: '' }, { Name: 'y' }], single: { name: 's' }, flag: true, facts: [{ title: 'a', value: 'b' }], empty: [] }, 'expands'],
    ['missing fields', { show: 'yes', owner: 'bo', rows: [], flag: false, nested: { list: ['a', 'b'] } }, 'expands'],
    ['missing fields, the indexed one too (an index into nothing: the library throws)', { show: 'yes', owner: 'bo' }, 'throws'],
    ['a null owner inside text (the library throws)', { owner: null, count: 1 }, 'throws'],
    ['an empty model', {}, 'throws'],
    ['a model that is not an object', 'text', 'throws'],
  ];
  // `==` and `!=` against a string or null are compiled; against anything else (or two fields) they go to the library.
  const comparisons = {
    type: 'AdaptiveCard',
    body: ['a', 'b', 'Zero', 'list', 'obj', 'flag', 'missing', 'nul'].map((field) => ({
      type: 'Container',
      items: [
        { type: 'TextBlock', text: 'is empty', $when: `\${${field} == ''}` },
        { type: 'TextBlock', text: 'is not empty', $when: `\${'' != ${field}}` },
        { type: 'TextBlock', text: 'is x', $when: `\${${field} == 'x'}` },
        { type: 'TextBlock', text: 'is null', $when: `\${${field} == null}` },
        { type: 'TextBlock', text: 'is not null', $when: `\${null != ${field}}` },
        { type: 'TextBlock', text: 'is 0', $when: `\${${field} == 0}` },
        { type: 'TextBlock', text: 'is a', $when: `\${${field} == a}` },
        { type: 'TextBlock', text: `\${${field} != ''} \${${field} == null}` },
      ],
    })),
  };
  const COMPARED: Array<[string, unknown]> = [
    ['strings and other values', { a: '', B: 'x', zero: 0, list: [''], obj: { '': '' }, flag: false, nul: null }],
    ['the same values elsewhere', { a: 'x', b: '', Zero: '', list: [], obj: {}, flag: true }],
    ['an empty model', {}],
  ];
  it.each(COMPARED)('compares fields with constants as the library does, with %s', (_name, root) => {
    const { library, compiled } = bothWays(comparisons, root);
    expect(Object.keys(library as object)).toEqual(['value']);
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(library));
  });

  it.each(ROOTS)('expands the corner-case template with %s as the library does', (_name, root, outcome) => {
    const { library, compiled } = bothWays(payload, root);
    expect(Object.keys(library as object)).toEqual([outcome === 'expands' ? 'value' : 'threw']);
    expect(compiled).toEqual(library);
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(library));
  });

  // Keys are matched ignoring case, the first in key order: keys of another length (İ lower-cases to two code units)
  // are passed over without a match, whichever side of the field they stand.
  it('matches keys ignoring case as the library does, past keys of other lengths and a dotted İ', () => {
    const root = { I: 'short', '\u0130d': 'dotted', iDx: 'long', Id: 'first', ID: 'second', row: { '\u0130D': 'dotted', rowid: 'x', iD: 'nested' } };
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '${id} ${ID} ${$root.iD} ${row.id} ${row.ROWID}' }] };
    const { library, compiled } = bothWays(card, root);
    expect(library).toEqual({ value: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'first first first nested x' }] } });
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(library));
  });
});
