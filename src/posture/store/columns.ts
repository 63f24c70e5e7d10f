// Growable typed-array columns for the builder, and CSR "rows by code" indexes for the frozen table.

export type NumericArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

interface NumericArrayConstructor<A extends NumericArray> {
  new (length: number): A;
}

export class GrowableColumn<A extends NumericArray> {
  protected data: A;
  protected size = 0;

  constructor(
    private readonly ctor: NumericArrayConstructor<A>,
    capacity = 1024,
  ) {
    this.data = new ctor(capacity);
  }

  push(value: number): void {
    if (this.size === this.data.length) this.grow();
    this.data[this.size++] = value;
  }

  /** Doubles the capacity, keeping the values. */
  protected grow(): void {
    const next = new this.ctor(this.data.length * 2);
    copyInto(next, this.data);
    this.data = next;
  }

  /** Appends every value, each through `remap` when given (codes; below 0 stays as it is: none). */
  append(values: ArrayLike<number>, remap?: ArrayLike<number>): void {
    const needed = this.size + values.length;
    if (needed > this.data.length) {
      let capacity = this.data.length;
      while (capacity < needed) capacity *= 2;
      const next = new this.ctor(capacity);
      copyInto(next, this.data.subarray(0, this.size) as A);
      this.data = next;
    }
    const data = this.data;
    let at = this.size;
    if (remap === undefined) {
      data.set(values as A, at);
      at += values.length;
    } else {
      for (let i = 0; i < values.length; i++) {
        const value = values[i] as number;
        data[at++] = value < 0 ? value : (remap[value] as number);
      }
    }
    this.size = at;
  }

  get length(): number {
    return this.size;
  }

  /** The value at a filled position. */
  at(index: number): number {
    return this.data[index] as number;
  }

  /**
   * The filled values as a view of the column's own buffer, no copy (a loader worker transfers it: the unfilled
   * tail was never written, so it costs address space, not memory). The column must not be used afterwards.
   */
  filled(): A {
    return this.data.subarray(0, this.size) as A;
  }

  /** A right-sized copy; the builder's oversized buffer can then be collected. */
  toArray(): A {
    const out = new this.ctor(this.size);
    copyInto(out, this.data.subarray(0, this.size) as A);
    return out;
  }
}

// One class per element type, each with its own push: a push is then a monomorphic store into one kind of typed
// array. Through the one generic class every push site saw four array kinds (Int32, Uint8, Uint16, Float64), and the
// builder pushes about 25 values per assessment row.
export class Int32Column extends GrowableColumn<Int32Array> {
  constructor(capacity?: number) {
    super(Int32Array, capacity);
  }

  override push(value: number): void {
    if (this.size === this.data.length) this.grow();
    this.data[this.size++] = value;
  }
}

export class Uint8Column extends GrowableColumn<Uint8Array> {
  constructor(capacity?: number) {
    super(Uint8Array, capacity);
  }

  override push(value: number): void {
    if (this.size === this.data.length) this.grow();
    this.data[this.size++] = value;
  }
}

export class Uint16Column extends GrowableColumn<Uint16Array> {
  constructor(capacity?: number) {
    super(Uint16Array, capacity);
  }

  override push(value: number): void {
    if (this.size === this.data.length) this.grow();
    this.data[this.size++] = value;
  }
}

export class Float64Column extends GrowableColumn<Float64Array> {
  constructor(capacity?: number) {
    super(Float64Array, capacity);
  }

  override push(value: number): void {
    if (this.size === this.data.length) this.grow();
    this.data[this.size++] = value;
  }
}

function copyInto(target: NumericArray, source: NumericArray): void {
  // Same element type on both sides, so set() copies without conversion.
  target.set(source);
}

/** Rows grouped by a code column (compressed sparse rows): rows of code c are rows[offsets[c] .. offsets[c+1]). */
export interface CodeIndex {
  readonly offsets: Uint32Array;
  readonly rows: Uint32Array;
}

/** Codes below 0 (none) are left out, as are rows with live[row] === 0. */
export function buildCodeIndex(codes: ArrayLike<number>, codeCount: number, live: Uint8Array): CodeIndex {
  const offsets = new Uint32Array(codeCount + 1);
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row] as number;
    if (code >= 0 && live[row] === 1) offsets[code + 1] = (offsets[code + 1] as number) + 1;
  }
  for (let code = 0; code < codeCount; code++) offsets[code + 1] = (offsets[code + 1] as number) + (offsets[code] as number);
  const cursor = offsets.slice(0, codeCount);
  const rows = new Uint32Array(offsets[codeCount] as number);
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row] as number;
    if (code >= 0 && live[row] === 1) {
      const at = cursor[code] as number;
      rows[at] = row;
      cursor[code] = at + 1;
    }
  }
  return { offsets, rows };
}

export function indexedCount(index: CodeIndex, codes: readonly number[]): number {
  let total = 0;
  for (const code of codes) total += ((index.offsets[code + 1] ?? 0) - (index.offsets[code] ?? 0));
  return total;
}
