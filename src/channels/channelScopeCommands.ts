// The admin's channel-scope commands, matched on the whole message: "this channel covers Payments, Billing",
// "what is this channel's scope?", "clear this channel's scope". "team" instead of "channel" sets the team's.
import { withoutMentionMarkup } from '../planner/normalize';

export type ScopePlace = 'channel' | 'team';

export type ChannelScopeCommand =
  | { kind: 'set'; place: ScopePlace; terms: string[] }
  | { kind: 'show' }
  | { kind: 'clear'; place: ScopePlace };

const PLACE = '(channel|team|chat)';
const SET = new RegExp(`^(?:set )?this ${PLACE} (?:covers?|scope is|scope to|is scoped to|is for) (?:the )?(?:subscriptions? )?(.+?)(?: subscriptions?)?$`);
const SET_SCOPE = new RegExp(`^set (?:the )?scope of this ${PLACE} to (?:the )?(?:subscriptions? )?(.+?)(?: subscriptions?)?$`);
const SHOW = new RegExp(`^(?:what(?:'s| is) this ${PLACE}'?s? scope|what does this ${PLACE} cover|show (?:this|the) ${PLACE}'?s? scope)$`);
const CLEAR = new RegExp(`^(?:clear|remove|reset|delete|unset) (?:this|the) ${PLACE}'?s? scope$`);

const normalize = (text: string) =>
  withoutMentionMarkup(text)
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[?.!]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const placeOf = (word: string | undefined): ScopePlace => (word === 'team' ? 'team' : 'channel');

/** Splits "a, b and c" into terms; keeps the original case of the message. */
function termsOf(original: string, lowered: string): string[] {
  const start = original.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').indexOf(lowered);
  const source = start >= 0 ? original.replace(/\s+/g, ' ').slice(start, start + lowered.length) : lowered;
  return source
    .split(/,|;|\band\b|\s&\s/i)
    .map((t) => t.trim().replace(/^["']|["']$/g, '').trim())
    .filter((t) => t.length > 0);
}

export function matchChannelScopeCommand(text: string): ChannelScopeCommand | undefined {
  if (text.length > 1000) return undefined;
  const plain = withoutMentionMarkup(text).replace(/[?.!]+\s*$/g, '').trim();
  const normalized = normalize(text);
  const set = SET.exec(normalized) ?? SET_SCOPE.exec(normalized);
  if (set) {
    const terms = termsOf(plain, set[2]!);
    return terms.length > 0 ? { kind: 'set', place: placeOf(set[1]), terms } : undefined;
  }
  if (SHOW.test(normalized)) return { kind: 'show' };
  const clear = CLEAR.exec(normalized);
  if (clear) return { kind: 'clear', place: placeOf(clear[1]) };
  return undefined;
}
