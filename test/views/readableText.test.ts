// The words cards and text answers use: no markup, no word that splits mid-token, one wording per state.
import { countText } from '../../src/skills/analyze/countText';
import { governanceText, rowGovernance, rowRiskFactors } from '../../src/skills/analyze/listView';
import { buildSecureScoreView } from '../../src/skills/analyze/secureScoreView';
import { clipText, displayDate, levelColor, ownerText, riskText, shortWords } from '../../src/views/postureLabels';

const DAY = 86_400_000;
const dec10 = Date.UTC(2026, 11, 10, 15, 30);

describe('readable text', () => {
  it('clips a list row line at a word boundary, keeps short text whole, and never cuts a surrogate pair', () => {
    expect(clipText('Storage accounts should restrict network access', 60)).toBe('Storage accounts should restrict network access');
    expect(clipText('Storage accounts should restrict network access', 30)).toBe('Storage accounts should…');
    expect(clipText(' · Virtual machine · Alderbrook Production', 24)).toBe(' · Virtual machine…');
    expect(clipText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    const clipped = clipText('🔥'.repeat(20), 8);
    expect([...clipped]).toHaveLength(8);
    expect(clipped.endsWith('…')).toBe(true);
  });

  it('writes dates that cannot split across lines', () => {
    expect(displayDate(dec10)).toBe('10\u00a0Dec\u00a02026');
    expect(displayDate(Date.UTC(2027, 0, 1))).toBe('1\u00a0Jan\u00a02027');
    expect(displayDate(dec10)).not.toMatch(/[ \t\n-]/);
  });

  it('cuts only words longer than the limit, in the middle, keeping both ends', () => {
    expect(shortWords('jumpbox-01 · Virtual machine')).toBe('jumpbox-01 · Virtual machine');
    const long = 'stalderbrookanalyticsdatalakeprod0001';
    const cut = shortWords(`${long} in rg`, 20);
    expect(cut).toBe('stalderbrook…prod0001 in rg'.replace('stalderbrook…prod0001', `${long.slice(0, 10)}…${long.slice(-9)}`));
    expect([...cut.split(' ')[0]!].length).toBe(20);
    expect(shortWords('ééééééééééééééééééééééééé', 10)).toBe('ééééé…éééé');
    expect(() => shortWords('x', 3)).toThrow(RangeError);
  });

  it('has one wording for no owner and says no risk only when there is a level', () => {
    expect(ownerText(undefined)).toBe('Unassigned');
    expect(ownerText('  ')).toBe('Unassigned');
    expect(governanceText({ owner: undefined, dueDate: undefined, governance: 'unassigned' })).toBe('Unassigned');
    expect(governanceText({ owner: undefined, dueDate: dec10, governance: 'onTime' })).toBe('Unassigned · due\u00a010\u00a0Dec\u00a02026');
    expect(governanceText({ owner: 'ada@contoso.example', dueDate: dec10 - 40 * DAY, governance: 'overdue' })).toBe('ada@contoso.example · due\u00a031\u00a0Oct\u00a02026 (overdue)');
    expect(riskText(undefined)).toBe('');
    expect(riskText('High')).toBe('High risk');
    expect(levelColor('Critical')).toBe('Accent');
    expect(levelColor('Low')).toBe('Default');
  });

  it('keeps a list row to two lines: two risk factors named, the rest counted; owner and due only when set', () => {
    expect(rowRiskFactors([])).toBe('');
    expect(rowRiskFactors(['internetExposure'])).toBe('Internet exposure');
    expect(rowRiskFactors(['internetExposure', 'sensitiveData', 'lateralMovement', 'vulnerabilities'])).toBe('Internet exposure, Sensitive data +2\u00a0more');
    expect(rowGovernance({ owner: undefined, dueDate: undefined, governance: 'unassigned' })).toBe('');
    expect(rowGovernance({ owner: ' ', dueDate: undefined, governance: 'unassigned' })).toBe('');
    expect(rowGovernance({ owner: undefined, dueDate: dec10, governance: 'onTime' })).toBe('Unassigned · due\u00a010\u00a0Dec\u00a02026');
    expect(rowGovernance({ owner: 'ada@contoso.example', dueDate: dec10 - 40 * DAY, governance: 'overdue' })).toBe('ada · due\u00a031\u00a0Oct\u00a02026 (overdue)');
    expect(rowGovernance({ owner: 'a-very-long-mailbox-name-for-the-tests@contoso.example', dueDate: undefined, governance: 'onTime' })).toMatch(/^a-very-long-…r-the-tests$/);
    expect(rowGovernance({ owner: 'Platform team', dueDate: undefined, governance: 'onTime' })).toBe('Platform team');
    expect(rowGovernance({ owner: 'ada@contoso.example', dueDate: dec10, governance: 'completed' })).toBe('Completed');
  });

  it('answers a count in one plain sentence', () => {
    const text = countText(17, 'Critical risk · Overdue · Unhealthy', ['Read "critical" as a risk level.']);
    expect(text).toBe('17 recommendations match: Critical risk · Overdue · Unhealthy. Read "critical" as a risk level.');
    expect(countText(1, 'Unhealthy', [])).toBe('1 recommendation matches: Unhealthy.');
    expect(text).not.toMatch(/[*_`\n]/);
  });

  it('puts the secure score on a card with each subscription and the biggest gains', () => {
    const view = buildSecureScoreView({
      current: 79.73,
      max: 245,
      percentage: 0.3254,
      subscriptions: [
        { subscriptionId: 'a', subscriptionName: 'Production', current: 11, max: 55, percentage: 0.2 },
        { subscriptionId: 'b', current: 17.8, max: 55, percentage: 0.3236 },
      ],
      controls: [
        { displayName: 'Enable MFA', current: 0, max: 30, unhealthyResourceCount: 3 },
        { displayName: 'Healthy control', current: 5, max: 5 },
        { displayName: 'Secure management ports', current: 0.8, max: 20, unhealthyResourceCount: 1 },
      ],
    });
    expect(view).toEqual({
      title: 'Secure score',
      percentage: '33%',
      points: '79.7 of 245 points',
      subscriptionsTitle: 'By subscription',
      subscriptions: [
        { label: 'Production', value: '20% (11 of 55)' },
        { label: 'b', value: '32% (17.8 of 55)' },
      ],
      gainsTitle: 'Most points to gain',
      gains: [
        { label: 'Enable MFA', value: '30 points · 3 unhealthy resources' },
        { label: 'Secure management ports', value: '19.2 points · 1 unhealthy resource' },
      ],
    });
  });
});
