// Which of our rules a Defender IaC recommendation means: its scanner's rule id when the data carries one (Checkov,
// Template Analyzer, tfsec ids, the demo tenant's ids), else its title ("IaC: <check title>") matched against our
// rules' titles and mapped recommendations, word for word or by most shared words. A rule id we do not know whose
// title is not exactly one of our checks is a check we cannot fix: the answer says so instead of listing every check.
// The legacy repository-level recommendations (GitHub/Azure DevOps "repositories", GitLab "projects" ... should have
// infrastructure as code scanning findings resolved; Defender for Cloud's "transition from grouped to individual
// recommendations" page lists the three) mean every check.
import { IAC_RULES, ruleForExternalId } from './rules/catalog';
import type { IacRule } from './rules/ruleModel';

const LEGACY = /(repositories|projects) should have infrastructure as code scanning findings resolved/i;
const words = (text: string) => new Set(text.toLowerCase().replace(/^iac:\s*/, '').split(/[^a-z0-9.]+/).filter((w) => w.length > 2 && !['should', 'the', 'and', 'have', 'from', 'not'].includes(w)));

export type RecommendationTarget = { kind: 'rule'; rule: IacRule } | { kind: 'all' } | { kind: 'none' } | { kind: 'unsupported'; ruleId: string };

export function ruleForRecommendation(displayName: string, category: string | undefined, externalRuleId?: string): RecommendationTarget {
  if (LEGACY.test(displayName)) return { kind: 'all' };
  if (category !== 'IacVulnerabilities' && !/^iac:/i.test(displayName)) return { kind: 'none' };
  const byId = externalRuleId ? ruleForExternalId(externalRuleId) : undefined;
  if (byId) return { kind: 'rule', rule: byId };
  const title = displayName.replace(/^iac:\s*/i, '').trim().toLowerCase();
  const exact = IAC_RULES.find((r) => r.title.toLowerCase() === title || r.recommendation.toLowerCase() === title);
  if (exact) return { kind: 'rule', rule: exact };
  // A scanner id we do not know names some other check: only its exact title may still be ours, never a near one
  // ("Cosmos DB accounts should restrict network access" is not the storage check that shares most of its words).
  if (externalRuleId?.trim()) return { kind: 'unsupported', ruleId: externalRuleId.trim() };
  const asked = words(displayName);
  let best: { rule: IacRule; score: number } | undefined;
  for (const rule of IAC_RULES) {
    const mine = words(`${rule.title} ${rule.recommendation}`);
    const shared = [...asked].filter((w) => mine.has(w)).length;
    const score = shared / Math.max(1, asked.size);
    if (!best || score > best.score) best = { rule, score };
  }
  return best && best.score >= 0.6 ? { kind: 'rule', rule: best.rule } : { kind: 'all' };
}
