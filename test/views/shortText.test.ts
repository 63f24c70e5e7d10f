// shortWords, clipText, localDateText and countLabel take shortcuts (no regex, no character arrays, no Intl per call);
// each must give exactly what the plain version gives. The plain versions are kept here as the reference.
import { clipText, countLabel, localDateText, mailboxName, shortWords } from '../../src/views/postureLabels';

function shortWordsReference(text: string, max = 32): string {
  if (max < 5) throw new RangeError('max must be at least 5');
  return text.replace(/\S+/g, (word) => {
    if (word.length <= max) return word;
    const chars = [...word];
    if (chars.length <= max) return word;
    const head = Math.ceil((max - 1) / 2);
    const tail = max - 1 - head;
    return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
  });
}

function clipTextReference(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, Math.max(1, max - 1)).join('');
  const space = head.lastIndexOf(' ');
  return `${(space >= max / 2 ? head.slice(0, space) : head).replace(/[\s·,]+$/u, '')}…`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const TEXTS = [
  '',
  'short',
  'Storage accounts should restrict network access using virtual network rules',
  'Machines should have vulnerability findings resolved',
  'stbillingprod02',
  'a-very-long-resource-name-with-no-spaces-at-all-0123456789',
  'maya.okafor@contoso-engineering-department.example',
  'two words-that-are-rather-long-each-one-of-them and-another-one-that-is-longer',
  'emoji 🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥 end',
  '🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥',
  'lone \ud800 surrogate in a text that is long enough to be clipped somewhere',
  'lone\udc00surrogate-inside-a-long-word-that-must-be-cut-in-the-middle',
  'Ends with a middle dot · and a comma, then more words after it to clip',
  'word ·,·,·,·, word word word word word word word word word word',
  'tabs\tand\nnew\u2028lines\u00a0no-break\u3000ideographic\ufeffzwnbsp\u202fnarrow-spaces-everywhere-in-a-row',
  'x'.repeat(200),
  `${'y'.repeat(33)} ${'z'.repeat(31)} ${'w'.repeat(32)}`,
];

describe('shortWords and clipText shortcuts', () => {
  it('give what the plain versions give, for every max', () => {
    for (const text of TEXTS)
      for (let max = 5; max <= 70; max++) {
        expect([text, max, shortWords(text, max)]).toEqual([text, max, shortWordsReference(text, max)]);
        expect([text, max, clipText(text, max)]).toEqual([text, max, clipTextReference(text, max)]);
      }
    expect(shortWords(TEXTS[5] as string)).toBe(shortWordsReference(TEXTS[5] as string));
  });

  it('treat every UTF-16 unit as the regex \\s does', () => {
    // A 40-unit word split (or not) by one unit: shortWords cuts it only when that unit is not a space.
    for (let code = 0; code <= 0xffff; code++) {
      const text = `${'a'.repeat(20)}${String.fromCharCode(code)}${'b'.repeat(19)}`;
      const got = shortWords(text, 30);
      if (got !== shortWordsReference(text, 30)) throw new Error(`unit ${code.toString(16)}: ${got}`);
    }
  });

  it('trim what a clipped head ends with as the regex [\\s·,]+$ does, for every UTF-16 unit', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const unit = String.fromCharCode(code);
      const text = `alpha bravo${unit}${unit} charlie delta echo foxtrot`;
      for (const max of [12, 13, 14]) {
        const got = clipText(text, max);
        if (got !== clipTextReference(text, max)) throw new Error(`unit ${code.toString(16)}, max ${max}: ${got}`);
      }
    }
  });

  it('refuse a max below 5 as before', () => {
    expect(() => shortWords('anything at all', 4)).toThrow(RangeError);
  });
});

describe('localDateText and countLabel', () => {
  it('write a day as [day, month, year] joined with no-break spaces', () => {
    for (const date of [{ year: 2026, month: 12, day: 5 }, { year: 1999, month: 1, day: 31 }, { year: 2026, month: 13, day: 1 }, { year: 2026, month: 0, day: 1 }, { year: NaN, month: NaN, day: NaN }])
      expect(localDateText(date)).toBe([date.day, MONTHS[date.month - 1], date.year].join('\u00a0'));
  });

  it('write counts as toLocaleString("en-US") does', () => {
    for (const n of [0, 1, 7, 999, 1000, 1234, 12_345, 999_999, 1_000_000, 1_234_567_890, -1, -1234, 0.5, 1234.5678, NaN, Infinity, -0])
      expect(countLabel(n)).toBe(n.toLocaleString('en-US'));
    // A score's points, rounded to tenths (secureScoreView).
    for (let tenths = -20; tenths <= 12_345; tenths += 7) {
      const n = Math.round(tenths) / 10;
      expect(countLabel(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});

describe('mailboxName', () => {
  const reference = (text: string) => text.replace(/^([^@\s]+)@[^@\s]+$/, '$1');
  it('gives what the address regex gives', () => {
    for (const text of ['maya.okafor@contoso.com', 'maya', '', '@', '@contoso.com', 'maya@', 'a@b', 'a@b@c', 'two words@contoso.com', 'maya@contoso .com', 'Team Alpha', 'x@y\n', '\ufeffa@b', 'é@ü', '🔥@🔥'])
      expect([text, mailboxName(text)]).toEqual([text, reference(text)]);
  });
  it('treats every UTF-16 unit as the regex does', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const unit = String.fromCharCode(code);
      for (const text of [`ma${unit}ya@contoso.com`, `maya@con${unit}toso.com`, `${unit}@x`, `x@${unit}`])
        if (mailboxName(text) !== reference(text)) throw new Error(`unit ${code.toString(16)} in ${JSON.stringify(text)}`);
    }
  });
});
