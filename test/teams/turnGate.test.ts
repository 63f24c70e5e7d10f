// The pure checks behind the gate: tenant extraction and @mention rules.
import { isAddressedToBot, isTenantAllowed, tenantOf } from '../../src/teams/turnGate';
import { OTHER_TENANT_ID, TENANT_ID, message, submit } from '../support/activities';

describe('tenantOf', () => {
  it('prefers channelData.tenant.id, falls back to conversation.tenantId, lower-cased', () => {
    const fromChannelData = { ...message('x'), channelData: { tenant: { id: TENANT_ID.toUpperCase() } }, conversation: { id: 'c', tenantId: OTHER_TENANT_ID, isGroup: false, name: '', conversationType: 'personal' } };
    expect(tenantOf(fromChannelData)).toBe(TENANT_ID);
    const fromConversation = { ...message('x'), channelData: {} };
    expect(tenantOf(fromConversation)).toBe(TENANT_ID);
    expect(tenantOf(message('x', { tenantId: null }))).toBeUndefined();
  });

  it('allows everyone only when no list is configured', () => {
    expect(isTenantAllowed(message('x', { tenantId: null }), [])).toBe(true);
    expect(isTenantAllowed(message('x', { tenantId: null }), [TENANT_ID])).toBe(false);
    expect(isTenantAllowed(message('x', { tenantId: OTHER_TENANT_ID }), [TENANT_ID])).toBe(false);
  });
});

describe('isAddressedToBot', () => {
  it('reads every 1:1 message, and shared-conversation messages only with a mention of the bot', () => {
    expect(isAddressedToBot(message('hi'))).toBe(true);
    expect(isAddressedToBot(message('hi', { conversationType: 'channel' }))).toBe(false);
    expect(isAddressedToBot(message('hi', { conversationType: 'channel', mention: true }))).toBe(true);
    expect(isAddressedToBot(submit({ verb: 'prompt', ref: 'p1' }, { conversationType: 'groupChat' }))).toBe(true);
  });
});
