// Prose from the model loses every sentence naming a resource-shaped thing the data does not hold.
import { namesIn, removeUngrounded } from '../../src/llmPlanner/grounding';

const known = new Set(['vm-quasar-07', 'kv-ørsted-01']);
const isKnown = (name: string) => known.has(name.toLowerCase());

describe('removeUngrounded', () => {
  it('removes sentences naming resources absent from the data and keeps the rest', () => {
    const result = removeUngrounded('Lateral movement spreads an attack. Your vm-payments-99 is exposed. Segment networks.\n\nAlso check sql-core.db2 now!', isKnown);
    expect(result.text).toBe('Lateral movement spreads an attack. Segment networks.');
    expect(result.removed).toEqual(['vm-payments-99', 'sql-core.db2']);
  });

  it('keeps names the data holds and general identifiers (CVE ids, protocols, versions)', () => {
    const text = 'Log4Shell is CVE-2021-44228 and needs Log4j 2.17.1 or later. TLS1.2 is the minimum. vm-quasar-07 is yours.';
    expect(removeUngrounded(text, isKnown)).toEqual({ text, removed: [] });
  });

  it('catches ARM ids and GUIDs', () => {
    expect(namesIn('See /subscriptions/abc/resourceGroups/rg1 and 7a1e0c2d-0000-4000-8000-00000000f1a0.')).toEqual(['/subscriptions/abc/resourceGroups/rg1', '7a1e0c2d-0000-4000-8000-00000000f1a0']);
    expect(removeUngrounded('Open /subscriptions/abc/resourceGroups/rg1 now. Done.', isKnown).text).toBe('Done.');
  });
});
