// Messages that steer the conversation itself: "start over" / "reset" (forget the list on screen), and greetings,
// thanks and goodbyes said on their own (a short answer, not the help card).
import type { PlannedAction } from '../actions/registry';
import type { SmallTalkParams } from '../actions/contracts/conversation';

const START_OVER = /^(?:(?:ok|okay|please|pls|let's|lets|can we|can you|so|hey|now)\s+)*(?:start over|start again|start from scratch|start afresh|start fresh|from scratch|begin again|restart|reset|reset everything|clear everything|clear all|clear the context|clear context|new topic|new question|forget (?:it|that|this|those|the filters)|never ?mind)(?:\s+please)?$/;
/** "start over and show critical risks": the rest is a new question. */
const START_OVER_PREFIX = /^(?:(?:ok|okay|please|let's|lets|so)\s+)*(?:start over|start again|start fresh|reset|new question|forget (?:that|the filters))\s*(?:and|then|,|:|-)?\s+/;

const GREETING = /^(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|hi there|hello there|hey there)(?:\s+(?:there|bot|all|everyone|team|posture ?bot))?$/;
const THANKS = /^(?:(?:ok|okay|great|perfect|awesome|cool|nice|brilliant|excellent|super)[\s,]+)?(?:thanks?(?: a lot| so much| very much| again)?|thank you(?: very much| so much)?|thx|ty|cheers|much appreciated|appreciate it|many thanks)(?:\s+(?:bot|posture ?bot|mate))?(?:\s+(?:that's|thats|that is|this is|it's|its|that was|very|so|really|super|great|useful|helpful|perfect|awesome|nice|good|lovely|brilliant|excellent|cool|exactly what i needed|just what i needed))*$/;
const GOODBYE = /^(?:(?:ok|okay|thanks|thank you)[\s,]+)?(?:bye|goodbye|bye bye|see you|see ya|cya|later|that's all|thats all|that is all|done for now)$/;

/** The message without punctuation, as the patterns here read it; planConversationIntent and afterStartOver take it once made. */
export const conversationText = (normalized: string) => normalized.replace(/[!?.,;:)(]+/g, ' ').replace(/\s+/g, ' ').trim();

export function planConversationIntent(normalized: string, tidied?: string): PlannedAction[] | undefined {
  const text = tidied ?? conversationText(normalized);
  if (START_OVER.test(text)) return [{ name: 'startOver', parameters: {} }];
  const kind: SmallTalkParams['kind'] | undefined = THANKS.test(text) ? 'thanks' : GOODBYE.test(text) ? 'goodbye' : GREETING.test(text) ? 'greeting' : undefined;
  return kind ? [{ name: 'smallTalk', parameters: { kind } }] : undefined;
}

/** The question after a leading "start over and ...", or undefined when the message does not start over. */
export function afterStartOver(normalized: string, tidied?: string): string | undefined {
  const text = tidied ?? conversationText(normalized);
  const m = START_OVER_PREFIX.exec(text);
  return m ? text.slice(m[0].length) : undefined;
}
