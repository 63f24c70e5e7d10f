// The gate in front of the conversation patterns (conversationIntents.ts mayBeConversational): from a message's first
// two characters it says when no small-talk or start-over pattern can match, so those messages skip them. It must
// never skip a message a pattern matches.
import { afterStartOver, conversationText, mayBeConversational, OPENING_ALTERNATIVES, openingOf, planConversationIntent } from '../../src/planner/conversationIntents';
import { planMessage } from '../../src/planner/planMessage';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { createFakeVocabulary } from './support/fakeVocabulary';
import { randomJoins, seededRandom } from '../support/seededRandom';

const matchesSome = (normalized: string) => planConversationIntent(normalized) !== undefined || afterStartOver(normalized) !== undefined;

describe('the conversation gate', () => {
  it('rests on every alternative opening with two plain characters', () => {
    // The patterns are anchored and open with one of these alternatives, so a match starts with its first two characters.
    expect(OPENING_ALTERNATIVES.length).toBeGreaterThan(60);
    for (const a of OPENING_ALTERNATIVES) expect(a).toMatch(/^[a-z'][a-z' ]/);
  });

  it('reads the first two characters of the punctuation-free text without making it', () => {
    const gaps = ['', ' ', '  ', '!', '?', '.', ',', ';', ':', '(', ')', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028'];
    const letters = ['h', 'i', 'x', "'", '-', 'é', '#', '1', '\ud83d\ude00'];
    const pieces = [...gaps, ...letters];
    const wrong = randomJoins(seededRandom(7), pieces, 20000, 7).filter((text) => openingOf(text) !== conversationText(text).slice(0, 2));
    // Every code unit is a gap exactly when conversationText turns it into a space.
    for (let c = 0; c <= 0xffff; c += 1) {
      const text = `a${String.fromCharCode(c)}b`;
      if (openingOf(text) !== conversationText(text).slice(0, 2)) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });

  it('lets through every message a pattern matches, and the common questions not', () => {
    const said = [
      'hi', 'hello there', 'hey bot', 'good morning', 'yo', 'thanks', 'thank you so much', 'ok thanks that was helpful', 'ty', 'cheers mate', 'many thanks',
      'bye', 'ok, bye', 'see ya', "that's all", 'done for now', 'start over', 'please start over', 'can we reset', 'nevermind', 'never mind please',
      'forget the filters', "let's start fresh", 'reset and show critical risks', 'resetand show aws', 'ok start over, show high risks', '... hi!', '(thanks)',
    ];
    for (const text of said) {
      expect([text, matchesSome(text)]).toEqual([text, true]);
      expect([text, mayBeConversational(text)]).toEqual([text, true]);
    }
    for (const text of ['show critical risks', 'which recommendations have attack paths?', 'list overdue items', 'critical severity issues on vms', 'unassigned high risks']) {
      expect([text, mayBeConversational(text)]).toEqual([text, false]);
    }
  });

  it('changes no plan: gated messages plan as the patterns would have them', () => {
    const context = { vocabulary: createFakeVocabulary({}), viewer: SYSTEM_VIEWER, hasActiveList: true, activeList: { filter: { severities: ['High' as const] }, shown: 10, total: 30 } };
    expect(planMessage('Hi!', context)).toEqual([{ name: 'smallTalk', parameters: { kind: 'greeting' } }]);
    expect(planMessage('...start over and show AWS recommendations', context)[0]?.name).toBe('analyze');
    expect(planMessage('show AWS recommendations', context)[0]?.name).not.toBe('smallTalk');
  });
});
