// botbuilder's own MemoryStorage passes the conversation-storage contract: the suite encodes botbuilder's rules.
import { MemoryStorage } from 'botbuilder';
import { runConversationStorageContract } from './conversationStorage.contract';

runConversationStorageContract("botbuilder's MemoryStorage", async () => ({
  storage: new MemoryStorage(),
  cleanup: async () => undefined,
}));
