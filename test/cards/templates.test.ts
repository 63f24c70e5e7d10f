// Every adaptiveCards/*.json template, expanded from a sample view model: valid Adaptive Card 1.5, nothing left
// unfilled, and card buttons that carry only opaque data.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { createCardRenderer } from '../../src/cards/cardRenderer';
import { projectPath } from '../../src/paths';
import { REF_PATTERN, VERB_PATTERN } from '../../src/teams/cardActionRouter';
import { MAX_ACTIONS_PER_SET, promptRows } from '../../src/views/promptButton';
import { PLATFORM_CARD_SAMPLES, allCardSamples } from './sampleCards';

const dir = projectPath('adaptiveCards');
const renderer = createCardRenderer({ dir });
const samples = allCardSamples();

function collectActions(node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => collectActions(n, found));
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Submit' || record.type === 'Action.Execute') found.push(record);
    Object.values(record).forEach((v) => collectActions(v, found));
  }
  return found;
}

describe('card templates', () => {
  it('has a sample view model for every template file', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json'));
    expect(files.length).toBeGreaterThan(0);
    const sampled = new Set(samples.map((s) => s.card.template as string));
    const missing = files.filter((name) => !sampled.has(name));
    // Add a sample in a *.cardSamples.ts file under test/ (see test/cards/sampleCards.ts).
    expect(missing).toEqual([]);
    expect([...renderer.templates].sort()).toEqual([...files].sort());
  });

  describe.each(samples.map(({ file, card }, i) => [`${card.template} #${i} (${basename(file)})`, card] as const))('%s', (_label, card) => {
    const attachment = renderer.render(card);
    const text = JSON.stringify(attachment.content);

    it('expands to an Adaptive Card 1.5 (Teams renders up to 1.5)', () => {
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(attachment.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      // Narrow cards may omit msteams.width; a wide one must say Full (the only other value Teams knows).
      const msteams = attachment.content.msteams as { width?: unknown } | undefined;
      if (msteams?.width !== undefined) expect(msteams.width).toBe('Full');
      expect(JSON.parse(text)).toEqual(attachment.content);
    });

    it('leaves no template expression unfilled', () => {
      expect(text).not.toContain('${');
      expect(text).not.toContain('$data');
      expect(text).not.toContain('$when');
    });

    it('gives every Submit/Execute button opaque data only', () => {
      for (const action of collectActions(attachment.content)) {
        const data = (action.type === 'Action.Execute' ? { ...(action.data as object), verb: action.verb } : action.data) as Record<string, unknown>;
        expect(typeof data).toBe('object');
        expect(String(data.verb)).toMatch(VERB_PATTERN);
        for (const [key, value] of Object.entries(data)) {
          if (key === 'verb') continue;
          expect(key).toMatch(/^[a-z][A-Za-z]{0,15}$/);
          expect(typeof value === 'number' ? String(value) : value).toMatch(REF_PATTERN);
        }
      }
    });
  });

  it('makes the platform cards full width', () => {
    for (const card of PLATFORM_CARD_SAMPLES) expect(renderer.render(card).content).toMatchObject({ msteams: { width: 'Full' } });
  });

  it('renders the sample prompts of the welcome card as buttons', () => {
    const welcome = PLATFORM_CARD_SAMPLES[0]!;
    if (welcome.template !== 'welcome') throw new Error('the first platform sample is the welcome card');
    expect(collectActions(renderer.render(welcome).content)).toHaveLength(welcome.model.promptRows.flatMap((r) => r.buttons).length);
  });

  it('keeps every action set within what Teams shows without a "…" menu', () => {
    const sets: unknown[][] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record.type === 'ActionSet' && Array.isArray(record.actions)) sets.push(record.actions);
      if (record.type === 'AdaptiveCard' && Array.isArray(record.actions)) sets.push(record.actions);
      Object.values(record).forEach(walk);
    };
    for (const card of PLATFORM_CARD_SAMPLES) walk(renderer.render(card).content);
    expect(sets.length).toBeGreaterThan(0);
    for (const set of sets) expect(set.length).toBeLessThanOrEqual(MAX_ACTIONS_PER_SET);
  });
});

describe('prompt rows', () => {
  const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `t${i}`, ref: `p${i}` }));
  it.each([
    [0, []],
    [1, [1]],
    [6, [6]],
    [7, [4, 3]],
    [8, [4, 4]],
    [10, [5, 5]],
    [13, [5, 5, 3]],
  ])('splits %i buttons into rows of %j, in order', (n, sizes) => {
    const rows = promptRows(buttons(n));
    expect(rows.map((r) => r.buttons.length)).toEqual(sizes);
    expect(rows.flatMap((r) => r.buttons)).toEqual(buttons(n));
  });
});
