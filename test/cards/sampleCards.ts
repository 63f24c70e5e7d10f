// Sample view models for card templates. The platform's own live here; any other area contributes its cards'
// samples in a file named `*.cardSamples.ts` anywhere under test/, exporting `CARD_SAMPLES: CardReply[]`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { skillHelp } from '../../src/skillModules';
import { buildHelpView, buildWelcomeView } from '../../src/skills/help/helpAction';
import type { CardReply } from '../../src/views/reply';

export const PLATFORM_CARD_SAMPLES: CardReply[] = [
  { template: 'welcome', model: buildWelcomeView('personal', skillHelp()) },
  { template: 'welcome', model: buildWelcomeView('channel', skillHelp(), 'Answers are not scoped to your Azure access.') },
  { template: 'help', model: buildHelpView(skillHelp()) },
];

function findSampleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findSampleFiles(path);
    return entry.name.endsWith('.cardSamples.ts') ? [path] : [];
  });
}

/** Every sample: the platform's and those contributed by other areas' `*.cardSamples.ts` files. */
export function allCardSamples(): { file: string; card: CardReply }[] {
  const contributed = findSampleFiles(join(__dirname, '..')).flatMap((file) => {
    const loaded = require(file) as { CARD_SAMPLES?: CardReply[] };
    if (!Array.isArray(loaded.CARD_SAMPLES)) throw new Error(`${file} must export CARD_SAMPLES: CardReply[]`);
    return loaded.CARD_SAMPLES.map((card) => ({ file, card }));
  });
  return [...PLATFORM_CARD_SAMPLES.map((card) => ({ file: __filename, card })), ...contributed];
}
