import { TurnContext } from 'botbuilder';
import type { Contact, ContactBook } from '../../src/contacts/contactBook';
import { captureContacts } from '../../src/teams/contactCapture';
import { createSilentLogger } from '../../src/logging/logger';

const CLIENT_KEY = Symbol('connectorClient');

function activity(conversationId: string) {
  return {
    type: 'message',
    id: `act-${conversationId}`,
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/teams/',
    text: 'hi',
    from: { id: '29:user-1', name: 'Ada', aadObjectId: '00000000-0000-4000-8000-0000000000AD' },
    recipient: { id: '28:posture-bot', name: 'PostureBot' },
    conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: '11111111-2222-4333-8444-555555555555' },
    entities: [{ type: 'clientInfo', timezone: 'Europe/Paris' }],
  };
}

function book(known?: Contact) {
  const saved: Contact[] = [];
  const conversations: Array<[string, unknown, string | undefined]> = [];
  const contacts = {
    byUser: async () => known,
    save: async (contact: Contact) => {
      saved.push(contact);
    },
    saveConversation: async (id: string, reference: unknown, zone?: string) => {
      conversations.push([id, reference, zone]);
    },
  } as unknown as ContactBook;
  return { contacts, saved, conversations };
}

const contextFor = (a: ReturnType<typeof activity>, client?: unknown) =>
  ({ activity: a, adapter: { ConnectorClientKey: CLIENT_KEY }, turnState: new Map<unknown, unknown>(client ? [[CLIENT_KEY, client]] : []) }) as unknown as TurnContext;

describe('captureContacts', () => {
  it('notes a new conversation with its reference and zone, and looks an unknown user up once, with the same reference', async () => {
    const { contacts, saved, conversations } = book();
    const member = jest.fn(async () => ({ email: 'Ada@Contoso.example', userPrincipalName: 'ada@contoso.example' }));
    const ran = jest.fn(async () => undefined);
    const logic = captureContacts({ contacts, logger: createSilentLogger(), now: () => 1_000 }, ran);
    const a = activity('a:one');
    const expected = TurnContext.getConversationReference(a as never);
    await logic(contextFor(a, { conversations: { getConversationMember: member } }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toHaveBeenCalledTimes(1);
    expect(conversations).toEqual([['a:one', expected, 'Europe/Paris']]);
    expect(member).toHaveBeenCalledWith('a:one', '29:user-1');
    expect(saved).toEqual([{ aadObjectId: '00000000-0000-4000-8000-0000000000AD', userId: '29:user-1', name: 'Ada', addresses: ['Ada@Contoso.example', 'ada@contoso.example'], reference: expected, updatedAt: 1_000 }]);
    // The same conversation again: not noted again; the failed-or-done lookup is not repeated within the hour.
    await logic(contextFor(a, { conversations: { getConversationMember: member } }));
    expect(conversations).toHaveLength(1);
  });

  it('neither notes nor looks up a seen conversation of a user known and fresh', async () => {
    const a = activity('a:two');
    const known: Contact = { aadObjectId: '00000000-0000-4000-8000-0000000000ad', userId: '29:user-1', addresses: [], reference: {}, updatedAt: 1_000 };
    const { contacts, saved, conversations } = book(known);
    const member = jest.fn();
    const logic = captureContacts({ contacts, logger: createSilentLogger(), now: () => 2_000 }, async () => undefined);
    await logic(contextFor(a, { conversations: { getConversationMember: member } }));
    await logic(contextFor(a, { conversations: { getConversationMember: member } }));
    expect(conversations).toHaveLength(1);
    expect(member).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
  });
});
