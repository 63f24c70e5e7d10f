// The IaC fix preview card: the diff one monospace line per row, "+"/"-" kept, long diffs and long lines clipped,
// data shown as written (TextRuns, no markdown), the check, recommendation and files above it.
import { createCardRenderer } from '../../../src/cards/cardRenderer';
import { projectPath } from '../../../src/paths';
import { buildIacFixPreviewView } from '../../../src/skills/remediateCode/findingsText';
import { walk, type Json } from '../../support/cardJson';
import { samplePreview } from './remediateCode.cardSamples';

const renderer = createCardRenderer({ dir: projectPath('adaptiveCards') });
const monospaceRuns = (card: unknown) => {
  const runs: Json[] = [];
  walk(card, (n) => {
    if (n.type === 'TextRun' && n.fontType === 'Monospace') runs.push(n);
  });
  return runs;
};

describe('IaC fix preview card', () => {
  it('shows the check, the recommendation, the files and every diff line as its own monospace run', () => {
    const view = buildIacFixPreviewView(samplePreview(2));
    expect(view.title).toBe('Fix preview: Storage accounts should require TLS 1.2 or later');
    expect(view.recommendation).toMatch(/^Defender recommendation: Storage accounts should have the specified minimum TLS version \(/);
    expect(view.files).toBe('Files: modules/storage/main.tf');
    const runs = monospaceRuns(renderer.expand({ template: 'iacFixPreview', model: view }));
    const texts = runs.map((r) => String(r.text).replace(/\u00a0/g, ' '));
    expect(texts[0]).toBe('--- a/modules/storage/main.tf');
    expect(texts).toContain('-  min_tls_version_0          = var.min_tls # **not markdown** [link](https://evil.example)');
    expect(texts).toContain('+  min_tls_version_0          = "TLS1_2" # **not markdown** [link](https://evil.example)');
    // Added lines are Accent, removed ones subtle: the "+"/"-" stays the first character either way.
    const added = runs.find((r) => /^\+[^+]/.test(String(r.text)));
    const removed = runs.find((r) => /^-[^-]/.test(String(r.text)));
    expect(added?.color).toBe('Accent');
    expect(added?.isSubtle).not.toBe(true);
    expect([removed?.color, removed?.isSubtle]).toEqual(['Default', true]);
    // Indentation survives HTML whitespace collapsing: runs of spaces are no-break spaces.
    expect(String(removed?.text)).toMatch(/^-\u00a0\u00a0min_tls_version_0\u00a0{10}= var/);
  });

  it('clips a long diff with "… N more lines" and a long line with "…"', () => {
    const preview = samplePreview(40);
    const total = preview.diff.replace(/\n$/, '').split('\n').length;
    const view = buildIacFixPreviewView(preview);
    expect(view.lines).toHaveLength(60);
    expect(view.more).toBe(`… ${total - 60} more lines (the pull request has the whole diff).`);
    const long = buildIacFixPreviewView(samplePreview(1)).lines.find((l) => l.text.includes('xxxx'));
    expect(long?.text.length).toBe(140);
    expect(long?.text.endsWith('…')).toBe(true);
    expect(buildIacFixPreviewView(samplePreview(1)).more).toBe('');
  });

  it('says which findings are left to a person', () => {
    const view = buildIacFixPreviewView(samplePreview(1, true));
    expect(view.refused).toEqual([{ text: 'Not fixed automatically: envs/prod/main.tf:9 (the value comes from a computed expression).' }]);
  });
});
