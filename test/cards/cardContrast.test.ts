// Every text colour on every sample card, as Teams' light and dark themes draw it, against the card's background:
// WCAG AA (4.5:1) for body text. The Agents Playground has no dark theme, so the dark palette is checked here.
import { createCardRenderer } from '../../src/cards/cardRenderer';
import { READABLE_TEXT_COLORS, readableColor, useReadableColors } from '../../src/cards/readableColors';
import { projectPath } from '../../src/paths';
import { allCardSamples } from './sampleCards';

type ColorName = 'default' | 'accent' | 'good' | 'warning' | 'attention';
interface Palette {
  name: string;
  background: string;
  /** #AARRGGBB or #RRGGBB, as host configs write them. */
  text: Record<ColorName, { default: string; subtle: string }>;
}

/** The Agents Playground's host config (its Teams light theme), read from its bundle. */
const TEAMS_LIGHT: Palette = {
  name: 'Teams light (Agents Playground)',
  background: '#ffffff',
  text: {
    default: { default: '#ff252424', subtle: '#bf252424' },
    accent: { default: '#6264a7', subtle: '#8b8cc7' },
    good: { default: '#92c353', subtle: '#e592c353' },
    warning: { default: '#f8d22a', subtle: '#e5f8d22a' },
    attention: { default: '#c4314b', subtle: '#e5c4314b' },
  },
};

/**
 * Teams dark: the card background of the Adaptive Cards designer's Teams dark container (#2D2B2C), white text, and
 * the dark theme's lighter brand colour for Accent; status colours as Teams' dark palette draws them.
 */
const TEAMS_DARK: Palette = {
  name: 'Teams dark',
  background: '#2d2b2c',
  text: {
    default: { default: '#ffffff', subtle: '#bfffffff' },
    accent: { default: '#a6a7dc', subtle: '#e5a6a7dc' },
    good: { default: '#92c353', subtle: '#e592c353' },
    warning: { default: '#f8d22a', subtle: '#e5f8d22a' },
    attention: { default: '#d74654', subtle: '#e5d74654' },
  },
};

function rgba(hex: string): [number, number, number, number] {
  const h = hex.replace('#', '');
  const [a, rgb] = h.length === 8 ? [parseInt(h.slice(0, 2), 16) / 255, h.slice(2)] : [1, h];
  return [parseInt(rgb.slice(0, 2), 16), parseInt(rgb.slice(2, 4), 16), parseInt(rgb.slice(4, 6), 16), a];
}

function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r as number) + 0.7152 * lin(g as number) + 0.0722 * lin(b as number);
}

/** WCAG contrast of `fg` (alpha-blended over `bg`) against `bg`. */
export function contrast(fg: string, bg: string): number {
  const [r, g, b, a] = rgba(fg);
  const back = rgba(bg);
  const blended = [r, g, b].map((c, i) => c * a + (back[i] as number) * (1 - a));
  const [l1, l2] = [luminance(blended), luminance(back)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

interface TextUse {
  color: ColorName;
  subtle: boolean;
  text: string;
}

/** Text elements with the colour they inherit: a TextRun's own, else default. */
function textUses(node: unknown, found: TextUse[] = []): TextUse[] {
  if (Array.isArray(node)) node.forEach((n) => textUses(n, found));
  else if (typeof node === 'object' && node !== null) {
    const r = node as Record<string, unknown>;
    if ((r.type === 'TextBlock' || r.type === 'TextRun') && typeof r.text === 'string') {
      found.push({ color: String(r.color ?? 'default').toLowerCase() as ColorName, subtle: r.isSubtle === true, text: r.text });
    }
    Object.values(r).forEach((v) => textUses(v, found));
  }
  return found;
}

const renderer = createCardRenderer({ dir: projectPath('adaptiveCards') });

describe('card text contrast', () => {
  it('computes WCAG contrast as the standard does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // The colours a user saw: Teams' light "Warning" and "Good" on white.
    expect(contrast(TEAMS_LIGHT.text.warning.default, '#ffffff')).toBeLessThan(2);
    expect(contrast(TEAMS_LIGHT.text.good.default, '#ffffff')).toBeLessThan(2.5);
  });

  it('keeps only colours that read at 4.5:1 on both themes, plain or subtle', () => {
    for (const palette of [TEAMS_LIGHT, TEAMS_DARK]) {
      for (const name of READABLE_TEXT_COLORS) {
        const colors = palette.text[name.toLowerCase() as ColorName];
        expect([palette.name, name, contrast(colors.default, palette.background) >= 4.5]).toEqual([palette.name, name, true]);
        if (name === 'Default') expect([palette.name, 'subtle', contrast(colors.subtle, palette.background) >= 4.5]).toEqual([palette.name, 'subtle', true]);
      }
    }
    for (const name of ['Good', 'Warning', 'Attention', 'Light', 'Dark']) expect(READABLE_TEXT_COLORS).toContain(readableColor(name));
    const subtleAccent = { type: 'TextRun', text: 'x', color: 'accent', isSubtle: true };
    useReadableColors(subtleAccent);
    expect(subtleAccent).toEqual({ type: 'TextRun', text: 'x', color: 'Accent' });
  });

  describe.each(allCardSamples().map(({ card }, i) => [`${card.template} #${i}`, card] as const))('%s', (_label, card) => {
    const uses = textUses(renderer.expand(card));
    it.each([TEAMS_LIGHT, TEAMS_DARK].map((p) => [p.name, p] as const))('reads at 4.5:1 or more on %s', (_name, palette) => {
      const poor = uses
        .map((u) => ({ ...u, ratio: contrast(palette.text[u.color]?.[u.subtle ? 'subtle' : 'default'] ?? '#000000', palette.background) }))
        .filter((u) => !(u.ratio >= 4.5))
        .map((u) => `${u.color}${u.subtle ? ' subtle' : ''} ${u.ratio.toFixed(2)}:1 "${u.text.slice(0, 40)}"`);
      expect(poor).toEqual([]);
    });
  });
});
