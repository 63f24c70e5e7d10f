// Members are matched whatever their case at every level. The normalizers read the usual spelling by name first
// (orAnyCase) and fall back to a scan for any other: each row here, with every member name re-spelled, must normalize
// exactly as it does spelled as usual, and a wrong value must be refused naming the same field.
import { createCatalog } from '../../../src/posture/catalog/catalog';
import { createRowNormalizer } from '../../../src/posture/load/normalizeRow';
import { attackPathRow, awsAssessment, azureAssessment, gcpAssessment, governanceRow, mixedRows, resourceRow, subAssessmentRow, subscriptionRow } from './rowFixtures';

const normalize = createRowNormalizer({ catalog: createCatalog() });
const outcome = (row: unknown): unknown => {
  try {
    return normalize(row);
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
};

type Spelling = (name: string) => string;
const spellings: Record<string, Spelling> = {
  upper: (name) => name.toUpperCase(),
  lower: (name) => name.toLowerCase(),
  swapped: (name) => [...name].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
};

/** The row with every member name re-spelled, at every level, except a resource's tag names (data, not members). */
function respell(value: unknown, spell: Spelling): unknown {
  if (Array.isArray(value)) return value.map((item) => respell(item, spell));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) out[spell(name)] = name.toLowerCase() === 'tags' ? member : respell(member, spell);
  return out;
}

/** The row with the member at `path` (matched in any case) set to `value`. */
function withMember(row: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(row);
  let at: Record<string, unknown> = copy;
  for (const segment of path.slice(0, -1)) {
    const name = Object.keys(at).find((key) => key.toLowerCase() === segment.toLowerCase()) ?? segment;
    at[name] ??= {};
    at = at[name] as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  at[Object.keys(at).find((key) => key.toLowerCase() === last.toLowerCase()) ?? last] = value;
  return copy;
}

const rows: Record<string, () => Record<string, unknown>> = {
  azureAssessment: () => azureAssessment(),
  awsAssessment,
  gcpAssessment,
  governanceRow,
  subAssessmentRow,
  attackPathRow,
  subscriptionRow,
  resourceRow,
  iacAssessment: () =>
    azureAssessment({
      properties: {
        ...(azureAssessment().properties as Record<string, unknown>),
        metadata: { severity: 'Low', recommendationCategory: 'IacVulnerabilities', description: 'd', remediationDescription: 'r', preview: 'true', userImpact: 'Low' },
        additionalData: { ruleId: ' R-1 ', cvesDetails: '[{"cveId":"CVE-2024-0001","severity":"High"}]' },
        status: { code: 'Unhealthy', cause: 'c', description: 'why' },
        links: { azurePortalUri: 'https://portal' },
      },
    }),
};

describe('member spelling', () => {
  for (const [name, make] of Object.entries(rows)) {
    for (const [spellingName, spell] of Object.entries(spellings)) {
      it(`${name}, member names ${spellingName}: normalized as spelled as usual`, () => {
        const usual = outcome(make());
        expect(typeof usual === 'object').toBe(true);
        expect(outcome(respell(make(), spell))).toEqual(usual);
      });
    }
  }

  it('the demo mix normalizes the same with every member name upper-cased', () => {
    for (const row of mixedRows()) expect(outcome(respell(row, spellings.upper as Spelling))).toEqual(outcome(row));
  });

  const wrong: Array<[string, () => Record<string, unknown>, string[], unknown, string]> = [
    ['assessment status cause', () => azureAssessment(), ['properties', 'status', 'cause'], { a: 1 }, 'status.cause: expected text'],
    ['assessment first evaluation', () => azureAssessment(), ['properties', 'status', 'firstEvaluationDate'], 'soon', 'status.firstEvaluationDate: "soon" is not a date'],
    ['assessment resource source', () => azureAssessment(), ['properties', 'resourceDetails', 'source'], [1], 'source: expected text'],
    ['assessment portal link', () => azureAssessment(), ['properties', 'links', 'azurePortal'], {}, 'links.azurePortal: expected text'],
    ['assessment preview', () => azureAssessment(), ['properties', 'metadata', 'preview'], 'maybe', 'preview: "maybe" is not true/false'],
    ['assessment resource group', () => azureAssessment(), ['resourceGroup'], { rg: 1 }, 'resourceGroup: expected text'],
    ['governance eta', () => governanceRow(), ['properties', 'remediationEta', 'eta'], 'later', 'remediationEta.eta: "later" is not a date'],
    ['governance ticket', () => governanceRow(), ['properties', 'additionalData', 'ticketLink'], [], 'additionalData.ticketLink: expected text'],
    ['governance grace period', () => governanceRow(), ['properties', 'isGracePeriod'], 3, 'isGracePeriod: 3 is not true/false'],
  ];
  for (const [what, make, path, value, message] of wrong) {
    it(`${what}: a wrong value is refused naming the field, in any spelling`, () => {
      expect(outcome(withMember(make(), path, value))).toContain(`refused: ${message}`);
      expect(outcome(respell(withMember(make(), path, value), spellings.upper as Spelling))).toContain(`refused: ${message}`);
    });
  }
});
