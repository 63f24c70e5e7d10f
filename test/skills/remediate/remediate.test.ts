// Summarize and remediate in whole turns over the demo tenant: typed ("summarize the first one", "how do I fix
// this?", by name) and by the cards' buttons; the cards expand from their templates with CodeBlocks that fall back
// to monospace text.
import { createCardRenderer } from '../../../src/cards/cardRenderer';
import { projectPath } from '../../../src/paths';
import type { PostureEngine } from '../../../src/posture/engine';
import type { CardReply, Reply } from '../../../src/views/reply';
import type { RemediationView } from '../../../src/views/remediationView';
import type { SummaryView } from '../../../src/views/summaryView';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { loadDemoEngine } from '../../planner/support/demoTenant';
import { remediateHarness } from './remediateHarness';
import { walk } from '../../support/cardJson';

const cards = createCardRenderer({ dir: projectPath('adaptiveCards') });

function card(replies: Reply[], template: 'summary'): SummaryView;
function card(replies: Reply[], template: 'remediation'): RemediationView;
function card(replies: Reply[], template: CardReply['template']): unknown {
  const reply = replies[0];
  if (reply?.kind !== 'card' || reply.card.template !== template) throw new Error(`expected a ${template} card, got ${JSON.stringify(reply).slice(0, 300)}`);
  return reply.card.model;
}


let engine: PostureEngine;
beforeAll(async () => {
  engine = await loadDemoEngine();
});

describe('summarize', () => {
  it('summarizes the first row of a list for its resource, with next steps as buttons', async () => {
    const h = remediateHarness(engine);
    await h.say('show critical risks');
    const { plan, replies } = await h.say('summarize the first one');
    expect(plan).toEqual([{ name: 'summarize', parameters: { ordinal: 1 } }]);
    const model: SummaryView = card(replies, 'summary');
    expect(model.headline).toMatch(/^Critical risk · \w+ severity · Unhealthy$/);
    expect(model.checks.length).toBeGreaterThan(20);
    expect(model.riskFactors.length).toBeGreaterThan(0);
    expect(model.riskFactors.every((f) => f.value.length > 20)).toBe(true);
    expect(model.severityVsRisk).toContain('Risk level Critical');
    expect(model.fixing.map((f) => f.label)).toEqual(['User impact', 'Effort', 'How']);
    expect(model.governance.map((f) => f.label)).toEqual(['Owner', 'Due date', 'Status']);
    expect(model.buttons.map((b) => [b.title, b.verb])).toEqual([
      ['Help me remediate', 'remediate'],
      ['Delegate to the owner', 'delegate'],
    ]);
    expect(model.portalLink).toMatch(/^https:\/\/portal\.azure\.com\//);
  });

  it('summarizes by name, the riskiest open resource, using the knowledge base where the export is silent', async () => {
    const h = remediateHarness(engine);
    const { plan, replies } = await h.say('Summarize the SQL public network access one');
    expect(plan).toEqual([{ name: 'summarize', parameters: { name: 'sql public network access' } }]);
    const model: SummaryView = card(replies, 'summary');
    expect(model.title).toBe('Public network access on Azure SQL Database should be disabled');
    expect(model.subtitle).toMatch(/more resources have it too, this is the riskiest/);
    expect(model.whyItMatters).toMatch(/public endpoint/);
  });

  it('answers "what does <recommendation> mean?" with the summary card', async () => {
    const h = remediateHarness(engine);
    const { plan, replies } = await h.say("what does 'Storage accounts should restrict network access' mean?");
    expect(plan[0]?.name).toBe('summarize');
    expect(card(replies, 'summary').title).toMatch(/^Storage accounts should restrict network access/);
  });

  it('offers close matches for a name it does not know', async () => {
    const h = remediateHarness(engine);
    const { replies } = await h.say('summarize zzqx frobnicator quux');
    expect(replies[0]).toMatchObject({ kind: 'text' });
    expect(JSON.stringify(replies[0])).toContain('I found no recommendation named like');
  });

  it('"summarize it" without anything on screen asks which one', async () => {
    const h = remediateHarness(engine);
    await expect(h.say('summarize it')).rejects.toThrow(/Which recommendation/);
  });
});

describe('remediate', () => {
  it('the summary card\'s "Help me remediate" button gives steps and both scripts for an Azure fix', async () => {
    const h = remediateHarness(engine);
    const summary: SummaryView = card((await h.say('Summarize the SQL public network access one')).replies, 'summary');
    const button = summary.buttons.find((b) => b.verb === 'remediate')!;
    const model: RemediationView = card(await h.press({ verb: button.verb, ref: button.ref }), 'remediation');
    expect(model.summary).toMatch(/^Set public network access to Disabled on SQL server "sql-analytics-prod-01"/);
    expect(model.steps.length).toBeGreaterThan(1);
    expect(model.scripts.map((s) => [s.title, s.language])).toEqual([
      ['Azure CLI (bash)', 'Bash'],
      ['PowerShell (Az module)', 'PowerShell'],
    ]);
    expect(model.scripts[0]!.code).toContain("'--name=sql-analytics-prod-01'");
    expect(model.scripts[0]!.code).toMatch(/--subscription=818f580c-5092-4e34-9d63-d6267a7636d7/);
    // This registry's posture is not the embedded demo tenant: a fix cannot be simulated, so no Apply button.
    expect(model.buttons.map((b) => b.verb)).toEqual(['delegate']);

    // Expanded: each script is a CodeBlock whose fallback is a RichTextBlock of monospace TextRuns with the same code.
    const expanded = cards.expand({ template: 'remediation', model });
    const blocks: Array<Record<string, unknown>> = [];
    walk(expanded, (n) => n.type === 'CodeBlock' && blocks.push(n));
    expect(blocks.map((b) => b.language)).toEqual(['Bash', 'PowerShell']);
    for (const [i, block] of blocks.entries()) {
      expect(block.codeSnippet).toBe(model.scripts[i]!.code);
      const fallback = block.fallback as { type: string; inlines: Array<{ type: string; text: string; fontType: string }> };
      expect(fallback.type).toBe('RichTextBlock');
      expect(fallback.inlines.every((r) => r.type === 'TextRun' && r.fontType === 'Monospace')).toBe(true);
      expect(fallback.inlines.map((r) => r.text).join('')).toBe(model.scripts[i]!.code.endsWith('\n') ? model.scripts[i]!.code : `${model.scripts[i]!.code}\n`);
    }
  });

  it('"how do I fix this?" after a summary of a software vulnerability names the fixed version, with no script', async () => {
    const h = remediateHarness(engine);
    await h.say('show critical risks');
    const summary: SummaryView = card((await h.say('summarize the first one')).replies, 'summary');
    expect(summary.title).toMatch(/^Vulnerabilities in log4j-core/);
    const { plan, replies } = await h.say('how do I fix this?');
    expect(plan).toEqual([{ name: 'remediate', parameters: {} }]);
    const model: RemediationView = card(replies, 'remediation');
    expect(model.summary).toMatch(/^Update log4j-core from [\d.]+ to 2\.17\.1 or later; that version fixes CVE-/);
    expect(model.scripts).toEqual([]);
  });

  it('says when there is no automatable fix and gives the manual steps', async () => {
    const rows = engine.search({ displayName: 'x' } as never, { filter: { statuses: ['Unhealthy'], clouds: ['Azure'] }, limit: 400 }).items;
    let found = false;
    for (const row of rows.filter((r) => !r.software && !r.recommendationCategory).slice(0, 200)) {
      const h2 = remediateHarness(engine);
      const { replies } = await h2.say(`how do I fix ${row.displayName}`);
      const reply = replies[0];
      if (reply?.kind === 'card' && reply.card.template === 'remediation' && reply.card.model.scripts.length === 0) {
        expect(reply.card.model.summary).toBe('There is no automatable fix for this one: follow the steps below.');
        expect(reply.card.model.steps.length).toBeGreaterThan(0);
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
  });

  it('asks which one when a named fix is open on several resources, riskiest first, and a button picks one', async () => {
    const h = remediateHarness(engine);
    const { replies } = await h.say('how do I fix storage accounts should restrict network access using virtual network rules');
    const reply = replies[0];
    if (reply?.kind !== 'card' || reply.card.template !== 'choice') throw new Error(`expected a choice card, got ${JSON.stringify(reply).slice(0, 300)}`);
    const { choices, intro, more } = reply.card.model;
    const open = engine.count(SYSTEM_VIEWER, { recommendationText: 'Storage accounts should restrict network access using virtual network rules', statuses: ['Unhealthy'] });
    expect(intro).toContain(`is open on ${open} resources`);
    expect(choices).toHaveLength(Math.min(5, open));
    expect(more === '').toBe(open <= 5);
    const picked = choices[1];
    if (!picked) throw new Error('no second choice');
    const fixed = await h.press({ verb: picked.verb, ref: picked.ref });
    expect(card(fixed, 'remediation').subtitle).toContain(`On ${picked.title} (`);
  });

  it('takes the resource the words name among those with the recommendation', async () => {
    const h = remediateHarness(engine);
    const { replies } = await h.say('how do I fix storage accounts should restrict network access using virtual network rules on stportalprod01');
    expect(card(replies, 'remediation').subtitle).toContain('On stportalprod01 (');
  });

  it('the delegate button proposes a delegation to the owner (the delegate skill draft)', async () => {
    const h = remediateHarness(engine);
    const summary: SummaryView = card((await h.say('Summarize the SQL public network access one')).replies, 'summary');
    const button = summary.buttons.find((b) => b.verb === 'delegate')!;
    await expect(h.resolve({ verb: button.verb, ref: button.ref })).resolves.toEqual({ kind: 'action', action: { name: 'delegateToOwner', parameters: { ref: button.ref } } });
  });

  it('refuses a button ref this conversation was never shown', async () => {
    const h = remediateHarness(engine);
    await expect(h.press({ verb: 'remediate', ref: 'rAAAAAAAAAAAAAAA' })).rejects.toThrow(/recognise that button/);
  });
});
