// From the planner's filter (user terms) to the engine's filter, with the defaults an analyst expects.
import type { PostureFilter } from '../../posture/engine';
import type { RiskLevel, Severity } from '../../posture/model';
import type { AnalyzeFilter } from './analyze';
import { dueDates, safeTimeZone, utcDateBounds } from '../../posture/history/calendar';
import { setOwnMember } from '../../collections/ownMember';

/** When and where the question is asked: "due this week" is read on the user's calendar. */
export interface AskedAt {
  now: number;
  /** IANA zone from the activity's clientInfo; UTC when unknown. */
  timeZone?: string | undefined;
}

export interface EffectiveFilter {
  filter: PostureFilter;
  /** Said to the user when the tenant has no risk data and risk terms were translated or dropped. */
  notes: string[];
}

/** Without risk data a risk level is read as severity; Defender rarely rates Critical severity, so Critical takes High too. */
export function severitiesForRiskLevels(levels: readonly RiskLevel[]): Severity[] {
  return [...new Set(levels.flatMap((level): Severity[] => (level === 'Critical' ? ['Critical', 'High'] : [level])))];
}

/** The fields toPostureFilter reads itself (the rest are copied as they are). */
const TRANSLATED_FIELDS: ReadonlySet<string> = new Set(['riskLevels', 'riskFactors', 'hasAttackPaths', 'severities', 'due']);

/**
 * Status defaults to Unhealthy. Without risk data (no Defender CSPM) a risk level is read as the same severity,
 * and risk factors cannot be judged, so they are dropped — both said plainly in `notes`.
 */
export function toPostureFilter(filter: AnalyzeFilter, hasRiskData: boolean, asked: AskedAt = { now: Date.now() }): EffectiveFilter {
  const notes: string[] = [];
  const { riskLevels, riskFactors, hasAttackPaths, severities, due } = filter;
  // The other fields as they are, in the filter's order: what `{ ...rest }` of a destructuring gives, without its
  // slow generic copy (~7k instructions a call, a loop ~1.6k).
  const copied: Record<string, unknown> = {};
  for (const key in filter) {
    if (TRANSLATED_FIELDS.has(key) || !Object.hasOwn(filter, key)) continue;
    // A stored "__proto__" key is a field as the spread copied it, never the prototype.
    setOwnMember(copied, key, filter[key as keyof AnalyzeFilter]);
  }
  const out = copied as PostureFilter;
  out.statuses = filter.statuses ?? ['Unhealthy'];
  if (due) Object.assign(out, utcDateBounds(dueDates(due, asked.now, safeTimeZone(asked.timeZone))));
  if (severities) out.severities = severities;
  if (hasRiskData) {
    if (riskLevels) out.riskLevels = riskLevels;
    if (riskFactors) out.riskFactors = riskFactors;
    if (hasAttackPaths !== undefined) out.hasAttackPaths = hasAttackPaths;
  } else {
    if (riskLevels) {
      const asSeverity = severitiesForRiskLevels(riskLevels);
      out.severities = severities ? severities.filter((s) => asSeverity.includes(s)) : asSeverity;
      notes.push(`No risk levels in this data, so "${riskLevels.join(' or ')} risk" is read as ${asSeverity.join(' or ')} severity.`);
    }
    if (riskFactors || hasAttackPaths) notes.push('Risk factors and attack paths need Defender CSPM, which this data does not have, so they were not applied.');
  }
  if (out.severities?.length === 0) delete out.severities;
  return { filter: out, notes };
}
