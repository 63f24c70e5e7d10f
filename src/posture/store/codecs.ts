// Enum <-> small integer codes for the Uint8 columns. Severity and risk codes double as ranks (higher = worse),
// with 0 meaning "no risk level" so tenants without Defender CSPM sort by severity alone.
import { CATEGORIES, CLOUDS, GOVERNANCE_STATES, RISK_FACTORS, RISK_LEVELS, SEVERITIES, STATUS_CODES } from '../model';
import type { Category, Cloud, GovernanceState, RiskFactor, RiskLevel, Severity, StatusCode } from '../model';

export const statusCode = (status: StatusCode): number => Math.max(0, STATUS_CODES.indexOf(status));
export const statusOf = (code: number): StatusCode => STATUS_CODES[code] ?? 'Unhealthy';
export const UNHEALTHY = statusCode('Unhealthy');

/** 1 (Low) .. 4 (Critical). */
export const severityCode = (severity: Severity): number => Math.max(0, SEVERITIES.indexOf(severity)) + 1;
export const severityOf = (code: number): Severity => SEVERITIES[code - 1] ?? 'Low';

/** 0 = none, 1 (Low) .. 4 (Critical). */
export const riskCode = (risk: RiskLevel | undefined): number => (risk === undefined ? 0 : RISK_LEVELS.indexOf(risk) + 1);
export const riskOf = (code: number): RiskLevel | undefined => (code === 0 ? undefined : RISK_LEVELS[code - 1]);

export const cloudCode = (cloud: Cloud): number => Math.max(0, CLOUDS.indexOf(cloud));
export const cloudOf = (code: number): Cloud => CLOUDS[code] ?? 'Other';

export const governanceCode = (state: GovernanceState): number => GOVERNANCE_STATES.indexOf(state);
export const governanceOf = (code: number): GovernanceState => GOVERNANCE_STATES[code] ?? 'unassigned';

export function maskOf<T>(all: readonly T[], values: readonly T[], offset = 0): number {
  let mask = 0;
  for (const value of values) {
    const index = all.indexOf(value);
    if (index >= 0) mask |= 1 << (index + offset);
  }
  return mask;
}

export function valuesOf<T>(all: readonly T[], mask: number): T[] {
  // A plain loop over the set bits only: called twice for every row of every page (toRow).
  const out: T[] = [];
  for (let index = 0; mask >>> index !== 0 && index < all.length; index++) if (mask & (1 << index)) out.push(all[index] as T);
  return out;
}

export const riskFactorMask = (factors: readonly RiskFactor[]): number => maskOf(RISK_FACTORS, factors);
export const riskFactorsOf = (mask: number): RiskFactor[] => valuesOf(RISK_FACTORS, mask);
export const categoryMask = (categories: readonly Category[]): number => maskOf(CATEGORIES, categories);
export const categoriesOf = (mask: number): Category[] => valuesOf(CATEGORIES, mask);
/** Bit (severity code) set per severity, matching severityCode. */
export const severityMask = (severities: readonly Severity[]): number => maskOf(SEVERITIES, severities, 1);
