import { DocumentSyntaxError, createJsonDocumentSplitter } from '../../../src/posture/load/jsonDocumentSplitter';

interface Seen {
  rows: Array<{ value: unknown; where: string; byte: number }>;
  meta: Record<string, unknown>;
  single?: Record<string, unknown>;
}

function split(chunks: readonly string[]): Seen {
  const seen: Seen = { rows: [], meta: {} };
  const splitter = createJsonDocumentSplitter({
    row: (text, where, byte) => seen.rows.push({ value: JSON.parse(text), where, byte }),
    meta: (key, value) => (seen.meta[key] = value),
    single: (value) => (seen.single = value),
  });
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return seen;
}

const tricky = [
  { id: 'a', type: 't', s: 'quote " and backslash \\ and brackets ] } [ {', n: -1.5e3, b: true, z: null },
  { id: 'b', type: 't', s: 'unicode é ü 日本 and astral 𝄞 😀', esc: '\u005c"\n\t\u0000', nested: { a: [1, [2, { c: '}' }]] } },
  { id: 'c', type: 't', s: '\\', t: '\\\\"' },
  42,
  'a string row',
  [1, 2],
];

describe('JSON document splitter', () => {
  const doc = JSON.stringify({ generatedAt: '2026-01-01T00:00:00Z', count: tricky.length, data: tricky, skip_token: null, nextLink: 'x' });

  it('cuts every element of "data" and reports the other members', () => {
    const seen = split([doc]);
    expect(seen.rows.map((row) => row.value)).toEqual(tricky);
    expect(seen.rows.map((row) => row.where)).toEqual(tricky.map((_, i) => `data[${i}]`));
    expect(seen.meta).toEqual({ generatedAt: '2026-01-01T00:00:00Z', count: tricky.length, skip_token: null, nextLink: 'x' });
  });

  it('gives the same rows for every split point of the text (inside strings, escapes, surrogate pairs)', () => {
    for (let at = 0; at <= doc.length; at++) {
      const seen = split([doc.slice(0, at), doc.slice(at)]);
      expect(seen.rows.map((row) => row.value)).toEqual(tricky);
    }
  });

  it('gives the same rows when fed one character at a time', () => {
    expect(split([...doc].map((c) => c)).rows.map((row) => row.value)).toEqual(tricky);
  });

  it('reports byte offsets of rows counting multi-byte characters', () => {
    const text = JSON.stringify({ data: [{ s: 'é😀' }, { s: 'x' }] });
    const seen = split([text.slice(0, 15), text.slice(15)]);
    const second = Buffer.from(text, 'utf8').indexOf(Buffer.from('{"s":"x"}'));
    expect(seen.rows[1]?.byte).toBe(second);
  });

  it('reads a bare array, REST pages with `value`, keys in any case, and a BOM', () => {
    expect(split(['\uFEFF [ {"id":1} , {"id":2} ] ']).rows.map((row) => row.where)).toEqual(['[0]', '[1]']);
    expect(split(['{"Value":[{"id":1}],"nextLink":null}']).rows).toHaveLength(1);
    expect(split(['{"DATA":[]}']).rows).toHaveLength(0);
  });

  it('treats an object without a rows array but with id/type as one row', () => {
    expect(split(['{"id":"/x","type":"t","properties":{"a":[1]}}']).single).toEqual({ id: '/x', type: 't', properties: { a: [1] } });
  });

  it('keeps a top-level __proto__ member as a member, as JSON.parse does, not as the members\' prototype', () => {
    const text = '{"id":"/x","type":"t","__proto__":{"owner":"o"}}';
    const single = split([text]).single as Record<string, unknown>;
    expect(Object.getPrototypeOf(single)).toBe(Object.prototype);
    expect(single).toEqual(JSON.parse(text));
    // An id only inherited through __proto__ does not make the document one row.
    expect(() => split(['{"__proto__":{"id":"/x","type":"t"}}'])).toThrow('no rows');
  });

  const failures: Array<[string, string]> = [
    ['', 'the file is empty'],
    ['   \n ', 'the file is empty'],
    ['{"data":[{"id":1},{"id":2', 'unexpected end of file inside data[1] (the file is truncated)'],
    ['{"data":[{"id":1}', 'unexpected end of file'],
    ['{"data":{"id":1}}', '"data" is not an array of rows'],
    ['{"data":5}', '"data" is not an array of rows'],
    ['{"count":3}', 'no rows'],
    ['{"data":[{"id":1}]} trailing', 'unexpected "t" after the end of the JSON document'],
    ['{"data":[{"id":1} {"id":2}]}', 'expected "," or "]" after data[0]'],
    ['{"data":[{"id":1},]}', 'expected a row, found "]"'],
    ['nope', 'expected a JSON array or object, found "n"'],
    ['{"a" 1}', 'expected ":" after "a"'],
    ['{"a":tru}', 'invalid JSON in "a"'],
  ];
  it.each(failures)('refuses %j: %s', (text, message) => {
    let caught: unknown;
    try {
      split([text]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DocumentSyntaxError);
    expect((caught as Error).message).toContain(message);
  });

  it('gives the byte offset of garbage', () => {
    try {
      split(['{"data":[{"s":"é"}] x']);
      throw new Error('not refused');
    } catch (error) {
      expect((error as DocumentSyntaxError).byteOffset).toBe(Buffer.byteLength('{"data":[{"s":"é"}] '));
    }
  });
});
