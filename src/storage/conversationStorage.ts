// The conversation-state port (teams-ai's conversation and user state): the shape of botbuilder's Storage, declared
// here so that storage implementations need no bot SDK. src/teams/bot.ts hands it to teams-ai as botbuilder's
// Storage, so the compiler keeps the two the same; test/storage/conversationStorage.contract.ts holds the semantics.
export interface StoreItems {
  // Values are whatever the state objects hold, as in botbuilder's own declaration.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

export interface ConversationStorage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
