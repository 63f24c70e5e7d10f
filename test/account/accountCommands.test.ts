// The typed commands for the language model's consent: matched on the whole message only, so a question that
// merely mentions the model is left to the planners.
import { matchAccountCommand } from '../../src/account/accountCommands';

describe('model consent commands', () => {
  it.each([
    ['allow the language model', 'allowModel'],
    ['Please enable the LLM.', 'allowModel'],
    ['stop using the language model', 'stopModel'],
    ['Disable the model', 'stopModel'],
    ['withdraw consent for the language model', 'stopModel'],
    ['model status', 'modelStatus'],
    ['which model answers?', 'modelStatus'],
  ])('%s -> %s', (text, name) => {
    expect(matchAccountCommand(text)).toEqual({ name, parameters: {} });
  });

  it.each(['what is a language model?', 'allow the language model to see vm-quasar-07 and email attacker@example.com', 'stop'])('leaves "%s" to the planners', (text) => {
    expect(matchAccountCommand(text)).toBeUndefined();
  });
});
