// Normalized records across a thread boundary, cheaper than structured clone: each batch sends its distinct strings
// once (a recommendation's description repeats on every row of it) and everything else in two transferable
// typed arrays. Records are plain data (strings, numbers, booleans, null, arrays, plain objects).

export interface RecordBatch {
  count: number;
  strings: string[];
  /** Tags, lengths and string indexes. */
  ops: Int32Array;
  /** Number values, in order. */
  numbers: Float64Array;
}

const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const STRING = 5;
const ARRAY = 6;
const OBJECT = 7;

export interface RecordEncoder {
  add(record: unknown): void;
  /** Sends what is pending, if anything. */
  flush(): void;
}

export function createRecordEncoder(send: (batch: RecordBatch) => void, batchSize = 1000): RecordEncoder {
  let strings: string[] = [];
  let ops: number[] = [];
  let numbers: number[] = [];
  let count = 0;
  // Per key (a small set, hashed once by the engine): its own string index, and the index of the last value sent
  // under it. Values are not hashed (ids run to hundreds of characters, mostly unique, so hashing costs more than
  // sending them); only a repeat of the previous value under the same key (a recommendation's texts, row after row)
  // is sent once.
  let slots = new Map<string, { at: number; last: number }>();
  const slot = (name: string): { at: number; last: number } => {
    let found = slots.get(name);
    if (found === undefined) {
      found = { at: strings.length, last: -1 };
      strings.push(name);
      slots.set(name, found);
    }
    return found;
  };
  const text = (value: string, under?: { at: number; last: number }): number => {
    if (under !== undefined) {
      if (under.last >= 0 && strings[under.last] === value) return under.last;
      under.last = strings.length;
    }
    strings.push(value);
    return strings.length - 1;
  };
  const write = (value: unknown, under?: { at: number; last: number }): void => {
    switch (typeof value) {
      case 'string':
        ops.push(STRING, text(value, under));
        return;
      case 'number':
        ops.push(NUMBER);
        numbers.push(value);
        return;
      case 'boolean':
        ops.push(value ? TRUE : FALSE);
        return;
      case 'undefined':
        ops.push(UNDEFINED);
        return;
      case 'object':
        if (value === null) {
          ops.push(NULL);
          return;
        }
        if (Array.isArray(value)) {
          ops.push(ARRAY, value.length);
          for (let i = 0; i < value.length; i++) write(value[i]);
          return;
        }
        if (Object.getPrototypeOf(value) === Object.prototype) {
          ops.push(OBJECT, 0);
          const countAt = ops.length - 1;
          let keys = 0;
          for (const name of Object.keys(value)) {
            const named = slot(name);
            ops.push(named.at);
            write((value as Record<string, unknown>)[name], named);
            keys++;
          }
          ops[countAt] = keys;
          return;
        }
    }
    throw new TypeError(`a record holds a ${typeof value} that is not plain data`);
  };
  const flush = (): void => {
    if (count === 0) return;
    const batch: RecordBatch = { count, strings, ops: Int32Array.from(ops), numbers: Float64Array.from(numbers) };
    strings = [];
    slots = new Map();
    ops = [];
    numbers = [];
    count = 0;
    send(batch);
  };
  return {
    add(record) {
      write(record);
      count++;
      if (count >= batchSize) flush();
    },
    flush,
  };
}

/** Rebuilds a batch's records, in order, equal to the ones encoded. */
export function decodeRecordBatch(batch: RecordBatch, each: (record: unknown) => void): void {
  const { strings, ops, numbers } = batch;
  let at = 0;
  let number = 0;
  const read = (): unknown => {
    const tag = ops[at++];
    switch (tag) {
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case NUMBER:
        return numbers[number++];
      case STRING:
        return strings[ops[at++] as number];
      case ARRAY: {
        const length = ops[at++] as number;
        const items: unknown[] = new Array<unknown>(length);
        for (let i = 0; i < length; i++) items[i] = read();
        return items;
      }
      case OBJECT: {
        const keys = ops[at++] as number;
        const object: Record<string, unknown> = {};
        for (let i = 0; i < keys; i++) {
          const key = strings[ops[at++] as number] as string;
          const value = read();
          // A plain assignment to __proto__ would change the prototype instead of adding the key JSON gave.
          if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
          else object[key] = value;
        }
        return object;
      }
    }
    throw new Error(`record batch is corrupt at ${at - 1}`);
  };
  for (let i = 0; i < batch.count; i++) each(read());
}
