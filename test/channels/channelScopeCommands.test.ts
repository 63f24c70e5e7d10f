import { matchChannelScopeCommand } from '../../src/channels/channelScopeCommands';

describe('channel scope commands', () => {
  it('reads the subscriptions an admin names, keeping their case', () => {
    expect(matchChannelScopeCommand('This channel covers Payments-Prod, Payments Dev and Billing.')).toEqual({ kind: 'set', place: 'channel', terms: ['Payments-Prod', 'Payments Dev', 'Billing'] });
    expect(matchChannelScopeCommand('<at>PostureBot</at> this team covers the Payments subscriptions')).toEqual({ kind: 'set', place: 'team', terms: ['Payments'] });
    expect(matchChannelScopeCommand('set the scope of this channel to 0a1b2c3d-0000-4000-8000-000000000001')).toEqual({ kind: 'set', place: 'channel', terms: ['0a1b2c3d-0000-4000-8000-000000000001'] });
  });

  it('reads and clears', () => {
    expect(matchChannelScopeCommand("What's this channel's scope?")).toEqual({ kind: 'show' });
    expect(matchChannelScopeCommand('what does this channel cover')).toEqual({ kind: 'show' });
    expect(matchChannelScopeCommand("clear this team's scope")).toEqual({ kind: 'clear', place: 'team' });
  });

  it('leaves other questions to the planner', () => {
    expect(matchChannelScopeCommand('how many critical risks in Payments?')).toBeUndefined();
    expect(matchChannelScopeCommand('this channel covers')).toBeUndefined();
    expect(matchChannelScopeCommand(`this channel covers ${'x'.repeat(2000)}`)).toBeUndefined();
  });
});
