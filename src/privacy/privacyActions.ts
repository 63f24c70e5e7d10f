// "What do you keep about me?" and "delete my data". Deleting is a side effect: it is proposed on a confirmation
// card and runs only from the requester's own Confirm press, for the requester alone.
import { z } from 'zod';
import type { ActionContext, ReadActionDefinition, SideEffectActionDefinition } from '../actions/registry';
import type { AppConfig } from '../config/appConfig';
import { AppError } from '../errors/appError';
import type { Reply } from '../views/reply';
import type { PersonalData, PersonalInventory } from './personalData';

const DAY = 24 * 60 * 60 * 1000;
const days = (ms: number) => `${Math.round(ms / DAY)} days`;

type Retention = Pick<AppConfig, 'retention' | 'privacy'>;

const noParameters = z.object({}).strict();
const eraseEffect = z.object({ personId: z.string().min(1).max(200) }).strict();

/** Only a person Teams identifies by Entra object id can be found across conversations. */
export function personIdOf(context: ActionContext<Reply>): string {
  if (context.actor.id.startsWith('channel:')) {
    throw new AppError('BAD_REQUEST', 'I can only find your data by your Microsoft Entra account, and this chat does not give me one.');
  }
  return context.actor.id;
}

export function inventoryLines(found: PersonalInventory, retention: Retention): string[] {
  return [
    `- ${found.answers} answer${found.answers === 1 ? '' : 's'} I gave you, with the ${found.prompts} prompt${found.prompts === 1 ? '' : 's'} you typed (secrets removed), the action behind each and the recommendation ids shown: kept ${days(retention.retention.replyRecordsMs)}.`,
    `- ${found.feedback} rating${found.feedback === 1 ? '' : 's'} of answers, ${found.feedbackWithText} with your text: kept ${days(retention.privacy.feedbackMs)}.`,
    `- The state of ${found.personalConversations} one-to-one chat${found.personalConversations === 1 ? '' : 's'} with me (the list on screen, filters): kept ${days(retention.retention.conversationIdleMs)} after the last message.`,
    `- ${found.usageUnits} usage unit${found.usageUnits === 1 ? '' : 's'} counted against your organisation's capacity: kept ${days(retention.privacy.usageMs)}.`,
    `- ${found.auditEntries} audit entr${found.auditEntries === 1 ? 'y' : 'ies'} of changes you asked for or confirmed: kept ${days(retention.retention.auditMs)}.`,
    ...(found.reachable
      ? ['- How I reach you when someone sends you a card: your name, the e-mail and UPN the Teams roster gives for you, and the address of our chat. Noted when you chat with me and refreshed weekly; kept until you delete your data.']
      : []),
  ];
}

export function createMyDataAction(deps: { data: PersonalData; retention: Retention }): ReadActionDefinition<typeof noParameters, Reply> {
  return {
    name: 'myData',
    description: 'Says what the bot keeps about the person asking, and for how long.',
    parameters: noParameters,
    sideEffects: false,
    async handler(_params, context) {
      const found = await deps.data.inventory(personIdOf(context));
      const text = [
        'What I keep about you',
        ...inventoryLines(found, deps.retention),
        '',
        'Secrets I find in what you type (connection strings, keys, tokens, SAS URLs) are removed before anything is stored or logged. Say "delete my data" to delete your prompts, answers, feedback, chat state and how I reach you.',
      ].join('\n');
      await context.reply({ kind: 'text', text, suggestions: ['delete my data'] });
    },
  };
}

export function createDeleteMyDataAction(deps: { data: PersonalData; retention: Retention }): SideEffectActionDefinition<typeof noParameters, typeof eraseEffect, Reply> {
  return {
    name: 'deleteMyData',
    description: "Deletes the requester's prompts, answers, feedback, conversation state and contact record (after they confirm).",
    parameters: noParameters,
    sideEffects: true,
    effect: eraseEffect,
    async propose(_params, context) {
      const personId = personIdOf(context);
      const found = await deps.data.inventory(personId);
      return {
        effect: { personId },
        target: `person:${personId}`,
        card: {
          title: 'Delete your data',
          intro: 'This deletes what I keep about you. Other people\'s data is not touched.',
          facts: [
            { label: 'Answers and prompts', value: String(found.answers) },
            { label: 'Ratings', value: String(found.feedback) },
            { label: 'One-to-one chats', value: String(found.personalConversations) },
          ],
          changes: [
            'Your prompts, the answers I gave you, your ratings and feedback text, the state of your one-to-one chats and how I reach you (name, e-mail, chat address) are deleted. When you chat with me again, I note how to reach you again.',
            "Usage counters and the audit of confirmed changes stay for your organisation, with your id replaced by a pseudonym.",
          ],
          inputs: [],
          confirmLabel: 'Confirm',
        },
      };
    },
    async perform(effect, context) {
      if (context.confirmedBy.id !== effect.personId) throw new AppError('BAD_REQUEST', 'Only the person whose data it is can delete it.');
      const report = await deps.data.erase(effect.personId, context.confirmedBy.userId);
      return {
        text: `Deleted ${report.answers} answers with their prompts, ${report.feedback} ratings, ${report.conversationStates} chat states and ${report.contactRecords} records of how to reach you. Kept for your organisation under the pseudonym ${report.pseudonym}: usage counters (${report.pseudonymisedUsageWindows} windows) and ${report.pseudonymisedAuditEntries} audit entries.`,
      };
    },
  };
}
