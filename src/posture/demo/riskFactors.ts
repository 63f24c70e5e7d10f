// Risk level and risk factor strings for unhealthy assessments. Defender does not document the factor strings, so
// the demo spells each factor at least two ways: the bot must match them loosely.
import type { Prng } from './prng';
import type { RiskProfile } from './resources';

export const FACTOR_SPELLINGS = {
  internetExposure: ['Internet exposure', 'Internet exposed', 'Exposed to the internet'],
  sensitiveData: ['Sensitive data', 'Data sensitivity'],
  lateralMovement: ['Lateral movement', 'Lateral Movement potential'],
  criticalResource: ['Critical resource', 'Critical Resource'],
  vulnerabilities: ['Vulnerabilities', 'Vulnerable'],
} as const;

export type FactorId = keyof typeof FACTOR_SPELLINGS;
export type RiskLevelName = 'Critical' | 'High' | 'Medium' | 'Low';

export function factorsOf(profile: RiskProfile): FactorId[] {
  const out: FactorId[] = [];
  if (profile.exposed) out.push('internetExposure');
  if (profile.sensitive) out.push('sensitiveData');
  if (profile.lateral) out.push('lateralMovement');
  if (profile.critical) out.push('criticalResource');
  if (profile.vulnerable) out.push('vulnerabilities');
  return out;
}

/** The first spelling is the common one; the others turn up often enough to matter. */
export function spell(prng: Prng, factor: FactorId): string {
  const options = FACTOR_SPELLINGS[factor];
  return prng.chance(0.6) ? options[0] : prng.pick(options);
}

const SEVERITY_WEIGHT: Record<string, number> = { Low: 0, Medium: 1, High: 2, Critical: 3 };

/**
 * Risk is about the resource's context more than the recommendation's own severity: an internet-facing resource
 * with known vulnerabilities, or holding sensitive data, is Critical whatever else is true; otherwise severity and
 * factors add up.
 */
export function riskLevel(severity: string, profile: RiskProfile): RiskLevelName {
  const weight = SEVERITY_WEIGHT[severity] ?? 1;
  if (profile.exposed && (profile.vulnerable || profile.sensitive)) return 'Critical';
  const score = weight + (profile.exposed ? 2 : 0) + (profile.vulnerable ? 1 : 0) + (profile.sensitive ? 1 : 0)
    + (profile.lateral ? 1 : 0) + (profile.critical ? 1 : 0);
  if (score >= 6) return 'Critical';
  if (score >= 4) return 'High';
  if (score >= 2) return 'Medium';
  return 'Low';
}
