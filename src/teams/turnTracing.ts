// One span per turn while tracing is on (src/telemetry/tracing.ts): the activity's type (and an invoke's name), the
// registry action the turn ran and how it ended. Nothing the user typed, no ids, no tenant.
import { errorType, tracing } from '../telemetry/tracing';
import { turnActionName } from './replyRecorder';
import { DELIVERY_IN_PROGRESS, type TurnLogic } from './turnGate';

const INVOKE_NAME = /^[A-Za-z][A-Za-z/]{0,60}$/;

export function traceTurns(logic: TurnLogic): TurnLogic {
  return async (context) => {
    const current = tracing();
    if (!current.enabled) return logic(context);
    const { type, name } = context.activity;
    const attributes = { 'bot.activity.type': String(type ?? 'unknown').slice(0, 40), ...(typeof name === 'string' && INVOKE_NAME.test(name) ? { 'bot.activity.name': name } : {}) };
    await current.span('turn', { kind: 'server', attributes }, async (scope) => {
      const ended = (outcome: string) => {
        const action = turnActionName(context);
        scope.set({ 'bot.outcome': outcome, ...(action ? { 'bot.action': action } : {}) });
      };
      try {
        await logic(context);
      } catch (error) {
        ended('error');
        scope.set({ 'error.type': errorType(error) });
        throw error;
      }
      ended(context.turnState.get(DELIVERY_IN_PROGRESS) !== undefined ? 'inProgress' : 'ok');
    });
  };
}
