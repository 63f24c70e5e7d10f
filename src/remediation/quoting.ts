// The one place where text becomes part of a script. Every value a renderer emits (resource names, ids, property
// values, even our own literals) goes through one of these: single quotes, so nothing inside is expanded.
// bash: a single-quoted word has no escapes at all, so an embedded ' closes the quote, adds \' and reopens: '\''.
// PowerShell: inside '...' a quote is written twice; PowerShell also treats the typographic single quotes
// (U+2018..U+201B) as quote characters, so those are doubled too.

/** NUL cannot travel in an argument vector in either shell; any text holding one is refused. */
function refuseNul(value: string): void {
  if (value.includes('\u0000')) throw new Error('quoting: a value holds a NUL character, which no shell argument can carry');
}

export function bashQuote(value: string): string {
  refuseNul(value);
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Our own fixed words (subcommands, option names, enum values from a fix definition) may stay bare when they hold
 * only characters no shell treats specially, for readability. Anything taken from a resource always goes through
 * bashQuote instead.
 */
export function bashFixedWord(word: string): string {
  return /^-{0,2}[A-Za-z0-9][A-Za-z0-9._=-]*$/.test(word) ? word : bashQuote(word);
}

const POWERSHELL_SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function powershellQuote(value: string): string {
  refuseNul(value);
  return `'${value.replace(POWERSHELL_SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

/** A scalar for PowerShell: booleans as $true/$false, numbers bare, everything else quoted. */
export function powershellValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('quoting: a number value must be finite');
    return String(value);
  }
  return powershellQuote(value);
}

/** A scalar for a command line argument: every kind becomes text, then quoted. */
export const argumentText = (value: string | number | boolean): string => (typeof value === 'string' ? value : String(value));
