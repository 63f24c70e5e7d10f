// Teams' "AI generated" label for a message a language model wrote, with the records it cites: a schema.org
// Message entity (additionalType AIGeneratedContent) whose Claim citations Teams shows as numbered popups.
import type { Activity } from 'botbuilder';
import type { AnswerCitation } from '../actions/contracts/messagePlanner';

/** Teams' "AI generated" label with the answer's citations ([n] in the text is citation n). */
export function withAiLabel(activity: Partial<Activity>, citations: readonly AnswerCitation[]): Partial<Activity> {
  const claims = citations.map((c, i) => ({
    '@type': 'Claim',
    position: i + 1,
    appearance: { '@type': 'DigitalDocument', name: c.name.slice(0, 80), abstract: c.abstract.slice(0, 160), ...(c.url ? { url: c.url } : {}) },
  }));
  const entity = {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    additionalType: ['AIGeneratedContent'],
    ...(claims.length > 0 ? { citation: claims } : {}),
  };
  activity.entities = [...(activity.entities ?? []), entity];
  return activity;
}
