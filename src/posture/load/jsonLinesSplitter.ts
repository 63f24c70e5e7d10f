// JSON Lines: one row per line, read line by line from decoded chunks (a line never needs the whole file).

const OPEN_BRACE = 0x7b;

export interface LineHandlers {
  line(text: string, lineNumber: number): void;
}

export interface LineSplitter {
  push(chunk: string): void;
  end(): void;
}

/**
 * `linesBefore`: lines that precede the text pushed (a byte range that starts mid-file); a BOM only opens line 1, so
 * `atFileStart` says whether the text pushed starts the file (by default: when no line precedes it).
 */
export function createJsonLinesSplitter(handlers: LineHandlers, linesBefore = 0, atFileStart = linesBefore === 0): LineSplitter {
  let pending = '';
  let lineNumber = linesBefore;
  let first = atFileStart;
  const emit = (raw: string): void => {
    lineNumber++;
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A row opens with '{', which is not white space: trimming a whole line (a kilobyte or more) only to learn it is
    // not blank cost a pass over every row's text.
    if (text.charCodeAt(0) === OPEN_BRACE || text.trim().length > 0) handlers.line(text, lineNumber);
  };
  return {
    push(chunk) {
      let start = 0;
      let newline = chunk.indexOf('\n');
      if (newline >= 0 && pending.length > 0) {
        emit(pending + chunk.slice(0, newline));
        pending = '';
        start = newline + 1;
        newline = chunk.indexOf('\n', start);
      }
      while (newline >= 0) {
        emit(chunk.slice(start, newline));
        start = newline + 1;
        newline = chunk.indexOf('\n', start);
      }
      pending += chunk.slice(start);
    },
    end() {
      if (pending.length > 0) emit(pending);
      pending = '';
    },
  };
}
