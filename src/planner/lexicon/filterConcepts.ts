// Concept words for posture filters: the only hand-written vocabulary the planner has. Names of subscriptions,
// resources, owners and tags never appear here; they come from the loaded tenant.
import type { Category, Cloud, GovernanceState, RiskFactor, Severity, StatusCode } from '../../posture/model';

export interface Concept<V extends string = string> {
  value: V;
  phrases: readonly string[];
}

/** Level words; whether they mean risk level, severity or finding severity depends on the words around them. */
export const LEVELS: ReadonlyArray<Concept<Severity>> = [
  { value: 'Critical', phrases: ['critical', 'crit', 'criticals', 'severe', 'most severe'] },
  { value: 'High', phrases: ['high', 'highs'] },
  { value: 'Medium', phrases: ['medium', 'med', 'moderate', 'mediums', 'mid'] },
  { value: 'Low', phrases: ['low', 'lows', 'minor'] },
];

export const SEVERITY_WORDS: readonly string[] = ['severity', 'severities', 'sev', 'severity level', 'priority'];
export const RISK_WORDS: readonly string[] = ['risk', 'risks', 'risk level', 'risk levels', 'risky', 'risk rating'];
/** Nouns for vulnerability findings: with a level word they mean finding severity. */
export const VULNERABILITY_WORDS: readonly string[] = [
  // Not "findings" alone: in everyday speech findings are recommendations ("show AWS findings").
  'vulnerabilities', 'vulnerability', 'vulns', 'vuln', 'cves', 'cve', 'vulnerability findings', 'software vulnerabilities', 'vulnerable',
];

export const RISK_FACTOR_CONCEPTS: ReadonlyArray<Concept<RiskFactor>> = [
  {
    value: 'internetExposure',
    phrases: [
      'publicly exposed', 'public exposure', 'public', 'publicly', 'exposed', 'internet exposed', 'internet exposure',
      'exposed to the internet', 'exposed to internet', 'internet facing', 'facing the internet', 'open to the internet',
      'open to internet', 'publicly accessible', 'publicly reachable', 'reachable from the internet',
      'accessible from the internet', 'internet accessible', 'public facing', 'external facing',
      'externally exposed', 'exposure to the internet', 'on the internet', 'internet',
    ],
  },
  {
    value: 'sensitiveData',
    phrases: ['sensitive data', 'sensitive', 'sensitive information', 'pii', 'personal data', 'confidential data', 'confidential', 'data sensitivity', 'customer data', 'classified data'],
  },
  { value: 'lateralMovement', phrases: ['lateral movement', 'lateral', 'move laterally', 'lateral moves', 'pivot'] },
  {
    value: 'criticalResource',
    phrases: [
      'critical resources', 'critical resource', 'critical assets', 'critical asset', 'crown jewels', 'crown jewel',
      'business critical', 'mission critical', 'critical workloads', 'critical systems', 'critical machines',
      'critical servers', 'high value assets', 'high value resources', 'critical infrastructure',
    ],
  },
];

export const STATUS_CONCEPTS: ReadonlyArray<Concept<StatusCode>> = [
  { value: 'Unhealthy', phrases: ['unhealthy', 'failing', 'failed', 'non compliant', 'noncompliant', 'not compliant', 'open', 'active', 'unresolved', 'not fixed', 'outstanding'] },
  { value: 'Healthy', phrases: ['healthy', 'fixed', 'resolved', 'remediated', 'passing', 'passed', 'compliant', 'done', 'closed', 'already fixed'] },
  { value: 'NotApplicable', phrases: ['not applicable', 'n a', 'na', 'inapplicable', 'exempt', 'exempted', 'skipped'] },
];

export const CATEGORY_CONCEPTS: ReadonlyArray<Concept<Category>> = [
  { value: 'Compute', phrases: ['compute', 'compute category'] },
  { value: 'Networking', phrases: ['networking', 'network', 'network security', 'networks'] },
  { value: 'Data', phrases: ['data', 'data category', 'data security', 'data protection'] },
  { value: 'IdentityAndAccess', phrases: ['identity', 'identity and access', 'iam', 'access management', 'identity access'] },
  { value: 'IoT', phrases: ['iot', 'internet of things'] },
  { value: 'Containers', phrases: ['containers', 'container', 'container security'] },
  { value: 'AppServices', phrases: ['app services category', 'appservices', 'application services'] },
  { value: 'DevOps', phrases: ['devops', 'dev ops', 'code security', 'repositories', 'repos', 'pipelines'] },
];

export const CLOUD_CONCEPTS: ReadonlyArray<Concept<Cloud>> = [
  { value: 'Azure', phrases: ['azure', 'microsoft azure', 'microsoft cloud'] },
  { value: 'AWS', phrases: ['aws', 'amazon', 'amazon web services', 'amazon cloud'] },
  { value: 'GCP', phrases: ['gcp', 'google', 'google cloud', 'google cloud platform'] },
  { value: 'OnPremise', phrases: ['on prem', 'on premise', 'on premises', 'onprem', 'on-premises', 'datacenter'] },
];

export const GOVERNANCE_CONCEPTS: ReadonlyArray<Concept<GovernanceState>> = [
  { value: 'overdue', phrases: ['overdue', 'past due', 'late', 'past their due date', 'past the due date', 'missed due date', 'missed the due date', 'missed deadline', 'missed deadlines', 'behind schedule', 'delayed', 'expired'] },
  { value: 'onTime', phrases: ['on time', 'on track', 'not overdue', 'within due date', 'before due date', 'not late', 'on schedule'] },
  { value: 'unassigned', phrases: ['unassigned', 'no owner', 'no owners', 'without owner', 'without an owner', 'without owners', 'not assigned', 'nobody owns', 'ownerless', 'unowned', 'have no owner', 'missing owner', 'no one assigned', 'nobody assigned', 'assigned to nobody', 'assigned to no one', 'owned by nobody', 'owned by no one'] },
  { value: 'completed', phrases: ['completed', 'complete'] },
];

/** Phrases meaning "has an owner": every state but unassigned. */
export const ASSIGNED_PHRASES: readonly string[] = ['assigned', 'with an owner', 'with owners', 'have an owner', 'has an owner', 'have owners', 'already assigned'];

/** Words for attack paths: the filter is "has at least one". */
export const ATTACK_PATH_WORDS: readonly string[] = ['attack paths', 'attack path', 'attack vectors', 'attack chains'];
