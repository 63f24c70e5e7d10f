// Short answers to a greeting, thanks or goodbye: one line, with a few questions to try.
import type { SmallTalkParams } from '../../actions/contracts/conversation';
import type { Reply } from '../../views/reply';

const TEXT: Readonly<Record<SmallTalkParams['kind'], string>> = {
  greeting: 'Hello! Ask me about your Defender for Cloud posture: risks, what is due, what changed, or an executive summary.',
  thanks: "You're welcome. Anything else about your posture?",
  goodbye: 'Bye! Ask again any time.',
};

export function smallTalkReply(kind: SmallTalkParams['kind']): Reply {
  return { kind: 'text', text: TEXT[kind], suggestions: kind === 'goodbye' ? [] : ['Show critical risks', 'What is due this week?', 'Give me an executive summary'] };
}
