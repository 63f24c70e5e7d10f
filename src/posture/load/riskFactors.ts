// Risk factor strings are undocumented and spelled many ways ("Internet exposure", "Exposed to the internet",
// "Public IP", "Data sensitivity", ...): match them by their words, not against a list of exact strings.
import { RISK_FACTORS, type RiskFactor } from '../model';

/** Lower-case word tokens; camelCase and PascalCase are split too ("InternetExposure" -> internet, exposure). */
export function riskTokens(label: string): string[] {
  return label
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0);
}

const has = (tokens: string[], prefix: string): boolean => tokens.some((token) => token.startsWith(prefix));

function isVulnerability(tokens: string[]): boolean {
  return has(tokens, 'vulnerab') || tokens.includes('cve') || tokens.includes('cves') || has(tokens, 'exploitab');
}

function isInternetExposure(tokens: string[]): boolean {
  if (has(tokens, 'internet')) return true;
  const publicWord = tokens.some((token) => token === 'public' || token === 'publicly');
  return publicWord && tokens.some((token) => ['ip', 'ips', 'exposed', 'exposure', 'endpoint', 'network'].includes(token) || token.startsWith('access') || token.startsWith('reachab'));
}

function isSensitiveData(tokens: string[]): boolean {
  return has(tokens, 'sensitiv') || (tokens.includes('data') && has(tokens, 'classif'));
}

function isCriticalResource(tokens: string[]): boolean {
  if (tokens.includes('crown') || (tokens.includes('high') && tokens.includes('value'))) return true;
  // "critical severity vulnerabilities" speaks of the findings, not of the resource.
  return has(tokens, 'critical') && !isVulnerability(tokens) && !tokens.includes('severity');
}

/** The canonical factors one label stands for (usually one, none when the words are not recognised). */
export function matchRiskFactor(label: string): RiskFactor[] {
  const tokens = riskTokens(label);
  const found: RiskFactor[] = [];
  if (isInternetExposure(tokens)) found.push('internetExposure');
  if (isSensitiveData(tokens)) found.push('sensitiveData');
  if (has(tokens, 'lateral')) found.push('lateralMovement');
  if (isCriticalResource(tokens)) found.push('criticalResource');
  if (isVulnerability(tokens) || tokens.includes('vulnerable')) found.push('vulnerabilities');
  return found;
}

// Exports repeat a handful of labels on every row: remember what each spelling meant.
const remembered = new Map<string, RiskFactor[]>();
function matchRemembered(label: string): RiskFactor[] {
  let found = remembered.get(label);
  if (!found) {
    found = matchRiskFactor(label);
    if (remembered.size < 10_000) remembered.set(label, found);
  }
  return found;
}

/** Canonical factors of several labels, deduplicated, in the model's order. */
export function canonicalRiskFactors(labels: readonly string[]): RiskFactor[] {
  if (labels.length === 0) return [];
  const found = new Set<RiskFactor>();
  for (const label of labels) for (const factor of matchRemembered(label)) found.add(factor);
  return RISK_FACTORS.filter((factor) => found.has(factor));
}
