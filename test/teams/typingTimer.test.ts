// teams-ai sends a `typing` activity when a message turn has sent nothing after 1 s; startTypingTimer: false (the
// whole-turn tests' setting) turns that off, so a turn slowed by machine load sends the same activities.
import { MemoryStorage } from 'botbuilder';
import { createBot } from '../../src/app';
import { createSilentLogger } from '../../src/logging/logger';
import { message } from '../support/activities';
import { adapterTurns } from '../support/adapterTurns';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { slowHelpBotParts } from '../support/slowHelpBot';

const slowTurnTypes = async (startTypingTimer?: boolean) => {
  const bot = createBot(
    { port: 0, host: '127.0.0.1', allowedTenantIds: [] },
    { logger: createSilentLogger(), storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...slowHelpBotParts(1_300), ...(startTypingTimer === undefined ? {} : { startTypingTimer }) },
  );
  return (await adapterTurns(bot)(message('slow'))).map((a) => a.type);
};

describe('the typing indicator of a slow turn', () => {
  it('comes before the answer by default', async () => {
    expect(await slowTurnTypes()).toEqual(['typing', 'message']);
  });

  it('is not sent with startTypingTimer: false', async () => {
    expect(await slowTurnTypes(false)).toEqual(['message']);
  });
});
