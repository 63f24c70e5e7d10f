import { collapseSpaces, isWhiteSpace, nameTokens, normalizeMessage, tokenize } from '../../src/planner/normalize';
import { randomJoins, seededRandom } from '../support/seededRandom';

describe('normalizeMessage', () => {
  it('lower-cases, applies NFKC, removes mention markup and collapses spaces', () => {
    expect(normalizeMessage('<at>Posture Bot</at>   Show  CRITICAL\trisks')).toBe('show critical risks');
    expect(normalizeMessage('＜at＞Bot＜/at＞ ＳＨＯＷ risks')).toBe('show risks');
  });

  it('drops control and zero-width characters and keeps other scripts', () => {
    expect(normalizeMessage('show\u200b risks\u0007 für kv-ørsted')).toBe('show risks für kv-ørsted');
  });

  it('bounds very long input', () => {
    expect(normalizeMessage('a '.repeat(5000)).length).toBeLessThanOrEqual(2000);
  });
});

describe('tokenize', () => {
  it('keeps the words a token came from, so hyphenated names stay whole', () => {
    const tokens = tokenize(normalizeMessage('Show critical-db, please!'));
    expect(tokens.map((t) => t.text)).toEqual(['show', 'critical', 'db', 'please']);
    expect(tokens[1]?.rawWord).toBe('critical-db');
    expect(tokens[1]?.word).toBe(tokens[2]?.word);
    expect(tokens[3]?.word).not.toBe(tokens[2]?.word);
  });

  it("reads \"alice's\" as alice and splits an e-mail address into its parts", () => {
    expect(tokenize("alice's items").map((t) => t.text)).toEqual(['alice', 'items']);
    expect(tokenize('bob@contoso.com').map((t) => t.text)).toEqual(['bob', 'contoso', 'com']);
  });

  it('compares accented and plain spellings equally, but keeps letters such as ø', () => {
    expect(tokenize('críticál').map((t) => t.text)).toEqual(['critical']);
    expect(nameTokens('rg-données-clients')).toEqual(['rg', 'donnees', 'clients']);
    expect(nameTokens('kv-Ørsted')).toEqual(['kv', 'ørsted']);
  });

  it('yields nothing for punctuation only', () => {
    expect(tokenize(normalizeMessage('?!... ---'))).toEqual([]);
  });
});

describe('normalizeMessage skips steps that cannot match', () => {
  // Every step on every message, as normalizeMessage did before it skipped steps: the reference.
  const everyStep = (text: string) =>
    text
      .slice(0, 2000)
      .normalize('NFKC')
      .replace(/<at>[^<]*<\/at>/gi, ' ')
      .replace(/<[^>]{0,200}>/g, ' ')
      .replace(/&nbsp;/gi, ' ')
      .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u2028-\u202f\u2060\ufeff]/g, ' ')
      .replace(/[‘’‛′]/g, "'")
      .replace(/[“”„″]/g, '"')
      .toLowerCase()
      .replace(/>=|=>|≥/g, ' at least ')
      .replace(/<=|=<|≤/g, ' at most ')
      .replace(/\b(critical|high|medium|low)\s*\+/g, '$1 and above ')
      .replace(/\s+/g, ' ')
      .trim();
  const samples = [
    'Show critical risk recommendations', '  HIGH+ risks  ', 'severity >= high', 'severity => High', 'risk <= medium', 'a=<b', 'sev ≥ high and ≤ critical',
    '<at>Posture Bot</at> show risks', '<AT>Bot</AT>show<b>bold</b> x', '＜at＞Bot＜/at＞ ＳＨＯＷ risks', 'a&nbsp;b &NBSP; c', 'tab\there\nnewline\r\n',
    'show\u200b risks\u0007 für kv-ørsted', '‘quoted’ “double” ″x″', 'ﬁle ①②', 'İstanbul ΣΑΣ', 'critical +', 'low+medium', 'x'.repeat(2100), '~!@#$%^&*()_+{}|:"<>?',
    'a\u007fb', 'emoji 🔥 risks', '', '   ', 'critical   +  high', 'rg-prod=1', 'env:prod & tag=x', 'x <y> z', 'a<b',
  ];
  it('gives what every step gives, on plain ASCII and on everything else', () => {
    for (const text of samples) expect({ text, out: normalizeMessage(text) }).toEqual({ text, out: everyStep(text) });
    for (let code = 0; code < 0x2100; code += 1) {
      const text = `High ${String.fromCharCode(code)}+ risk${String.fromCharCode(code)}=>x`;
      expect({ code, out: normalizeMessage(text) }).toEqual({ code, out: everyStep(text) });
    }
  });
});

// collapseSpaces skips the /\s+/ replace when it would change nothing; normalizeMessage, the time phrases and the
// conversation patterns call it in place of that replace, so it must give the same text for every input.
describe('collapseSpaces', () => {
  it('knows the same white space as the pattern, for every UTF-16 code unit', () => {
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c += 1) if (isWhiteSpace(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  it("gives what text.replace(/\\s+/g, ' ') gives", () => {
    const pieces = ['a', 'bc', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u200b', '-', 'é', '\ud83d\ude00'];
    const wrong = randomJoins(seededRandom(11), pieces, 20000, 9)
      .filter((text) => collapseSpaces(text) !== text.replace(/\s+/g, ' '))
      .map((text) => JSON.stringify(text));
    expect(wrong).toEqual([]);
    expect(collapseSpaces('show  critical\u00a0risks ')).toBe('show critical risks ');
    expect(collapseSpaces('show critical risks')).toBe('show critical risks');
  });
});
