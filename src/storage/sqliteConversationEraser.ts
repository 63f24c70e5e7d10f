// Removes the conversation state of given conversations and the user state of a given channel user id (a person
// asked to be forgotten). Keys are teams-ai's: <channel>/<bot>/conversations/<id> and <channel>/<bot>/users/<id>.
import type { SqliteDatabase } from './sqliteDatabase';
import { createSqliteShownRefs } from './sqliteShownRefs';

export interface ConversationEraser {
  /** Returns how many state items were removed. */
  erase(conversationIds: readonly string[], channelUserIds: readonly string[]): number | Promise<number>;
}

export function createSqliteConversationEraser(database: SqliteDatabase): ConversationEraser {
  const remove = database.connection.prepare("DELETE FROM conversation_items WHERE substr(key, -length(?)) = ? AND instr(key, '/') > 0");
  const shown = createSqliteShownRefs(database);
  // The refs a conversation was shown go with its state (they are kept beside it: sqliteShownRefs.ts).
  const eraseAll = database.connection.transaction((suffixes: string[]) =>
    suffixes.reduce((n, suffix) => {
      shown.deleteBySuffix(suffix);
      return n + remove.run(suffix, suffix).changes;
    }, 0),
  );
  return {
    erase: (conversationIds, channelUserIds) => {
      database.writes.flush();
      return eraseAll([...conversationIds.map((id) => `/conversations/${id}`), ...channelUserIds.map((id) => `/users/${id}`)]);
    },
  };
}
