// Many small objects (governance facts, resource tags, findings) and long lists of values as one message between
// threads, cheaper to write and to read back than structured clone makes them:
// - each object is written as its shape (its own keys, in order, kept once per distinct list of keys) and its values
//   in one flat list: structured clone writes every key of every object and the receiver looks each up again;
// - a string value is sent once per distinct string (an index into `texts`): governance facts repeat their owners,
//   resources their locations and tag values, findings and CVE facts their texts thousands of times, and structured
//   clone writes, and the receiver builds (and collects), one copy for every object that holds it.
// Unpacked, every object gets the same keys, in the same order, with the same values (cloned) as before.

/** Values in order (plain data: structured-cloneable; `textOf` may be transferred). */
export interface PackedList {
  /** Per value: its index in `texts` when it is a string, else -1 (the next of `values`). */
  textOf: Int32Array;
  /** The distinct string values, in first-seen order. */
  texts: string[];
  /** The values that are not strings, in order. */
  values: unknown[];
}

export interface PackedObjects extends PackedList {
  shapes: string[][];
  /** Per object, its shape's index. */
  shapeOf: Int32Array;
}

/**
 * `distinct: false` for values that seldom repeat (assessment ids, native resource ids): looking each up once more
 * would cost the sending thread a hash of every string for nothing.
 */
export function createListPacker(distinct = true): { add(value: unknown): void; pack(): PackedList } {
  const textOf: number[] = [];
  const codes = new Map<string, number>();
  const texts: string[] = [];
  const values: unknown[] = [];
  return {
    add(value) {
      if (typeof value !== 'string' || !distinct) {
        textOf.push(-1);
        values.push(value);
        return;
      }
      let code = codes.get(value);
      if (code === undefined) {
        code = texts.length;
        texts.push(value);
        codes.set(value, code);
      }
      textOf.push(code);
    },
    pack: () => ({ textOf: Int32Array.from(textOf), texts, values }),
  };
}

export function packList(values: Iterable<unknown>, distinct = true): PackedList {
  const packer = createListPacker(distinct);
  for (const value of values) packer.add(value);
  return packer.pack();
}

/** Reads a packed list's values in order. */
export function listReader(packed: PackedList): () => unknown {
  const { textOf, texts, values } = packed;
  let at = 0;
  let next = 0;
  return () => {
    const text = textOf[at++] as number;
    return text < 0 ? values[next++] : texts[text];
  };
}

export function unpackList<T>(packed: PackedList): T[] {
  const read = listReader(packed);
  const out = new Array<T>(packed.textOf.length);
  for (let i = 0; i < out.length; i++) out[i] = read() as T;
  return out;
}

export function createObjectPacker(): { add(object: object): void; pack(): PackedObjects } {
  const shapeCodes = new Map<string, number>();
  /** Shapes whose keys join to another shape's name ([] and [''], ['a\u0000b'] and ['a', 'b']), by their keys as JSON. */
  const joinedAlike = new Map<string, number>();
  const shapes: string[][] = [];
  const shapeOf: number[] = [];
  const values = createListPacker();
  let last = -1;
  const newShape = (keys: string[], names: Map<string, number>, name: string): number => {
    names.set(name, shapes.length);
    return shapes.push(keys) - 1;
  };
  return {
    add(object) {
      const keys = Object.keys(object);
      // Objects of a kind mostly come one after another with the same keys: compared with the last shape's keys
      // (interned names: pointer compares) before the list is joined into a name and looked up.
      let shape = last >= 0 && sameKeys(keys, shapes[last] as string[]) ? last : undefined;
      if (shape === undefined) {
        const name = keys.join('\u0000');
        shape = shapeCodes.get(name);
        if (shape === undefined) shape = newShape(keys, shapeCodes, name);
        else if (!sameKeys(keys, shapes[shape] as string[])) {
          // Another list of keys joins to the same name: it would read the other shape's count of values.
          const exact = JSON.stringify(keys);
          shape = joinedAlike.get(exact) ?? newShape(keys, joinedAlike, exact);
        }
        last = shape;
      }
      shapeOf.push(shape);
      for (const key of keys) values.add((object as Record<string, unknown>)[key]);
    },
    pack: () => ({ shapes, shapeOf: Int32Array.from(shapeOf), ...values.pack() }),
  };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function packObjects(objects: Iterable<object>): PackedObjects {
  const packer = createObjectPacker();
  for (const object of objects) packer.add(object);
  return packer.pack();
}

/** The objects again, in the order they were added. */
export function unpackObjects<T extends object>(packed: PackedObjects): T[] {
  const { shapes, shapeOf } = packed;
  const read = listReader(packed);
  const out = new Array<T>(shapeOf.length);
  for (let i = 0; i < shapeOf.length; i++) {
    const keys = shapes[shapeOf[i] as number] as string[];
    const object: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const value = read();
      // An own "__proto__" member (JSON.parse makes one) stays a member, as structured clone keeps it.
      if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
    }
    out[i] = object as T;
  }
  return out;
}
