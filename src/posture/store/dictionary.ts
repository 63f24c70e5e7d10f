// Dictionary encoding for string columns: each distinct value (case-folded) gets one small integer code.
// Matching is case-insensitive everywhere in posture data (ARM ids, names), so codes are assigned per
// lower-cased value and the first spelling seen is kept for display.

export class StringDictionary {
  /**
   * Exact spelling -> code, for spellings encoded at least twice; only needed while encoding, dropped by seal() to
   * save memory. A spelling is added on its second encode, not its first: most values of the big dictionaries
   * (resource ids, resource names) are encoded once, or only in consecutive rows (lastValue), and entering each in a
   * second map cost a hash and an insert per distinct value for lookups that never came.
   */
  private exact: Map<string, number> | undefined = new Map();
  private readonly folded = new Map<string, number>();
  private readonly display: string[] = [];
  private readonly lowered: string[] = [];

  /**
   * The last value encoded and its code. Exports list a resource's assessments one after another, so the resource,
   * its name, group and subscription repeat row after row: comparing with the last one is cheaper than hashing a
   * freshly parsed string of a hundred characters or more for the map.
   */
  private lastValue: string | undefined;
  private lastCode = -1;

  encode(value: string): number {
    if (value === this.lastValue) return this.lastCode;
    let code = this.exact?.get(value);
    if (code === undefined) {
      const lower = value.toLowerCase();
      code = this.folded.get(lower);
      if (code === undefined) {
        code = this.display.length;
        this.display.push(value);
        this.lowered.push(lower);
        this.folded.set(lower, code);
      } else this.exact?.set(value, code);
    }
    this.lastValue = value;
    this.lastCode = code;
    return code;
  }

  /** Encodes an optional value; -1 stands for "none". */
  encodeOptional(value: string | undefined): number {
    return value === undefined || value === '' ? -1 : this.encode(value);
  }

  /** The code of a value, case-insensitively; undefined when the data never had it. */
  find(value: string): number | undefined {
    return this.folded.get(value.toLowerCase());
  }

  /**
   * The code of an already lower-cased value (no second lower-casing); undefined when the data never had it. The last
   * value encoded is tried first: a governance assignment that follows its assessment names that row's resource and
   * key, and a compare with their lower-cased forms spares hashing a freshly cut id and a lookup in a big map.
   */
  findLower(lower: string): number | undefined {
    const last = this.lastCode;
    if (last >= 0 && this.lowered[last] === lower) return last;
    return this.folded.get(lower);
  }

  value(code: number): string {
    return this.display[code] ?? '';
  }

  optional(code: number): string | undefined {
    return code < 0 ? undefined : this.display[code];
  }

  lower(code: number): string {
    return this.lowered[code] ?? '';
  }

  get size(): number {
    return this.display.length;
  }

  values(): readonly string[] {
    return this.display;
  }

  lowerValues(): readonly string[] {
    return this.lowered;
  }

  /** One flag per code: 1 where the lower-cased value passes the test. Scans distinct values, never rows. */
  matching(test: (lower: string, code: number) => boolean): { table: Uint8Array; codes: number[] } {
    const table = new Uint8Array(this.lowered.length);
    const codes: number[] = [];
    for (let code = 0; code < this.lowered.length; code++) {
      if (test(this.lowered[code] as string, code)) {
        table[code] = 1;
        codes.push(code);
      }
    }
    return { table, codes };
  }

  /** A sealed copy that can take new values without changing this one (a derived engine's owners, texts). */
  clone(): StringDictionary {
    const copy = new StringDictionary();
    copy.exact = undefined;
    for (const [lower, code] of this.folded) copy.folded.set(lower, code);
    for (let code = 0; code < this.display.length; code++) {
      copy.display.push(this.display[code] as string);
      copy.lowered.push(this.lowered[code] as string);
    }
    return copy;
  }

  seal(): void {
    this.exact = undefined;
    this.lastValue = undefined;
  }
}
