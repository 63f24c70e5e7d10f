// Many small objects (governance facts, resource tags, findings) as one message between threads without a property
// name per object: each object is written as its shape (its own keys, in order, kept once per distinct list of keys)
// and its values in one flat list. Structured clone writes every key of every object and the receiver looks each up
// again; unpacked here, every object gets the same keys, in the same order, with the same values (cloned) as before.

/** Plain data only (arrays and a typed array): structured-cloneable; `shapeOf` may be transferred. */
export interface PackedObjects {
  shapes: string[][];
  /** Per object, its shape's index. */
  shapeOf: Int32Array;
  /** Every object's values, object after object, each in its shape's key order. */
  values: unknown[];
}

export function createObjectPacker(): { add(object: object): void; pack(): PackedObjects } {
  const shapeCodes = new Map<string, number>();
  const shapes: string[][] = [];
  const shapeOf: number[] = [];
  const values: unknown[] = [];
  return {
    add(object) {
      const keys = Object.keys(object);
      const name = keys.join('\u0000');
      let shape = shapeCodes.get(name);
      if (shape === undefined) {
        shape = shapes.length;
        shapes.push(keys);
        shapeCodes.set(name, shape);
      }
      shapeOf.push(shape);
      for (const key of keys) values.push((object as Record<string, unknown>)[key]);
    },
    pack: () => ({ shapes, shapeOf: Int32Array.from(shapeOf), values }),
  };
}

export function packObjects(objects: Iterable<object>): PackedObjects {
  const packer = createObjectPacker();
  for (const object of objects) packer.add(object);
  return packer.pack();
}

/** The objects again, in the order they were added. */
export function unpackObjects<T extends object>(packed: PackedObjects): T[] {
  const { shapes, shapeOf, values } = packed;
  const out = new Array<T>(shapeOf.length);
  let at = 0;
  for (let i = 0; i < shapeOf.length; i++) {
    const keys = shapes[shapeOf[i] as number] as string[];
    const object: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      // An own "__proto__" member (JSON.parse makes one) stays a member, as structured clone keeps it.
      if (key === '__proto__') Object.defineProperty(object, key, { value: values[at++], enumerable: true, writable: true, configurable: true });
      else object[key] = values[at++];
    }
    out[i] = object as T;
  }
  return out;
}
