// The shipped card templates are compiled at first use (or just after listening), not while the bot starts.
import type { CardRenderer } from '../../src/cards/cardRenderer';
import { compiledOnDemand } from '../../src/teams/bot';

const card = { kind: 'card', template: 'list', model: {} } as unknown as Parameters<CardRenderer['render']>[0];
const fake: CardRenderer = { templates: ['list'], render: () => ({ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } }), expand: () => ({ type: 'AdaptiveCard' }) };

describe('card templates compiled on demand', () => {
  it('compiles nothing until asked, then once', () => {
    const make = jest.fn(() => fake);
    const lazy = compiledOnDemand(make);
    expect(make).not.toHaveBeenCalled();
    expect(lazy.renderer.render(card).content).toEqual({ type: 'AdaptiveCard' });
    expect(lazy.compile()).toBeUndefined();
    expect(lazy.renderer.templates).toEqual(['list']);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('a template that does not compile: compile() returns the error, every render throws it, no retry', () => {
    const broken = new Error('Card template x.json is not valid JSON');
    const make = jest.fn((): CardRenderer => {
      throw broken;
    });
    const lazy = compiledOnDemand(make);
    expect(lazy.compile()).toBe(broken);
    expect(() => lazy.renderer.render(card)).toThrow(broken);
    expect(() => lazy.renderer.expand(card)).toThrow(broken);
    expect(make).toHaveBeenCalledTimes(1);
  });
});
