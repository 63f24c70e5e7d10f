import { assessment, engineOf, finding, governance, SUB_A, SUB_B } from '../../posture/store/records';
import type { AssessmentRecord, PostureRecord } from '../../../src/posture/model';
import type { RecommendationsView } from '../../../src/views/recommendationsView';
import type { SecureScoreView } from '../../../src/views/secureScoreView';
import type { DetailsView } from '../../../src/views/detailsView';
import type { BreakdownView } from '../../../src/views/breakdownView';
import { cardModel, skillHarness } from './skillHarness';
import { recommendationRef } from '../../../src/actions/contracts/shownRefs';
import { resolveTarget } from '../../../src/actions/contracts/target';
import type { ConversationMemory } from '../../../src/actions/registry';

const conversationOf = (memory: Map<string, unknown>): ConversationMemory => ({
  get: <T>(key: string) => memory.get(key) as T | undefined,
  set: (key: string, value: unknown) => void memory.set(key, value),
  delete: (key: string) => void memory.delete(key),
});

const NOW = Date.UTC(2026, 10, 21, 12);
const DAY = 86_400_000;

/** 25 unhealthy VM rows (5 Critical with internet exposure), 3 storage rows, one healthy row. */
function tenant(options: { risk?: boolean } = {}): PostureRecord[] {
  const risk = options.risk ?? true;
  const records: PostureRecord[] = [
    { kind: 'subscription', subscriptionId: SUB_A, displayName: 'Prod [click](https://evil.example)' },
    { kind: 'subscription', subscriptionId: SUB_B, displayName: 'Dev' },
  ];
  for (let i = 0; i < 25; i++) {
    const critical = i < 5;
    const row: AssessmentRecord = assessment({
      key: `k-${i % 3}`,
      displayName: `VM rule ${i % 3}`,
      resourceName: `vm-${String(i).padStart(2, '0')}`,
      severity: critical ? 'High' : i % 2 ? 'Medium' : 'Low',
      subscriptionId: i % 2 ? SUB_B : SUB_A,
      ...(risk ? { riskLevel: critical ? 'Critical' : 'Medium', riskFactors: critical ? ['internetExposure'] : [], attackPathIds: critical ? [`p${i}`] : [] } : {}),
    });
    records.push(row);
    if (i === 0) records.push(governance(row.id, { owner: 'alice@contoso.example', dueDate: NOW - 3 * DAY }));
  }
  for (let i = 0; i < 3; i++) {
    records.push(assessment({ key: 'k-st', displayName: 'Storage rule', resourceName: `st${i}`, resourceType: 'Microsoft.Storage/storageAccounts', severity: 'High' }));
  }
  const vulnerable = assessment({ key: 'k-vuln', displayName: 'Machines should have vulnerability findings resolved', resourceName: 'vm-vuln', severity: 'High' });
  records.push(vulnerable, finding(vulnerable.resourceId, 'k-vuln', { findingId: 'cve', severity: 'High', cves: ['CVE-2021-44228'], cvssScore: 10 }));
  records.push(assessment({ key: 'k-ok', resourceName: 'vm-ok', status: 'Healthy' }));
  return records;
}

const list = (reply: Parameters<typeof cardModel>[0]) => cardModel(reply, 'recommendations') as unknown as RecommendationsView;

describe('analyze: the recommendations list', () => {
  const engine = engineOf(tenant(), { now: NOW });

  it('lists the matches riskiest first, says the filters plainly, and pages by ten', async () => {
    const bot = skillHarness(engine);
    const reply = await bot.run('analyze', { filter: { riskLevels: ['Critical'], riskFactors: ['internetExposure'] } });
    const view = list(reply);
    expect(view.title).toBe('5 recommendations match');
    expect(view.filterSummary).toBe('Critical risk · Internet exposure · Unhealthy');
    expect(view.rows.map((r) => r.resourceName)).toEqual(['vm-00', 'vm-03', 'vm-01', 'vm-04', 'vm-02']); // ties: by recommendation name, then resource
    expect(view.rows[0]).toMatchObject({ riskLevel: 'Critical', riskFactors: 'Internet exposure', severity: 'High', position: 1 });
    expect(view.rows[0]?.governance).toMatch(/^alice · due\u00a0\d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\d{4} \(overdue\)$/);
    expect(view.hasMore).toBe(false);
  });

  it('defaults to unhealthy rows and offers refinements that fit the answer', async () => {
    const bot = skillHarness(engine);
    const reply = await bot.run('analyze', {});
    const view = list(reply);
    expect(view.title).toBe('29 recommendations match');
    expect(view.range).toBe('Rows 1–10 of 29, riskiest first');
    expect(view.hasMore).toBe(true);
    expect(reply.suggestions).toEqual(expect.arrayContaining(['Just the virtual machines', 'Only critical risk', 'Only overdue ones']));
    expect(reply.suggestions!.length).toBeLessThanOrEqual(4);
  });

  it('names the top resource type from the grouping its own search counted (the filter compiled once)', async () => {
    const calls: string[] = [];
    const counting = { ...engine, search: (...a: Parameters<typeof engine.search>) => (calls.push(`search ${a[1].groupBy ?? '-'}`), engine.search(...a)), group: (...a: Parameters<typeof engine.group>) => (calls.push(`group ${a[2]}`), engine.group(...a)) };
    const reply = await skillHarness(counting).run('analyze', {});
    expect(reply.suggestions).toContain('Just the virtual machines');
    expect(calls).toEqual(['search resourceType']);
    // A question that names types asks for no grouping and offers no type.
    calls.length = 0;
    const typed = await skillHarness(counting).run('analyze', { filter: { resourceTypes: ['Microsoft.Storage/storageAccounts'] } });
    expect(calls).toEqual(['search -']);
    expect(typed.suggestions?.some((s) => s.startsWith('Just the'))).toBe(false);
  });

  it('shows the next page, then says when there is no more', async () => {
    const bot = skillHarness(engine);
    await bot.run('analyze', {});
    const second = list(await bot.run('showMore'));
    expect(second.rows.map((r) => r.position)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const third = list(await bot.run('showMore'));
    expect(third.rows.map((r) => r.position)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(third.hasMore).toBe(false);
    expect(await bot.run('showMore')).toMatchObject({ kind: 'text', text: expect.stringContaining('29 rows') });
  });

  it('pages absolutely: a Show more button shows its page once, on any of the last five lists', async () => {
    const bot = skillHarness(engine);
    const first = list(await bot.run('analyze', {}));
    expect(first.moreRef).toMatch(/^[a-z0-9]{6,16}_10$/);
    const second = list(await bot.run('showMorePage', { page: first.moreRef }));
    expect(second.range).toBe('Rows 11–20 of 29, riskiest first');
    // The page a click brought says so in its title: the click itself leaves no message in the chat.
    expect(second.title).toBe('Rows 11–20 of the 29 matching recommendations');
    expect(first.title).toBe('29 recommendations match');
    // The same button again (a double click): the page is said to be above, not shown twice.
    expect(await bot.run('showMorePage', { page: first.moreRef })).toEqual({ kind: 'text', text: 'Rows 11–20 are already shown above.' });
    // Three newer lists later, the second page's button still pages its own list, which becomes the active one.
    for (const severity of ['Low', 'Medium', 'High'] as const) await bot.run('analyze', { filter: { severities: [severity] } });
    const third = list(await bot.run('showMorePage', { page: second.moreRef }));
    expect(third.range).toBe('Rows 21–29 of 29, riskiest first');
    expect(third.filterSummary).toBe(first.filterSummary);
    const far = cardModel(await bot.run('details', { ordinal: 12 }), 'details') as unknown as DetailsView;
    expect(far.title).toBe(second.rows[1]!.recommendation);
    // Opened from a list, the card says which row of which list it is.
    expect(far.origin).toBe(`Row 12 of 29 · ${first.filterSummary}`);
  });

  it('refuses a Show more button whose list is more than five lists back, and tampered pages', async () => {
    const bot = skillHarness(engine);
    const first = list(await bot.run('analyze', {}));
    for (let i = 0; i < 5; i += 1) await bot.run('analyze', { filter: { severities: ['Low'] } });
    await expect(bot.run('showMorePage', { page: first.moreRef })).rejects.toMatchObject({ code: 'STALE_ACTION', userMessage: expect.stringContaining('too old') });
    const latest = list(await bot.run('analyze', {}));
    await expect(bot.run('showMorePage', { page: latest.moreRef.replace(/_10$/, '_20') })).rejects.toMatchObject({ code: 'STALE_ACTION', userMessage: expect.stringContaining("don't recognise") });
    await expect(bot.run('showMorePage', { page: '../../etc' })).rejects.toMatchObject({ code: 'INVALID_ACTION' });
  });

  it('judges "high severity vulnerabilities" by the findings, on the recommendation they belong to', async () => {
    const bot = skillHarness(engine);
    const view = list(await bot.run('analyze', { filter: { findingSeverities: ['High'] } }));
    expect(view.rows.map((r) => r.resourceName)).toEqual(['vm-vuln']);
    expect(view.filterSummary).toBe('High severity vulnerabilities · Unhealthy');
  });

  it('says so when nothing matches', async () => {
    const bot = skillHarness(engine);
    const reply = await bot.run('analyze', { filter: { owners: ['nobody@example.com'] } });
    expect(list(reply)).toMatchObject({ title: 'No matching recommendations', rows: [], hasMore: false, emptyText: expect.stringContaining('Nothing') });
    expect(reply.suggestions).toEqual([]);
  });
});

describe('analyze: follow-ups on the active list', () => {
  const engine = engineOf(tenant(), { now: NOW });

  it('narrows, widens and clears fields of the current filter', async () => {
    const bot = skillHarness(engine);
    await bot.run('analyze', { filter: { riskLevels: ['Critical'] } });
    expect(list(await bot.run('refine', { add: { riskLevels: ['Medium'] } })).filterSummary).toBe('Critical or Medium risk · Unhealthy');
    expect(list(await bot.run('refine', { set: { resourceTypes: ['microsoft.storage/storageaccounts'] } })).filterSummary).toBe(
      'Critical or Medium risk · Storage accounts · Unhealthy',
    );
    expect(list(await bot.run('refine', { clear: ['riskLevels'] })).title).toBe('3 recommendations match');
  });

  it('opens details by position, including rows not shown yet', async () => {
    const bot = skillHarness(engine);
    await bot.run('analyze', {});
    const first = cardModel(await bot.run('details', { ordinal: 1 }), 'details') as unknown as DetailsView;
    expect(first.title).toBe('VM rule 0');
    expect(first.resource).toEqual(expect.arrayContaining([{ label: 'Name', value: 'vm-00' }]));
    expect(first.governance).toEqual(expect.arrayContaining([{ label: 'Owner', value: 'alice@contoso.example' }, { label: 'State', value: 'Overdue' }]));
    const far = cardModel(await bot.run('details', { ordinal: 25 }), 'details') as unknown as DetailsView;
    expect(far.title).toMatch(/rule/);
    await expect(bot.run('details', { ordinal: 30 })).rejects.toMatchObject({ code: 'NOT_FOUND', userMessage: expect.stringContaining('29 rows') });
  });

  it('opens details from a card button, also three lists later, and refuses tampered refs', async () => {
    const bot = skillHarness(engine);
    const view = list(await bot.run('analyze', { filter: { findingSeverities: ['High'] } }));
    const ref = view.rows[0]!.detailsRef;
    // The ref names the recommendation, not a position, and nothing internal.
    expect(ref).toMatch(/^r[A-Za-z0-9_-]{15}$/);
    const details = cardModel(await bot.run('details', { ref }), 'details') as unknown as DetailsView;
    expect(details.findings).toEqual([expect.objectContaining({ severity: 'High', facts: 'CVE-2021-44228 · CVSS 10' })]);
    for (const severity of ['Low', 'Medium', 'High'] as const) await bot.run('analyze', { filter: { severities: [severity] } });
    expect(details.origin).toBe('Row 1 of 1 · High severity vulnerabilities · Unhealthy');
    // The same card, opened while another list is the active one, says where the row stands in that list.
    expect(cardModel(await bot.run('details', { ref }), 'details')).toEqual({ ...details, origin: expect.stringMatching(/^Row \d+ of 9 · High severity · Unhealthy$/) });
    await expect(bot.run('details', { ref: `${ref.slice(0, -1)}${ref.endsWith('A') ? 'B' : 'A'}` })).rejects.toMatchObject({
      code: 'STALE_ACTION',
      userMessage: "I don't recognise that button. Ask again for a fresh list and open the recommendation from it.",
    });
    await expect(bot.run('details', { ref: 'a b' })).rejects.toMatchObject({ code: 'INVALID_ACTION' });
  });

  it('refuses a ref this conversation was never shown, even one of a real recommendation', async () => {
    const shown = skillHarness(engine);
    const ref = list(await shown.run('analyze', {})).rows[0]!.detailsRef;
    const other = skillHarness(engine);
    await other.run('analyze', { filter: { severities: ['Low'] } });
    await expect(other.run('details', { ref })).rejects.toMatchObject({ code: 'STALE_ACTION' });
  });

  it('remembers the rows by their card refs, not their ids, and opens them by position on another process and after a reload', async () => {
    const bot = skillHarness(engine);
    const reply = await bot.run('analyze', {});
    const ids = reply.kind === 'card' ? reply.recommendationIds! : [];
    const stored = bot.memory.get('activeList') as { refs: string[] };
    expect(stored.refs).toEqual(list(reply).rows.map((r) => r.detailsRef));
    expect(JSON.stringify(stored)).not.toContain('/subscriptions/');
    const second = cardModel(await bot.run('details', { ordinal: 2 }), 'details') as unknown as DetailsView;
    expect(second.origin).toMatch(/^Row 2 of 29 · /);
    // Another process reading the same state, on data reloaded since: the same row, or a plain "gone" once it left.
    const elsewhere = skillHarness(engine);
    for (const [key, value] of bot.memory) elsewhere.memory.set(key, JSON.parse(JSON.stringify(value)));
    expect(cardModel(await elsewhere.run('details', { ordinal: 2 }), 'details')).toEqual(second);
    const reloaded = skillHarness(engineOf(tenant().filter((r) => r.kind !== 'assessment' || r.id !== ids[2]), { now: NOW }));
    for (const [key, value] of bot.memory) reloaded.memory.set(key, JSON.parse(JSON.stringify(value)));
    await expect(reloaded.run('details', { ordinal: 3 })).rejects.toMatchObject({ code: 'STALE_ACTION', userMessage: 'That recommendation is no longer in the data. Ask again for a fresh list.' });
  });

  it('reads a list an earlier version stored with the assessment ids themselves', async () => {
    const bot = skillHarness(engine);
    const reply = await bot.run('analyze', {});
    const ids = reply.kind === 'card' ? reply.recommendationIds! : [];
    const byRef = cardModel(await bot.run('details', { ordinal: 3 }), 'details');
    bot.memory.set('activeList', { ...(bot.memory.get('activeList') as object), refs: ids, selectedRef: undefined });
    bot.memory.delete('shownRefs');
    expect(cardModel(await bot.run('details', { ordinal: 3 }), 'details')).toEqual(byRef);
    // Show more appends this version's refs after the old ids: both kinds resolve.
    await bot.run('showMore');
    expect((bot.memory.get('activeList') as { refs: string[] }).refs.slice(0, 10)).toEqual(ids);
    const eleventh = cardModel(await bot.run('details', { ordinal: 11 }), 'details') as unknown as DetailsView;
    expect(eleventh.origin).toMatch(/^Row 11 of 29 · /);
  });

  it('finds a row whose ref was forgotten again at its position, but never a different row in its place', async () => {
    const bot = skillHarness(engine);
    const reply = await bot.run('analyze', {});
    const ids = reply.kind === 'card' ? reply.recommendationIds! : [];
    const second = cardModel(await bot.run('details', { ordinal: 2 }), 'details');
    bot.memory.set('activeList', { ...(bot.memory.get('activeList') as object), selectedRef: undefined });
    bot.memory.delete('shownRefs');
    expect(cardModel(await bot.run('details', { ordinal: 2 }), 'details')).toEqual(second);
    // Reloaded without the first row: row 2 is now another recommendation, never opened in its place. The one shown
    // as row 2 moved up to position 1 but is still in the data: it is found there (as an id stored by an earlier
    // version found it), not said to be gone.
    const reloaded = skillHarness(engineOf(tenant().filter((r) => r.kind !== 'assessment' || r.id !== ids[0]), { now: NOW }));
    for (const [key, value] of bot.memory) reloaded.memory.set(key, JSON.parse(JSON.stringify(value)));
    reloaded.memory.delete('shownRefs');
    cardModel(await reloaded.run('details', { ordinal: 2 }), 'details');
    expect(reloaded.replies.at(-1)).toMatchObject({ recommendationIds: [ids[1]] });
    // Reloaded without the row shown as 2 itself: gone, and said so.
    const without = skillHarness(engineOf(tenant().filter((r) => r.kind !== 'assessment' || r.id !== ids[1]), { now: NOW }));
    for (const [key, value] of bot.memory) without.memory.set(key, JSON.parse(JSON.stringify(value)));
    without.memory.delete('shownRefs');
    await expect(without.run('details', { ordinal: 2 })).rejects.toMatchObject({ code: 'STALE_ACTION', userMessage: 'That recommendation is no longer in the data. Ask again for a fresh list.' });
  });

  it('never misreads an assessment id shaped like a card ref, in a list taken up again from an older card', async () => {
    // The data names its rows freely (a verbatim id of any shape). One id looks like a card ref; another is exactly
    // the card ref of a third row (a hostile export): each must open itself, never the row whose ref it spells.
    const plain = assessment({ key: 'k-plain', resourceName: 'vm-plain', severity: 'High', riskLevel: 'Critical' });
    const records = [
      plain,
      assessment({ key: 'k-look', resourceName: 'vm-look', severity: 'High', riskLevel: 'Critical', id: 'rLooksLikeARef01' }),
      assessment({ key: 'k-spell', resourceName: 'vm-spell', severity: 'High', riskLevel: 'Critical', id: recommendationRef(plain.id) }),
      ...Array.from({ length: 12 }, (_, i) => assessment({ key: `k-m${i}`, resourceName: `vm-m${String(i).padStart(2, '0')}`, severity: 'Medium', riskLevel: 'Medium' })),
    ];
    const bot = skillHarness(engineOf(records, { now: NOW }));
    const first = list(await bot.run('analyze', {}));
    const ids = (bot.replies.at(-1) as { recommendationIds: string[] }).recommendationIds;
    const at = (id: string) => ids.indexOf(id) + 1;
    expect([at(plain.id), at('rLooksLikeARef01'), at(recommendationRef(plain.id))].every((n) => n >= 1)).toBe(true);
    // On the list as shown, the row whose id spells another's ref says its own row number.
    const spelled = cardModel(await bot.run('details', { ordinal: at(recommendationRef(plain.id)) }), 'details') as unknown as DetailsView;
    expect(spelled.origin).toMatch(new RegExp(`^Row ${at(recommendationRef(plain.id))} of 15 · `));
    // Another list, then the first one's Show more: its first page is fetched again and kept by id.
    await bot.run('analyze', { filter: { severities: ['Low'] } });
    await bot.run('showMorePage', { page: first.moreRef });
    for (const id of ['rLooksLikeARef01', recommendationRef(plain.id), plain.id]) {
      const opened = await bot.run('details', { ordinal: at(id) });
      expect(opened).toMatchObject({ recommendationIds: [id] });
      expect((cardModel(opened, 'details') as unknown as DetailsView).origin).toMatch(new RegExp(`^Row ${at(id)} of 15 · `));
      expect(resolveTarget({ conversation: conversationOf(bot.memory) }, { ordinal: at(id) })).toEqual({ ok: true, assessmentId: id });
    }
  });

  it('treats malformed conversation state as no list', async () => {
    const bot = skillHarness(engine);
    bot.memory.set('activeList', { listId: 'x', refs: 'nope' });
    await expect(bot.run('showMore')).rejects.toMatchObject({ code: 'STALE_ACTION' });
  });
});

describe('analyze: counts and breakdowns', () => {
  const engine = engineOf(tenant(), { now: NOW });

  it('answers "how many" in one plain sentence, without links from the data', async () => {
    const bot = skillHarness(engine);
    const reply = await bot.run('analyze', { view: 'count', filter: { subscriptions: [SUB_A] } });
    expect(reply).toMatchObject({ kind: 'text' });
    const text = reply.kind === 'text' ? reply.text : '';
    // Plain text: no markup to escape, and a link in a name from the data is dropped (its label stays).
    expect(text).toBe('17 recommendations match: Subscription Prod click · Unhealthy.');
    expect(reply.suggestions).toEqual(['Show them', 'Break them down by subscription']);
  });

  it('breaks down by a dimension with shares', async () => {
    const bot = skillHarness(engine);
    const view = cardModel(await bot.run('analyze', { view: 'breakdown', groupBy: 'severity' }), 'breakdown') as unknown as BreakdownView;
    expect(view.title).toBe('By severity');
    expect(view.rows.map((r) => [r.label, r.count])).toEqual([
      ['High', '9'],
      ['Medium', '10'],
      ['Low', '10'],
    ]);
    expect(view.total).toBe('29 recommendations in all');
  });

  it('turns a count into the list with "show them" (refine to list view)', async () => {
    const bot = skillHarness(engine);
    await bot.run('analyze', { view: 'count', filter: { severities: ['High'] } });
    expect(list(await bot.run('refine', { view: 'list' })).title).toBe('9 recommendations match');
  });
});

describe('analyze: a tenant without Defender CSPM', () => {
  const engine = engineOf(tenant({ risk: false }), { now: NOW });

  it('ranks by severity, labels it, and reads a risk level as the same severity', async () => {
    const bot = skillHarness(engine);
    const view = list(await bot.run('analyze', { filter: { riskLevels: ['High'], riskFactors: ['internetExposure'] } }));
    expect(view.rankingNote).toContain('Risk prioritization needs Defender CSPM');
    expect(view.rankingNote).toContain('read as High severity');
    expect(view.rankingNote).toContain('were not applied');
    expect(view.filterSummary.startsWith('High severity')).toBe(true);
    const critical = list(await bot.run('analyze', { filter: { riskLevels: ['Critical'] } }));
    expect(critical.filterSummary).toBe('Critical or High severity · Unhealthy');
    expect(critical.rankingNote).toContain('"Critical risk" is read as Critical or High severity');
    expect(critical.title).toBe('9 recommendations match');
    expect(view.rows[0]).toMatchObject({ riskLevel: '', riskFactors: '', severity: 'High' });
    expect(view.range).toContain('most severe first');
  });
});

describe('secure score and out of scope', () => {
  it('says when the data has no secure score', async () => {
    const bot = skillHarness(engineOf(tenant(), { now: NOW }));
    expect(await bot.run('secureScore')).toMatchObject({ kind: 'text', text: expect.stringContaining('no secure score') });
  });

  it('reports the score from the data', async () => {
    const records = [...tenant(), { kind: 'secureScore' as const, id: 's1', subscriptionId: SUB_A, current: 30, max: 60, percentage: 0.5 }];
    const bot = skillHarness(engineOf(records, { now: NOW }));
    const card = cardModel(await bot.run('secureScore'), 'secureScore') as unknown as SecureScoreView;
    expect(card).toMatchObject({ percentage: '50%', points: '30 of 60 points', subscriptionsTitle: '', subscriptions: [] });
  });

  it('declines politely and says what it can do', async () => {
    const bot = skillHarness(engineOf(tenant(), { now: NOW }));
    const reply = await bot.run('outOfScope', { reason: 'dumpAll' });
    expect(reply).toMatchObject({ kind: 'text', text: expect.stringMatching(/^Sorry, I can't assist with that.*I can list/) });
  });
});
