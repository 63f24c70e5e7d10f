// Cuts the rows out of one big JSON document (`{"data":[...]}`, `{"value":[...]}` or a bare array) as it streams
// in, so no string ever holds the whole file (V8 strings stop at 512 MiB). It tracks only string/escape state and
// bracket depth and hands each top-level element to JSON.parse on its own: several times faster per row than
// event-based streaming JSON parsers, which matters at a million rows. Other top-level members (generatedAt,
// count, nextLink, skip_token) are parsed and reported as metadata.
import { setOwnMember } from '../../collections/ownMember';

export class DocumentSyntaxError extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
  ) {
    super(message);
    this.name = 'DocumentSyntaxError';
  }
}

export interface DocumentHandlers {
  /** One element of the rows array, as JSON text; `where` is e.g. `data[17]` or `[17]`. */
  row(text: string, where: string, byteOffset: number): void;
  meta(key: string, value: unknown): void;
  /** The document was a single object without a rows array (one REST resource): it is one row. */
  single(value: Record<string, unknown>, byteOffset: number): void;
}

export interface DocumentSplitter {
  push(chunk: string): void;
  end(): void;
}

const enum State {
  Root,
  ObjectKey,
  Colon,
  ObjectValue,
  ObjectAfterValue,
  ArrayElement,
  ArrayAfterElement,
  Capture,
  Done,
}
const enum Target {
  Key,
  Meta,
  Row,
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const ROW_ARRAYS = new Set(['data', 'value']);
const STRING_STOP = /["\\]/g;

export function createJsonDocumentSplitter(handlers: DocumentHandlers): DocumentSplitter {
  let state = State.Root;
  let target = Target.Row;
  let afterCapture = State.Done;
  let rootIsArray = false;
  let sawRowsArray = false;
  let expectElement = false; // after a comma an element (or member) must follow
  let key = '';
  let arrayName = '';
  let rowIndex = 0;
  const members: Record<string, unknown> = {};
  // capture state
  let parts: string[] = [];
  let captureStart = 0;
  let captureByte = 0;
  let depth = 0;
  let inString = false;
  let escape = false;
  let scalar = false;
  // byte accounting: bytes before `markPos` of the current chunk
  let markPos = 0;
  let markByte = 0;
  let chunk = '';
  let seenAnything = false;

  const byteAt = (i: number): number => {
    if (i > markPos) {
      markByte += Buffer.byteLength(chunk.slice(markPos, i));
      markPos = i;
    }
    return markByte;
  };
  const fail = (message: string, i: number): never => {
    throw new DocumentSyntaxError(message, byteAt(i));
  };
  const describeChar = (c: number): string => (c < 32 ? `character code ${c}` : `"${String.fromCharCode(c)}"`);

  /** Starts capturing the value whose first character is at i; returns where scanning resumes. */
  const beginCapture = (i: number, what: Target, next: State): number => {
    const c = chunk.charCodeAt(i);
    target = what;
    afterCapture = next;
    parts = [];
    captureStart = i;
    captureByte = byteAt(i);
    depth = 0;
    escape = false;
    inString = false;
    scalar = false;
    if (c === 123 || c === 91) depth = 1;
    else if (c === 34) inString = true;
    else scalar = true;
    state = State.Capture;
    return scalar ? i : i + 1;
  };

  const finishCapture = (end: number): void => {
    const piece = chunk.slice(captureStart, end);
    const text = parts.length > 0 ? parts.join('') + piece : piece;
    parts = [];
    state = afterCapture;
    if (target === Target.Row) {
      handlers.row(text, `${arrayName}[${rowIndex}]`, captureByte);
      rowIndex++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DocumentSyntaxError(`invalid JSON${target === Target.Key ? ' in a member name' : ` in "${key}"`}: ${(error as Error).message}`, captureByte);
    }
    if (target === Target.Key) key = value as string;
    else {
      setOwnMember(members, key, value);
      handlers.meta(key, value);
    }
  };

  /** Scans a captured value from i; returns the index after it when it ends in this chunk, else -1. */
  const scanCapture = (i: number): number => {
    const n = chunk.length;
    if (scalar) {
      for (; i < n; i++) {
        const c = chunk.charCodeAt(i);
        if (c === 44 || c === 93 || c === 125 || isSpace(c)) return i;
      }
      return -1;
    }
    for (; i < n; i++) {
      if (inString) {
        if (escape) {
          escape = false;
          continue;
        }
        // Most of a row is string content: jump to the next quote or backslash instead of stepping through it.
        STRING_STOP.lastIndex = i;
        const stop = STRING_STOP.exec(chunk);
        if (stop === null) return -1;
        i = stop.index;
        if (chunk.charCodeAt(i) === 92) escape = true;
        else {
          inString = false;
          if (depth === 0) return i + 1;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  };

  const push = (text: string): void => {
    chunk = text;
    markPos = 0;
    let i = 0;
    const n = chunk.length;
    if (!seenAnything && n > 0 && chunk.charCodeAt(0) === 0xfeff) i = 1;
    while (i < n) {
      if (state === State.Capture) {
        const end = scanCapture(i);
        if (end < 0) break;
        finishCapture(end);
        i = end;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      seenAnything = true;
      switch (state) {
        case State.Root:
          if (c === 91) {
            rootIsArray = sawRowsArray = true;
            arrayName = '';
            state = State.ArrayElement;
            expectElement = false;
          } else if (c === 123) {
            state = State.ObjectKey;
            expectElement = false;
          } else fail(`expected a JSON array or object, found ${describeChar(c)}`, i);
          i++;
          continue;
        case State.ObjectKey:
          if (c === 34) i = beginCapture(i, Target.Key, State.Colon);
          else if (c === 125 && !expectElement) {
            state = State.Done;
            i++;
          } else fail(`expected a member name, found ${describeChar(c)}`, i);
          continue;
        case State.Colon:
          if (c !== 58) fail(`expected ":" after "${key}", found ${describeChar(c)}`, i);
          state = State.ObjectValue;
          i++;
          continue;
        case State.ObjectValue:
          if (ROW_ARRAYS.has(key.toLowerCase())) {
            if (c !== 91) fail(`"${key}" is not an array of rows`, i);
            sawRowsArray = true;
            arrayName = key;
            rowIndex = 0;
            state = State.ArrayElement;
            expectElement = false;
            i++;
          } else i = beginCapture(i, Target.Meta, State.ObjectAfterValue);
          continue;
        case State.ObjectAfterValue:
          if (c === 44) {
            state = State.ObjectKey;
            expectElement = true;
          } else if (c === 125) state = State.Done;
          else fail(`expected "," or "}" after "${key}", found ${describeChar(c)}`, i);
          i++;
          continue;
        case State.ArrayElement:
          if (c === 93 && !expectElement) {
            state = rootIsArray ? State.Done : State.ObjectAfterValue;
            i++;
          } else if (c === 44 || c === 93 || c === 125 || c === 58) fail(`expected a row, found ${describeChar(c)} after ${arrayName}[${rowIndex - 1}]`, i);
          else i = beginCapture(i, Target.Row, State.ArrayAfterElement);
          continue;
        case State.ArrayAfterElement:
          if (c === 44) {
            state = State.ArrayElement;
            expectElement = true;
          } else if (c === 93) state = rootIsArray ? State.Done : State.ObjectAfterValue;
          else fail(`expected "," or "]" after ${arrayName}[${rowIndex - 1}], found ${describeChar(c)}`, i);
          i++;
          continue;
        case State.Done:
          fail(`unexpected ${describeChar(c)} after the end of the JSON document`, i);
      }
    }
    if (state === State.Capture) {
      parts.push(chunk.slice(captureStart));
      captureStart = 0;
    }
    markByte += Buffer.byteLength(chunk.slice(markPos));
    markPos = 0;
    chunk = '';
  };

  const end = (): void => {
    if (!seenAnything) throw new DocumentSyntaxError('the file is empty', markByte);
    if (state !== State.Done) {
      const inside = state === State.Capture && target === Target.Row ? ` inside ${arrayName}[${rowIndex}]` : '';
      throw new DocumentSyntaxError(`unexpected end of file${inside} (the file is truncated)`, markByte);
    }
    if (!sawRowsArray) {
      if (typeof members.id === 'string' || typeof members.type === 'string' || Object.keys(members).some((k) => /^(id|type)$/i.test(k))) {
        handlers.single(members, 0);
        return;
      }
      throw new DocumentSyntaxError('no rows: expected an array, or an object with a "data" or "value" array', markByte);
    }
  };

  return { push, end };
}
