// Messages that steer the conversation itself: "start over" / "reset" (forget the list on screen), and greetings,
// thanks and goodbyes said on their own (a short answer, not the help card).
import type { PlannedAction } from '../actions/registry';
import type { SmallTalkParams } from '../actions/contracts/conversation';
import { collapseSpaces, isWhiteSpace } from './normalize';

// Each pattern is anchored and opens with one of its listed alternatives (a lead word, or the phrase itself), and every
// alternative starts with two plain characters: so a message can only match when its first two characters start some
// alternative (OPENINGS). Most messages ("show ...", "which ...") start otherwise and skip the five patterns.
const alt = (alternatives: readonly string[]) => alternatives.join('|');

const START_OVER_LEADS = ['ok', 'okay', 'please', 'pls', "let's", 'lets', 'can we', 'can you', 'so', 'hey', 'now'];
const START_OVER_PHRASES = [
  'start over', 'start again', 'start from scratch', 'start afresh', 'start fresh', 'from scratch', 'begin again', 'restart', 'reset', 'reset everything',
  'clear everything', 'clear all', 'clear the context', 'clear context', 'new topic', 'new question', 'forget (?:it|that|this|those|the filters)', 'never ?mind',
];
const START_OVER = new RegExp(`^(?:(?:${alt(START_OVER_LEADS)})\\s+)*(?:${alt(START_OVER_PHRASES)})(?:\\s+please)?$`);
/** "start over and show critical risks": the rest is a new question. */
const PREFIX_LEADS = ['ok', 'okay', 'please', "let's", 'lets', 'so'];
const PREFIX_PHRASES = ['start over', 'start again', 'start fresh', 'reset', 'new question', 'forget (?:that|the filters)'];
const START_OVER_PREFIX = new RegExp(`^(?:(?:${alt(PREFIX_LEADS)})\\s+)*(?:${alt(PREFIX_PHRASES)})\\s*(?:and|then|,|:|-)?\\s+`);

const GREETINGS = ['hi', 'hello', 'hey', 'hiya', 'howdy', 'yo', 'greetings', 'good (?:morning|afternoon|evening|day)', 'hi there', 'hello there', 'hey there'];
const GREETING = new RegExp(`^(?:${alt(GREETINGS)})(?:\\s+(?:there|bot|all|everyone|team|posture ?bot))?$`);
const THANKS_LEADS = ['ok', 'okay', 'great', 'perfect', 'awesome', 'cool', 'nice', 'brilliant', 'excellent', 'super'];
const THANKS_PHRASES = ['thanks?(?: a lot| so much| very much| again)?', 'thank you(?: very much| so much)?', 'thx', 'ty', 'cheers', 'much appreciated', 'appreciate it', 'many thanks'];
const THANKS = new RegExp(
  `^(?:(?:${alt(THANKS_LEADS)})[\\s,]+)?(?:${alt(THANKS_PHRASES)})(?:\\s+(?:bot|posture ?bot|mate))?` +
    "(?:\\s+(?:that's|thats|that is|this is|it's|its|that was|very|so|really|super|great|useful|helpful|perfect|awesome|nice|good|lovely|brilliant|excellent|cool|exactly what i needed|just what i needed))*$",
);
const GOODBYE_LEADS = ['ok', 'okay', 'thanks', 'thank you'];
const GOODBYES = ['bye', 'goodbye', 'bye bye', 'see you', 'see ya', 'cya', 'later', "that's all", 'thats all', 'that is all', 'done for now'];
const GOODBYE = new RegExp(`^(?:(?:${alt(GOODBYE_LEADS)})[\\s,]+)?(?:${alt(GOODBYES)})$`);

/** Every alternative a pattern above may open with (for the test that checks each starts with two plain characters). */
export const OPENING_ALTERNATIVES: readonly string[] = [
  ...START_OVER_LEADS, ...START_OVER_PHRASES, ...PREFIX_LEADS, ...PREFIX_PHRASES, ...GREETINGS, ...THANKS_LEADS, ...THANKS_PHRASES, ...GOODBYE_LEADS, ...GOODBYES,
];
/** The first two characters of every alternative: a message that matches some pattern starts with one of these. */
const OPENINGS: ReadonlySet<string> = new Set(OPENING_ALTERNATIVES.map((a) => a.slice(0, 2)));

/** The message without punctuation, as the patterns here read it; planConversationIntent and afterStartOver take it once made. */
export const conversationText = (normalized: string) => collapseSpaces(normalized.replace(/[!?.,;:)(]+/g, ' ')).trim();

/**
 * False when no pattern here can match the message (neither planConversationIntent nor afterStartOver would find
 * anything), read from its first two characters without making conversationText: a match starts with OPENINGS.
 */
export function mayBeConversational(normalized: string): boolean {
  return OPENINGS.has(openingOf(normalized));
}

/** conversationText(text).slice(0, 2), found by walking the text's first characters. */
export function openingOf(text: string): string {
  let i = 0;
  while (i < text.length && isGap(text.charCodeAt(i))) i += 1;
  if (i === text.length) return '';
  const first = text.charAt(i);
  i += 1;
  if (i === text.length) return first;
  if (!isGap(text.charCodeAt(i))) return first + text.charAt(i);
  while (i < text.length && isGap(text.charCodeAt(i))) i += 1;
  return i === text.length ? first : first + ' ';
}

/** A character conversationText turns into a space: its punctuation or a JavaScript \s (white space or line end). */
function isGap(c: number): boolean {
  return c === 0x21 || c === 0x3f || c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3a || c === 0x29 || c === 0x28 || isWhiteSpace(c);
}

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
