import { fixedCard } from '../../bench/servers/fixedCard';
import { createCardRenderer } from '../../src/cards/cardRenderer';
import { projectPath } from '../../src/paths';
import { toActivity } from '../../src/teams/replyActivity';

describe('card floor fixed card', () => {
  it('is the analyze recommendations card, rendered by the real renderer with a full page of rows', () => {
    const card = fixedCard();
    expect(card).toMatchObject({ template: 'recommendations', provisional: false });
    const activity = toActivity(card.reply, createCardRenderer({ dir: projectPath('adaptiveCards') }));
    const json = JSON.stringify(activity.attachments?.[0]?.content);
    expect(activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    // Every fixed row made it into the card (the floor must cost what a full analyze page costs).
    for (let i = 0; i < 10; i++) expect(json).toContain(`-${String(i).padStart(3, '0')}`);
    expect(activity.suggestedActions?.actions).toHaveLength(3);
  });

  it('builds the same model every time (the floor never queries)', () => {
    expect(JSON.stringify(fixedCard())).toBe(JSON.stringify(fixedCard()));
  });
});
