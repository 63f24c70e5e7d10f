// Turns a chat message into comparable tokens. Raw words (split on spaces) are kept apart from their sub-tokens
// so a hyphenated name such as "critical-db" is never read as the concept word "critical".

export interface Token {
  /** Lower-case letters and digits only. */
  text: string;
  /** Index of the whitespace-separated word this token came from. */
  word: number;
  /** The word as typed (lower-cased, NFKC), punctuation inside it kept, e.g. "vm-web-01" or "bob@contoso.com". */
  rawWord: string;
}

const MAX_INPUT = 2000;

/** The message without Teams' @mention markup (`<at>Bot</at>`), each mention left as a space. */
export function withoutMentionMarkup(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/gi, ' ');
}

/** Lower-case, NFKC, without Teams mention markup, control characters or surrounding punctuation; spaces collapsed. */
export function normalizeMessage(text: string): string {
  // Each step runs only when its pattern could match: most messages are printable ASCII (their own NFKC form, no
  // control characters, curly quotes or ≥ ≤) without "<", "&", "=" or "+".
  const head = text.slice(0, MAX_INPUT);
  const plain = isPrintableAscii(head);
  let out = plain ? head : head.normalize('NFKC');
  if (out.includes('<')) out = withoutMentionMarkup(out).replace(/<[^>]{0,200}>/g, ' ');
  if (out.includes('&')) out = out.replace(/&nbsp;/gi, ' ');
  if (!plain) {
    out = out
      .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u2028-\u202f\u2060\ufeff]/g, ' ')
      .replace(/[‘’‛′]/g, "'")
      .replace(/[“”„″]/g, '"');
  }
  out = out.toLowerCase();
  // Comparison signs people type for levels: "severity >= high", "high+".
  if (!plain || out.includes('=')) out = out.replace(/>=|=>|≥/g, ' at least ').replace(/<=|=<|≤/g, ' at most ');
  if (out.includes('+')) out = out.replace(/\b(critical|high|medium|low)\s*\+/g, '$1 and above ');
  return collapseSpaces(out).trim();
}

/**
 * text.replace(/\s+/g, ' '), without running the pattern when it would change nothing: when every white space in the
 * text is a lone ' ' (most messages, and every text this module or the time phrases have collapsed already).
 */
export function collapseSpaces(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 ? text.charCodeAt(i + 1) === 0x20 : isWhiteSpace(c)) return text.replace(/\s+/g, ' ');
  }
  return text;
}

/** A UTF-16 code unit that JavaScript's \s matches (white space and line ends). */
export function isWhiteSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Characters from space to "~" only. */
function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Letters of any script and digits; everything else separates tokens inside a word.
const TOKEN_RE = /[\p{L}\p{N}]+/gu;
// Punctuation that joins the parts of a name (vm-web-01, rg_prod, a.b@c.com, env=prod, env:prod).
const WORD_EDGE_RE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** Splits a normalized message into tokens; a trailing "'s" is dropped so "alice's" reads as "alice". */
export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  let word = 0;
  for (const piece of normalized.split(' ')) {
    // Most words are plain letters and digits: the word is its only token, as the general path below would find.
    if (isPlainWord(piece)) {
      tokens.push({ text: piece, word, rawWord: piece });
      word += 1;
      continue;
    }
    const rawWord = piece.replace(WORD_EDGE_RE, '').replace(/'s$/, '');
    if (!rawWord) continue;
    const parts = (isAscii(rawWord) ? rawWord : stripMarks(rawWord)).match(TOKEN_RE);
    if (!parts) continue;
    for (const part of parts) tokens.push({ text: part, word, rawWord });
    word += 1;
  }
  return tokens;
}

/** Lower-case ASCII letters and digits only, at least one. */
function isPlainWord(piece: string): boolean {
  if (piece.length === 0) return false;
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** ASCII has no marks to strip and is its own NFKD and NFC form. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Tokens of a data value (a name from the tenant), compared the same way as the user's tokens. */
export function nameTokens(value: string): string[] {
  return stripMarks(value.normalize('NFKC').toLowerCase()).match(TOKEN_RE) ?? [];
}

/** "críticál" and "donnees" compare equal to "critical" and "données"; letters such as ø stay as they are. */
function stripMarks(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC');
}
