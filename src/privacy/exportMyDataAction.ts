// "Export my data": everything the bot keeps about the person asking (answers with their prompts, ratings,
// delegations they made, their usage, the audit of changes they asked for or confirmed), as one JSON file behind a
// single-use link that expires (src/downloads/downloadLinks.ts). The link is given only in a one-to-one chat, so
// nobody else in a group chat or channel sees it, and only for the person asking (their Entra object id).
import { z } from 'zod';
import type { ReadActionDefinition } from '../actions/registry';
import type { DownloadLinks } from '../downloads/downloadLinks';
import type { Reply } from '../views/reply';
import type { PersonalData } from './personalData';
import { personIdOf } from './privacyActions';

const noParameters = z.object({}).strict();

export function createExportMyDataAction(deps: { data: PersonalData; links: DownloadLinks; ttlMs: number; now?: () => number }): ReadActionDefinition<typeof noParameters, Reply> {
  const now = deps.now ?? Date.now;
  return {
    name: 'exportMyData',
    description: 'Gives the person asking a download link to a JSON file of everything the bot keeps about them.',
    parameters: noParameters,
    sideEffects: false,
    async handler(_params, context) {
      const personId = personIdOf(context);
      if (context.viewer.conversationType !== 'personal') {
        await context.reply({ kind: 'text', text: 'Your data goes only to you: ask me "export my data" in a one-to-one chat with me.' });
        return;
      }
      const found = await deps.data.collect(personId);
      const at = now();
      const file = {
        exportedAt: new Date(at).toISOString(),
        person: { id: personId, ...(context.actor.name ? { name: context.actor.name } : {}) },
        about: 'Everything posture-bot keeps about you: the answers it gave you with your prompts (secrets removed), your ratings, the delegations you made, your usage, the audit of changes you asked for or confirmed, and how it reaches you (contact record).',
        ...found,
      };
      const link = await deps.links.linkFor({ fileName: `my-posture-bot-data-${new Date(at).toISOString().slice(0, 10)}.json`, contentType: 'application/json', text: JSON.stringify(file, null, 2) }, personId);
      if (!link) {
        await context.reply({ kind: 'text', text: 'I cannot make a download link here: the bot has no public address (PUBLIC_BASE_URL). Ask your administrator.' });
        return;
      }
      const minutes = Math.round(deps.ttlMs / 60_000);
      await context.reply({
        kind: 'text',
        text: `Your data (${found.answers.length} answers, ${found.feedback.length} ratings, ${found.delegations.length} delegations, ${found.usage.length} usage windows, ${found.audit.length} audit entries) as a JSON file: ${link}\n\nThe link works once and for ${minutes} minutes; ask again for a new one.`,
        suggestions: ['what do you keep about me'],
      });
    },
  };
}
