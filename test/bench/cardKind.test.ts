import { createCardClassifier } from '../../bench/cardKind';
import { FLOOR_KINDS, fixedReplies } from '../../bench/servers/fixedReplies';
import { createCardRenderer } from '../../src/cards/cardRenderer';
import { projectPath } from '../../src/paths';
import { toActivity } from '../../src/teams/replyActivity';

const dir = projectPath('adaptiveCards');

describe('card kind of an expanded card', () => {
  const classifier = createCardClassifier(dir);
  const renderer = createCardRenderer({ dir });
  const replies = fixedReplies();

  it('names the template of every fixed floor card, expanded by the real renderer', () => {
    for (const kind of FLOOR_KINDS.filter((k) => k !== 'text')) {
      const reply = replies[kind];
      expect(reply.kind).toBe('card');
      expect([kind, classifier.kindOf(toActivity(reply, renderer).attachments?.[0]?.content)]).toEqual([kind, kind]);
    }
  });

  it('still knows a card with the data-age footnote the reply adds under it', () => {
    const activity = toActivity({ ...replies.details, dataAge: 'Data as of 2 hours ago.' }, renderer);
    expect(classifier.kindOf(activity.attachments?.[0]?.content)).toBe('details');
  });

  it('says other for something no template fits, and for two rows of one template glued to another', () => {
    expect(classifier.kindOf({ type: 'AdaptiveCard', body: [{ type: 'Image', url: 'x' }] })).toBe('other');
    expect(classifier.kindOf(null)).toBe('other');
    const list = renderer.expand(replies.recommendations.kind === 'card' ? replies.recommendations.card : (undefined as never)) as { body: unknown[] };
    const breakdown = renderer.expand(replies.breakdown.kind === 'card' ? replies.breakdown.card : (undefined as never)) as { body: unknown[] };
    expect(classifier.kindOf({ type: 'AdaptiveCard', body: [...list.body, ...breakdown.body] })).toBe('other');
  });

  it('reads every template in the folder', () => {
    expect(classifier.templates).toEqual(expect.arrayContaining(['recommendations', 'details', 'breakdown', 'summary', 'remediation', 'choice']));
  });
});

describe('mix floor fixed replies', () => {
  const replies = fixedReplies();
  const renderer = createCardRenderer({ dir });

  it('has a count sentence for text answers and a scripted fix for the remediation card', () => {
    expect(replies.text).toMatchObject({ kind: 'text', text: expect.stringMatching(/^137 recommendations match/) });
    const fix = replies.remediation.kind === 'card' && replies.remediation.card.template === 'remediation' ? replies.remediation.card.model : undefined;
    expect(fix?.scripts.length).toBeGreaterThan(0);
    expect(JSON.stringify(toActivity(replies.remediation, renderer))).toContain('az storage account update');
  });

  it('builds the same replies every time (the floor never queries)', () => {
    expect(JSON.stringify(fixedReplies())).toBe(JSON.stringify(fixedReplies()));
  });
});
