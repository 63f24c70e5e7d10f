// Channel scopes in turns (SSO on): after the asker's own scope is set (userScopeTurns), a turn in a channel or
// group chat reads the place's scope and narrows the turn to what both cover, or marks it counts only; a question
// naming what the channel does not cover is answered in a private chat the bot starts itself (privateChat.ts), or,
// when that fails, with an offer of one (a link). Admins set the scope here.
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { beyondText, privateChatStartedText, type ChannelScopes, type Place } from '../channels/channelScopes';
import { matchChannelScopeCommand } from '../channels/channelScopeCommands';
import type { Logger } from '../logging/logger';
import { actorOf, viewerOf } from './turnBridge';
import { tenantOf } from './turnGate';
import { answerInPrivateChat } from './privateChat';
import { setTurnScope, turnScopeOf } from './turnScope';

const ID = /^[^\s|\u0000-\u001f]{1,256}$/;
const idOf = (value: unknown): string | undefined => (typeof value === 'string' && ID.test(value) ? value : undefined);

/** The channel or group chat of a turn; undefined in a personal chat or when Teams gave no usable id. */
export function placeOf(activity: Partial<Activity>): Place | undefined {
  const kind = activity.conversation?.conversationType;
  if (kind !== 'channel' && kind !== 'groupChat') return undefined;
  const tenantId = tenantOf(activity) ?? 'no-tenant';
  const data = (typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {}) as { channel?: { id?: unknown }; team?: { id?: unknown } };
  const conversation = idOf(activity.conversation?.id?.split(';')[0]);
  const id = kind === 'channel' ? (idOf(data.channel?.id) ?? conversation) : conversation;
  if (!id) return undefined;
  const teamId = kind === 'channel' ? idOf(data.team?.id) : undefined;
  return { tenantId, kind, id, ...(teamId ? { teamId } : {}) };
}

const commandOf = (context: TurnContext) =>
  context.activity.type === ActivityTypes.Message && typeof context.activity.text === 'string' ? matchChannelScopeCommand(context.activity.text) : undefined;

export function registerChannelScopes(app: Application<TurnState>, channels: ChannelScopes, logger: Logger, botAppId = ''): void {
  app.addRoute(
    async (context) => commandOf(context) !== undefined,
    async (context) => {
      const command = commandOf(context);
      if (!command) return;
      await context.sendActivity(await channels.command(command, placeOf(context.activity), actorOf(context.activity), viewerOf(context.activity)));
    },
  );

  app.turn('beforeTurn', async (context) => {
    const place = placeOf(context.activity);
    const user = turnScopeOf(context.activity).scope;
    const kind = context.activity.conversation?.conversationType;
    if (!user || (kind !== 'channel' && kind !== 'groupChat') || commandOf(context)) return true;
    if (!place) {
      setTurnScope(context.activity, user, { countsOnly: 'malformed' });
      return true;
    }
    const view = await channels.viewFor(place, user);
    if (view.kind === 'countsOnly') {
      if (view.reason === 'malformed') logger.warn({ place: place.kind }, 'a stored channel scope is malformed: counts only');
      setTurnScope(context.activity, user, { countsOnly: view.reason });
      return true;
    }
    setTurnScope(context.activity, view.scope);
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    if (typeof text !== 'string' || text.trim() === '') return true;
    const outside = channels.outside(text, { scope: user }, { scope: view.scope });
    if (outside.length === 0) return true;
    // Answered where only the asker reads it, with their own scope; the channel is told where it went.
    if (await answerInPrivateChat(context, text, { botAppId, logger, run: (turn) => app.run(turn).then(() => undefined) })) {
      await context.sendActivity(privateChatStartedText(outside, view.names, context.activity.from?.name));
      return false;
    }
    await context.sendActivity(beyondText(outside, view.names, context.activity.recipient?.id));
    return false;
  });
}
