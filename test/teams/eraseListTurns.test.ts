// After "delete my data" the list on screen goes with the chat state and its shown refs: a follow-up by position
// gets a plain "no list" answer, never a row resolved from what was erased.
import { execute } from '../support/activities';
import { walk, type Json } from '../support/cardJson';
import { startDeliveredBot, type DeliveredBot } from '../support/deliveredBot';
import { fleetRows } from '../support/tenantExport';

describe('a list after "delete my data"', () => {
  let bot: DeliveredBot;
  beforeAll(async () => {
    bot = await startDeliveredBot(fleetRows(15));
  });
  afterAll(async () => {
    await bot.stop();
  });
  const lastText = (conversationId: string) => String(bot.connector.callsIn(conversationId).at(-1)!.activity.text ?? '');

  it('answers a follow-up by position plainly once the state and its shown refs are erased', async () => {
    const ada = 'a:erase-list';
    await bot.ask('show all risks', ada);
    await bot.ask('details of 2', ada);
    expect(JSON.stringify(bot.connector.callsIn(ada).at(-1)!.activity)).toContain('Row 2 of');
    await bot.ask('delete my data', ada);
    const confirm: Json[] = [];
    walk(bot.connector.callsIn(ada).at(-1)!.activity, (node) => {
      if (node.type === 'Action.Execute' && node.verb === 'confirm') confirm.push(node);
    });
    await bot.invoke(execute('confirm', { ref: String((confirm[0]!.data as Json).ref) }, { conversationId: ada }));
    const noList = 'There is no list to pick from yet. Ask a question first, for example "show critical risks".';
    await bot.ask('details of 3', ada);
    expect(lastText(ada)).toContain(noList);
    await bot.ask('assign the first one to bob@contoso.example', ada);
    expect(lastText(ada)).toContain(noList);
  });
});
