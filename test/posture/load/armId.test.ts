// parseArmId finds segment bounds without building a string per segment: it must answer exactly as the plain
// version (split into non-empty segments, compare lower-cased words) for every id, odd ones included.
import { parseArmId, type ArmIdParts } from '../../../src/posture/load/armId';

/** The previous implementation, kept as the oracle. */
function referenceParse(id: string): ArmIdParts {
  const segments = id.split('/').filter((segment) => segment.length > 0);
  const isWord = (segment: string | undefined, word: string): boolean => segment !== undefined && segment.length === word.length && segment.toLowerCase() === word;
  const parts: ArmIdParts = { name: segments[segments.length - 1] ?? id };
  if (!id.startsWith('/')) return parts;
  let i = 0;
  if (isWord(segments[i], 'subscriptions') && segments[i + 1]) {
    parts.subscriptionId = segments[i + 1];
    i += 2;
    if (isWord(segments[i], 'resourcegroups') && segments[i + 1]) {
      parts.resourceGroup = segments[i + 1];
      i += 2;
    }
  }
  let lastProvider = -1;
  for (let j = i; j < segments.length; j++) if (isWord(segments[j], 'providers')) lastProvider = j;
  if (lastProvider >= 0 && segments[lastProvider + 1]) {
    const namespace = segments[lastProvider + 1] as string;
    const typeSegments: string[] = [];
    for (let j = lastProvider + 2; j < segments.length; j += 2) typeSegments.push(segments[j] as string);
    parts.type = typeSegments.length > 0 ? `${namespace}/${typeSegments.join('/')}` : undefined;
  } else if (parts.subscriptionId) {
    parts.type = parts.resourceGroup ? 'Microsoft.Resources/resourceGroups' : 'Microsoft.Resources/subscriptions';
  }
  return parts;
}

const FIXED = [
  '',
  '/',
  '//',
  'plain-name',
  'arn:aws:s3:::bucket/key',
  '/subscriptions',
  '/subscriptions/',
  '/subscriptions/s1',
  '/SUBSCRIPTIONS/s1/RESOURCEGROUPS/rg1',
  '/subscriptions/s1/resourceGroups',
  '/subscriptions/s1/resourceGroups/rg1/providers',
  '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Web',
  '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Web/sites/app1',
  '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Sql/servers/sql1/databases/db1',
  '//subscriptions//s1///resourceGroups/rg1//providers/Microsoft.Web/sites/app1/',
  '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.Security/assessments/k1',
  '/providers/Microsoft.Management/managementGroups/mg1',
  '/subscriptions/s1/resourceGroups/rg-données/providers/Microsoft.Storage/storageAccounts/données',
  '/subscriptions/s1/resourceGroups/rg1/provİders/Microsoft.Web/sites/app1',
  '/subscriptions/s1/resourceGroups/rg1/PROVIDERS/Microsoft.Web/sites/app1/providers/Microsoft.Insights/diagnosticSettings/d1',
  `/subscriptions/s1/${Array.from({ length: 80 }, (_, i) => `x${i}`).join('/')}`,
];

const WORDS = ['subscriptions', 'SubScriptions', 'resourceGroups', 'RESOURCEGROUPS', 'providers', 'Providers', 'provİders', 's1', 'rg', 'Microsoft.Web', 'sites', 'app', 'données', '', 'x'];

describe('parseArmId', () => {
  it.each(FIXED)('answers as the plain split for %p', (id) => {
    expect(parseArmId(id)).toEqual(referenceParse(id));
  });

  it('answers as the plain split for generated ids', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let n = 0; n < 3000; n++) {
      const count = next(14);
      const parts = Array.from({ length: count }, () => WORDS[next(WORDS.length)] as string);
      const id = `${next(4) === 0 ? '' : '/'}${parts.join(next(5) === 0 ? '//' : '/')}${next(6) === 0 ? '/' : ''}`;
      expect(parseArmId(id)).toEqual(referenceParse(id));
    }
  });

  it('answers each id, repeated or not, as the plain split (the last answer is reused only for the same id)', () => {
    // Same length and the same prefix, differing in the last character: a reuse keyed on anything less than the
    // whole id would answer the second with the first's parts.
    const a = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/app1';
    const b = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/app2';
    const sequence = [a, a, b, `${a.slice(0, 10)}${a.slice(10)}`, b, b, 'x', a];
    for (const id of sequence) expect(parseArmId(id)).toEqual(referenceParse(id));
    expect(parseArmId(a)).toBe(parseArmId(`${a.slice(0, 5)}${a.slice(5)}`));
  });
});
