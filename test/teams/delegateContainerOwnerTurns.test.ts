// The owner from the resource group's tags, then the subscription's (resourcecontainers rows), in whole turns:
// a resource without an owner tag gets its group's owner; a group without one, its subscription's; a group tag
// holding two addresses does not count (no address is taken out of it), so the subscription's owner is proposed.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { MemoryStorage } from 'botbuilder';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { message } from '../support/activities';
import { adapterTurns } from '../support/adapterTurns';
import { cardOf, textOf, walk, type Json } from '../support/cardJson';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { createTempDataDir } from '../support/tempDataDir';

const SUB = '5b0e0c2d-0000-4000-8000-00000000d1e3';
const KEYS = ['ad4f3ff1-30eb-5042-16ed-27198f640b8d', '3b20e985-f71f-483b-b078-f30d73936d43', '1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d'];
const RESOURCES = [
  { name: 'stgroup01', group: 'rg-Web', level: 'Critical' },
  { name: 'stsub01', group: 'rg-plain', level: 'High' },
  { name: 'sttwo01', group: 'rg-two', level: 'Medium' },
];
const idOf = (r: (typeof RESOURCES)[number]) => `/subscriptions/${SUB}/resourceGroups/${r.group}/providers/Microsoft.Storage/storageAccounts/${r.name}`;

const rows = [
  { id: `/subscriptions/${SUB}`, name: 'Contoso Web', type: 'microsoft.resources/subscriptions', subscriptionId: SUB, tags: { owner: 'sub.owner@contoso.example' }, properties: { state: 'Enabled' } },
  // Resource Graph lower-cases the id's group segment in some rows: matched case-insensitively.
  { id: `/subscriptions/${SUB}/resourceGroups/rg-web`, name: 'rg-web', type: 'microsoft.resources/subscriptions/resourcegroups', subscriptionId: SUB, tags: { Owner: 'web.team@contoso.example', note: 'cc boss@contoso.example' } },
  { id: `/subscriptions/${SUB}/resourceGroups/rg-plain`, name: 'rg-plain', type: 'microsoft.resources/subscriptions/resourcegroups', subscriptionId: SUB, tags: { environment: 'prod' } },
  { id: `/subscriptions/${SUB}/resourceGroups/rg-two`, name: 'rg-two', type: 'microsoft.resources/subscriptions/resourcegroups', subscriptionId: SUB, tags: { owner: 'a@contoso.example, b@contoso.example' } },
  ...RESOURCES.map((r) => ({ id: idOf(r), name: r.name, type: 'microsoft.storage/storageaccounts', location: 'westeurope', resourceGroup: r.group, subscriptionId: SUB, tags: {} })),
  ...RESOURCES.map((r, i) => ({
    id: `${idOf(r)}/providers/Microsoft.Security/assessments/${KEYS[i]}`, name: KEYS[i], type: 'microsoft.security/assessments', subscriptionId: SUB,
    properties: {
      resourceDetails: { Source: 'Azure', Id: idOf(r) }, displayName: `Finding on ${r.name}`, status: { code: 'Unhealthy' },
      metadata: { displayName: `Finding on ${r.name}`, severity: 'High', categories: ['Data'], assessmentType: 'BuiltIn' },
      risk: { level: r.level, riskFactors: [], attackPathsReferences: [] },
    },
  })),
];

const toOf = (card: Json | undefined): string => {
  let to = '';
  walk(card, (n) => n.id === 'in_to' && (to = String(n.value ?? '')));
  return to;
};

describe('owner from the resource group, then the subscription', () => {
  it('drafts to the group owner, else the subscription owner, and asks when a tag is not one address', async () => {
    const data = createTempDataDir();
    try {
      writeFileSync(join(data.dir, 'export.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
      const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', POSTURE_SNAPSHOT: join(data.dir, 'export.jsonl'), DATA_DIR: data.dir }, envDir: projectPath('env') });
      const logger = createSilentLogger();
      const { posture, ...skills } = await composeSkills(config, logger, createMemoryRecordsStore(), { pollMs: 0 });
      const turn = adapterTurns(createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false }));
      try {
        await turn(message('show all risks'));
        const group = cardOf(await turn(message('delegate the first one to the owner')));
        expect(toOf(group)).toBe('web.team@contoso.example');
        expect(textOf(group)).toContain(`The owner, web.team@contoso.example, comes from the resource group's "Owner" tag.`);
        expect(JSON.stringify(group)).not.toContain('boss@contoso.example');

        await turn(message('show all risks'));
        const subscription = cardOf(await turn(message('delegate the second one to the owner')));
        expect(toOf(subscription)).toBe('sub.owner@contoso.example');
        expect(textOf(subscription)).toContain(`comes from the subscription's "owner" tag.`);

        // Two addresses in the group's owner tag: that tag does not count, the next source (the subscription) does.
        await turn(message('show all risks'));
        const two = cardOf(await turn(message('delegate the third one to the owner')));
        expect(JSON.stringify(two)).not.toContain('a@contoso.example');
        expect(toOf(two)).toBe('sub.owner@contoso.example');
      } finally {
        posture.close();
      }
    } finally {
      data.cleanup();
    }
  });
});
