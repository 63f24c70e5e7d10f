import { createRecordEncoder, decodeRecordBatch, type RecordBatch } from '../../../src/posture/load/recordWire';
import { mixedRows } from './rowFixtures';

function roundTrip(records: unknown[], batchSize: number): unknown[] {
  const batches: RecordBatch[] = [];
  const encoder = createRecordEncoder((batch) => batches.push(structuredClone(batch)), batchSize);
  for (const record of records) encoder.add(record);
  encoder.flush();
  const out: unknown[] = [];
  for (const batch of batches) decodeRecordBatch(batch, (record) => out.push(record));
  return out;
}

describe('record wire format', () => {
  it('gives back equal records, keys in the same order, across batch boundaries', () => {
    const tricky = JSON.parse('{"__proto__": {"x": 1}, "2": "two", "1": "one"}') as Record<string, unknown>;
    const records: unknown[] = [
      ...mixedRows(),
      { kind: 'assessment', text: 'same', again: 'same', other: 'same', n: -0, nan: Number.NaN, big: 1e300, neg: -12.5 },
      { nested: [[], [1, 'a', null, true, false, undefined], { deep: { deeper: ['x'] } }], empty: '', tricky },
      { description: 'repeated text', a: 1 },
      { description: 'repeated text', a: 2 },
      { description: 'other text', a: 3 },
    ];
    for (const size of [1, 2, 3, 1000]) {
      const out = roundTrip(records, size);
      expect(out).toEqual(records);
      out.forEach((record, i) => expect(JSON.stringify(record)).toBe(JSON.stringify(records[i])));
      const back = out[out.length - 4] as { tricky: Record<string, unknown> };
      expect(Object.is((out[out.length - 5] as { n: number }).n, -0)).toBe(true);
      expect(Object.getPrototypeOf(back.tricky)).toBe(Object.prototype);
      expect(Object.keys(back.tricky)).toEqual(Object.keys(tricky));
    }
  });

  it('refuses what is not plain data rather than sending it wrong', () => {
    const encoder = createRecordEncoder(() => undefined);
    expect(() => encoder.add({ when: new Date(0) })).toThrow(TypeError);
    expect(() => encoder.add({ tags: new Map() })).toThrow(TypeError);
  });
});
