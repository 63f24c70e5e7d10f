import { nameTokens, normalizeMessage, tokenize } from '../../src/planner/normalize';

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
