// The turn context the adapter creates for an inbound activity: botbuilder's TurnContext with its two send methods
// as native async functions, doing what the SDK's do, step for step.
//
// Why: botbuilder-core is compiled to ES2015, so each call of one of its async methods builds a generator from a new
// closure (TypeScript's __awaiter). V8 gives each such closure its own initial map, and maps live in old space; the
// map points back to the closure, so to everything the closure captured: for sendActivity the reply (its card), for
// sendActivities the turn context itself (its turn state and buffered replies). A dead map is only freed by a
// mark-compact; until then every scavenge treats it as a root, so each turn's objects survive two scavenges and are
// promoted, and old space fills with garbage that costs a mark-compact. Native async functions build no map.
import { ActivityTypes, DeliveryModes, InputHints, INVOKE_RESPONSE_KEY, TurnContext, type Activity, type BotAdapter, type ResourceResponse } from 'botbuilder';

/** TurnContext's private send pipeline (its `emit` and the handlers registered with onSendActivities). */
interface SendPipeline {
  emit(handlers: unknown[], arg: Partial<Activity>[], next: () => Promise<ResourceResponse[]>): Promise<ResourceResponse[]>;
  _onSendActivities: unknown[];
}

class PostureTurnContext extends TurnContext {
  override async sendActivity(activityOrText: string | Partial<Activity>, speak?: string, inputHint?: string): Promise<ResourceResponse | undefined> {
    let activity: Partial<Activity>;
    if (typeof activityOrText === 'string') {
      activity = { text: activityOrText, inputHint: inputHint || InputHints.AcceptingInput };
      if (speak) activity.speak = speak;
    } else {
      activity = activityOrText;
    }
    const responses = (await this.sendActivities([activity])) || [];
    return responses[0];
  }

  override sendActivities(activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    let sentNonTraceActivity = false;
    const ref = TurnContext.getConversationReference(this.activity);
    const output = activities.map((activity) => {
      const result = TurnContext.applyConversationReference(Object.assign({}, activity), ref);
      if (!result.type) result.type = ActivityTypes.Message;
      if (result.type !== ActivityTypes.Trace) sentNonTraceActivity = true;
      if (result.id) delete result.id;
      return result;
    });
    const pipeline = this as unknown as SendPipeline;
    return pipeline.emit(pipeline._onSendActivities, output, async () => {
      if (this.activity.deliveryMode === DeliveryModes.ExpectReplies) {
        // Buffered for the HTTP response; the invoke response goes into turn state, as the adapter would put it.
        const responses: ResourceResponse[] = [];
        for (const reply of output) {
          this.bufferedReplyActivities.push(reply);
          if (reply.type === ActivityTypes.InvokeResponse) this.turnState.set(INVOKE_RESPONSE_KEY, reply);
          responses.push({ id: undefined } as unknown as ResourceResponse);
        }
        if (sentNonTraceActivity) this.responded = true;
        return responses;
      }
      const responses = await this.adapter.sendActivities(this, output);
      for (let index = 0; index < responses?.length; index++) (output[index] as Partial<Activity>).id = (responses[index] as ResourceResponse).id;
      if (sentNonTraceActivity) this.responded = true;
      return responses;
    });
  }
}

/** A turn context for `activity` on `adapter` (botbuilder's TurnContext, sending through native async methods). */
export function createPostureTurnContext(adapter: BotAdapter, activity: Partial<Activity>): TurnContext {
  return new PostureTurnContext(adapter, activity);
}
