// Plain words for the model's enums and ARM types, as users read them in cards and answers; shared by every skill's views.
import type { Category, Cloud, GovernanceState, RiskFactor, RiskLevel, Severity } from '../posture/model';

export const RISK_FACTOR_LABELS: Record<RiskFactor, string> = {
  internetExposure: 'Internet exposure',
  sensitiveData: 'Sensitive data',
  lateralMovement: 'Lateral movement',
  criticalResource: 'Critical resource',
  vulnerabilities: 'Vulnerabilities',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  Compute: 'Compute',
  Networking: 'Networking',
  Data: 'Data',
  IdentityAndAccess: 'Identity and access',
  IoT: 'IoT',
  Containers: 'Containers',
  AppServices: 'App services',
  DevOps: 'DevOps',
  Other: 'Other',
};

export const CLOUD_LABELS: Record<Cloud, string> = { Azure: 'Azure', AWS: 'AWS', GCP: 'GCP', OnPremise: 'On-premises', Other: 'Other clouds' };

export const GOVERNANCE_LABELS: Record<GovernanceState, string> = {
  overdue: 'Overdue',
  onTime: 'On time',
  unassigned: 'Unassigned',
  completed: 'Completed',
};

/**
 * Adaptive Card colour by level, the same scale for risk and severity: the two urgent levels stand out in Accent,
 * the others use the default colour (see src/cards/readableColors.ts for why no other colour is used for text).
 */
export function levelColor(level: RiskLevel | Severity | undefined): string {
  return level === 'Critical' || level === 'High' ? 'Accent' : 'Default';
}

/** The one wording for a recommendation nobody owns, on every card. */
export const NO_OWNER = 'Unassigned';

export const ownerText = (owner: string | undefined): string => (owner && owner.trim() ? owner : NO_OWNER);

/** "Critical risk", or "" when Defender gave the row no risk level: an unrated row is not "no risk". */
export const riskText = (level: RiskLevel | undefined): string => (level ? `${level} risk` : '');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NBSP = '\u00a0';

/**
 * "10 Dec 2026" (UTC) with no-break spaces: a date never splits across lines the way "2026-12-" / "10" did. The one
 * date format of every card and text answer; a day in the user's zone is written by localDateText, the same way.
 */
export function displayDate(ms: number): string {
  const d = new Date(ms);
  return localDateText({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** A calendar day (month 1–12) as displayDate writes it: "27 Nov 2026". */
export function localDateText(date: { year: number; month: number; day: number }): string {
  // What [day, month, year].join(NBSP) gives (a month out of range is empty text), without the array.
  return `${date.day}${NBSP}${MONTHS[date.month - 1] ?? ''}${NBSP}${date.year}`;
}

/** A time of day (hour 0-23) as a 24-hour clock: "14:02", "00:05". */
export function localTimeText(time: { hour: number; minute: number }): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/**
 * A count (or any number, like a score's points) as every card and answer writes it, "1,234" or "12.5": what
 * toLocaleString('en-US') gives. Whole numbers (every count and position) are grouped here, by threes with commas;
 * the formatter (an ICU call, some twenty times the cost) writes the rest: fractions, -0, NaN, infinities, and
 * integers past 2^53.
 */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
export function countLabel(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return COUNT_FORMAT.format(n);
  const digits = String(n < 0 ? -n : n);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/** The characters JavaScript's \s matches (so a loop can find words as /\S+/g does). */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** The length in UTF-16 units of the longest run of non-space characters. */
function longestWord(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) run = 0;
    else if (++run > longest) longest = run;
  }
  return longest;
}

/** True when the text has a UTF-16 surrogate (so its characters are not its units). */
function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return true;
  }
  return false;
}

/**
 * Text for a narrow list column: any single word (a name, an id, an e-mail address) longer than `max` characters is
 * cut in the middle with "…", so it never breaks across lines mid-word. Details cards show the whole value.
 */
export function shortWords(text: string, max = 32): string {
  if (max < 5) throw new RangeError('max must be at least 5');
  // A string has at least as many UTF-16 units as characters: one that short needs no cut at all.
  if (text.length <= max) return text;
  // No word longer than max units: no word is cut (most titles; a long title is many short words).
  if (longestWord(text) <= max) return text;
  return text.replace(/\S+/g, (word) => {
    if (word.length <= max) return word;
    const chars = [...word];
    if (chars.length <= max) return word;
    const head = Math.ceil((max - 1) / 2);
    const tail = max - 1 - head;
    return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
  });
}

/** The text cut at a word boundary to at most `max` characters, with "…" where it was cut (one line on a list row). */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  // Without surrogates every unit is a character: the head is a slice, no array of characters needed.
  const plain = !hasSurrogate(text);
  const chars = plain ? undefined : [...text];
  if (chars && chars.length <= max) return text;
  const head = chars ? chars.slice(0, Math.max(1, max - 1)).join('') : text.slice(0, Math.max(1, max - 1));
  const space = head.lastIndexOf(' ');
  return `${withoutTrailingSeparators(space >= max / 2 ? head.slice(0, space) : head)}…`;
}

/** The text without the spaces, "·" and "," it ends with (what .replace(/[\s·,]+$/u, '') gives). */
function withoutTrailingSeparators(text: string): string {
  let end = text.length;
  for (let code = text.charCodeAt(end - 1); end > 0 && (code === 0xb7 || code === 0x2c || isSpace(code)); code = text.charCodeAt(end - 1)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * "maya.okafor" for "maya.okafor@contoso.com": the part before the "@" when the text is one address-like word (one "@",
 * something on each side, no spaces), else the text as it is (what .replace(/^([^@\s]+)@[^@\s]+$/, '$1') gives).
 */
export function mailboxName(text: string): string {
  const at = text.indexOf('@');
  if (at <= 0 || at === text.length - 1 || text.indexOf('@', at + 1) !== -1) return text;
  for (let i = 0; i < text.length; i++) if (isSpace(text.charCodeAt(i))) return text;
  return text.slice(0, at);
}

// Names Defender and the portal use for the types users meet most; anything else is derived from the type itself.
const KNOWN_TYPES: Record<string, string> = {
  'microsoft.compute/virtualmachines': 'Virtual machine',
  'microsoft.compute/virtualmachinescalesets': 'VM scale set',
  'microsoft.classiccompute/virtualmachines': 'Classic virtual machine',
  'microsoft.hybridcompute/machines': 'Arc-enabled server',
  'microsoft.storage/storageaccounts': 'Storage account',
  'microsoft.sql/servers': 'SQL server',
  'microsoft.sql/servers/databases': 'SQL database',
  'microsoft.sql/managedinstances': 'SQL managed instance',
  'microsoft.containerservice/managedclusters': 'Kubernetes cluster',
  'microsoft.containerregistry/registries': 'Container registry',
  'microsoft.web/sites': 'App Service app',
  'microsoft.keyvault/vaults': 'Key vault',
  'microsoft.documentdb/databaseaccounts': 'Cosmos DB account',
  'microsoft.network/networksecuritygroups': 'Network security group',
  'microsoft.network/virtualnetworks': 'Virtual network',
  'microsoft.network/applicationgateways': 'Application gateway',
  'microsoft.dbforpostgresql/flexibleservers': 'PostgreSQL server',
  'microsoft.dbforpostgresql/servers': 'PostgreSQL server',
  'microsoft.dbformysql/flexibleservers': 'MySQL server',
  'microsoft.dbformysql/servers': 'MySQL server',
  'microsoft.cache/redis': 'Redis cache',
  'microsoft.resources/subscriptions': 'Subscription',
  'microsoft.web/serverfarms': 'App Service plan',
  'microsoft.cognitiveservices/accounts': 'Cognitive Services account',
  'microsoft.machinelearningservices/workspaces': 'Machine learning workspace',
  'microsoft.containerinstance/containergroups': 'Container instance',
  'microsoft.eventhub/namespaces': 'Event Hubs namespace',
  'microsoft.servicebus/namespaces': 'Service Bus namespace',
  'microsoft.apimanagement/service': 'API Management service',
  'microsoft.network/publicipaddresses': 'Public IP address',
  'microsoft.network/loadbalancers': 'Load balancer',
  'microsoft.network/frontdoors': 'Front Door',
  'microsoft.network/azurefirewalls': 'Azure Firewall',
  'microsoft.datafactory/factories': 'Data factory',
  'microsoft.synapse/workspaces': 'Synapse workspace',
  'microsoft.dbformariadb/servers': 'MariaDB server',
  'microsoft.logic/workflows': 'Logic app',
  'microsoft.search/searchservices': 'Search service',
  'microsoft.devices/iothubs': 'IoT hub',
  'microsoft.automation/automationaccounts': 'Automation account',
  'microsoft.batch/batchaccounts': 'Batch account',
  'microsoft.appconfiguration/configurationstores': 'App Configuration store',
  'microsoft.kusto/clusters': 'Data Explorer cluster',
  // AWS and GCP resources as Defender's multicloud connectors type them (lower-cased, words run together).
  'microsoft.awsconnector/ec2instances': 'EC2 instance',
  'microsoft.awsconnector/s3buckets': 'S3 bucket',
  'microsoft.awsconnector/rdsdbinstances': 'RDS DB instance',
  'microsoft.awsconnector/redshiftclusters': 'Redshift cluster',
  'microsoft.awsconnector/sqsqueues': 'SQS queue',
  'microsoft.awsconnector/snstopics': 'SNS topic',
  'microsoft.awsconnector/elasticsearchdomains': 'Elasticsearch domain',
  'microsoft.awsconnector/apigatewayrestapis': 'API Gateway REST API',
  'microsoft.awsconnector/lambdafunctions': 'Lambda function',
  'microsoft.awsconnector/eksclusters': 'EKS cluster',
  'microsoft.awsconnector/ecrrepositories': 'ECR repository',
  'microsoft.awsconnector/iamusers': 'IAM user',
  'microsoft.awsconnector/iamroles': 'IAM role',
  'microsoft.awsconnector/dynamodbtables': 'DynamoDB table',
  'microsoft.awsconnector/kmskeys': 'KMS key',
  'microsoft.gcpconnector/computeinstances': 'Compute Engine instance',
  'microsoft.gcpconnector/storagebuckets': 'Cloud Storage bucket',
  'microsoft.gcpconnector/gkeclusters': 'GKE cluster',
};

function words(segment: string): string {
  const spaced = segment.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').trim();
  const singular = spaced.replace(/ies$/i, 'y').replace(/(?<!s)s$/i, '');
  return singular.charAt(0).toUpperCase() + singular.slice(1).toLowerCase();
}

/** "microsoft.storage/storageaccounts" -> "Storage account"; "AWS::S3::Bucket" -> "S3 bucket". */
export function resourceTypeLabel(type: string): string {
  const known = KNOWN_TYPES[type.toLowerCase()];
  if (known) return known;
  if (type.includes('::')) {
    const parts = type.split('::').filter(Boolean);
    const service = parts.length >= 3 ? parts[parts.length - 2] : undefined;
    const last = parts[parts.length - 1] ?? type;
    return service ? `${service} ${words(last).toLowerCase()}` : words(last);
  }
  const last = type.split('/').filter(Boolean).pop();
  return last ? words(last) : type || 'Resource';
}

/** Plural for summaries: "Storage accounts", "Key vaults". */
export function pluralLabel(label: string): string {
  if (/(s|x|sh|ch)$/i.test(label)) return `${label}es`;
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  return `${label}s`;
}

/** "2026-01-31" from epoch ms. */
