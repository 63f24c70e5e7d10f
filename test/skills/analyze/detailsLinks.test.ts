// A details card built from data with hostile links shows no link except the Azure portal button (issue 9 item 4).
import { join } from 'node:path';
import { createCardRenderer } from '../../../src/cards/cardRenderer';
import { assessment, engineOf } from '../../posture/store/records';
import { skillHarness } from './skillHarness';

const cards = createCardRenderer({ dir: join(__dirname, '..', '..', '..', 'adaptiveCards') });

async function detailsCard(portalLink: string) {
  const bot = skillHarness(
    engineOf([
      assessment({
        resourceName: 'vm-1',
        key: 'k1',
        portalLink,
        description: 'Read [the guide](https://evil.cloudapp.azure.com/guide) first.',
        remediationDescription: 'Then open https://evil.cloudapp.azure.com/fix and follow it.',
      }),
    ]),
  );
  await bot.run('analyze', {});
  const reply = await bot.run('details', { ordinal: 1 });
  if (reply.kind !== 'card') throw new Error('expected a card');
  return JSON.stringify(cards.render(reply.card).content);
}

describe('details card links', () => {
  it('turns a portal.azure.com link into the portal button', async () => {
    const text = await detailsCard('https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/k1');
    expect(text).toContain('"type":"Action.OpenUrl"');
    expect(text).toContain('https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/k1');
  });

  it('drops a *.cloudapp.azure.com link and every link in the text, keeping the words', async () => {
    const text = await detailsCard('https://evil.cloudapp.azure.com/#blade/x');
    expect(text).not.toContain('Action.OpenUrl');
    expect(text).not.toContain('cloudapp');
    expect(text).toContain('Read the guide first.');
    expect(text).toContain('Then open and follow it.');
  });
});
