// The contact book keeps people and conversations through the RecordsStore port: a user is found by their Entra id
// or by an address the roster gave (any case), and an address that moved to someone else no longer finds the first.
import { createContactBook } from '../../src/contacts/contactBook';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';

const reference = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' };

describe('contact book', () => {
  it('finds a user by id or address, follows a moved address, and keeps conversation references', async () => {
    const book = createContactBook(createMemoryRecordsStore());
    expect(await book.byAddress('olivia@contoso.example')).toBeUndefined();
    await book.save({ aadObjectId: 'AAA-1', userId: '29:o', name: 'Olivia', addresses: ['Olivia@Contoso.example', 'olivia@contoso.example', 'o.upn@contoso.example'], reference, updatedAt: 1 });
    expect((await book.byUser('aaa-1'))?.addresses).toEqual(['olivia@contoso.example', 'o.upn@contoso.example']);
    expect((await book.byAddress(' OLIVIA@contoso.example'))?.userId).toBe('29:o');
    expect((await book.byAddress('o.upn@contoso.example'))?.name).toBe('Olivia');
    // The address now belongs to someone else: the old link no longer names Olivia.
    await book.save({ aadObjectId: 'aaa-1', userId: '29:o', addresses: ['o.upn@contoso.example'], reference, updatedAt: 2 });
    expect(await book.byAddress('olivia@contoso.example')).toBeUndefined();
    await book.save({ aadObjectId: 'bbb-2', userId: '29:b', addresses: ['olivia@contoso.example'], reference, updatedAt: 3 });
    expect((await book.byAddress('olivia@contoso.example'))?.userId).toBe('29:b');

    expect(await book.conversation('19:x')).toBeUndefined();
    await book.saveConversation('19:x', reference);
    expect(await book.conversation('19:x')).toEqual(reference);
    expect(await book.conversationTimeZone('19:x')).toBeUndefined();
    // The delegator's time zone (Teams' clientInfo) is kept with the conversation, for the daily digest.
    await book.saveConversation('19:x', reference, 'Europe/Berlin');
    expect(await book.conversationTimeZone('19:x')).toBe('Europe/Berlin');
  });
});
