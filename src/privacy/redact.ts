// Secrets found in text people type (connection strings, keys, tokens, SAS URLs) are replaced before anything is
// stored or logged. Each pattern keeps what helps a reader ("AccountKey=") and drops the secret itself.

export const REDACTED = '[redacted]';

interface SecretPattern {
  name: string;
  pattern: RegExp;
  /** Replacement; `$1` keeps the part before the secret. */
  replace: string;
}

const PATTERNS: readonly SecretPattern[] = [
  // Private key blocks (PEM).
  { name: 'privateKey', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, replace: REDACTED },
  // Connection-string secrets: AccountKey=…, SharedAccessKey=…, Password=…, Pwd=…, ClientSecret=…
  { name: 'connectionString', pattern: /\b((?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd|ClientSecret|Client_Secret|ApiKey|Api-Key|AccessKey|Secret)\s*[=:]\s*)("[^"]*"|'[^']*'|[^;\s,"']+)/gi, replace: `$1${REDACTED}` },
  // SAS tokens in URLs or alone: the signature is the secret.
  { name: 'sasSignature', pattern: /([?&]sig=)[^&\s"'<>]+/gi, replace: `$1${REDACTED}` },
  // Bearer tokens and JWTs.
  { name: 'bearer', pattern: /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/g, replace: `$1${REDACTED}` },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, replace: REDACTED },
  // Well-known token shapes: GitHub, Slack, AWS access key ids, Google API keys, Azure storage/Cosmos keys (88-char base64).
  { name: 'githubToken', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/g, replace: REDACTED },
  { name: 'slackToken', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, replace: REDACTED },
  { name: 'awsAccessKeyId', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: REDACTED },
  { name: 'googleApiKey', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, replace: REDACTED },
  { name: 'base64Key', pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g, replace: REDACTED },
  // key=…/token=…/secret=… in query strings or prose with a long opaque value.
  { name: 'namedSecret', pattern: /\b((?:api[_-]?key|token|secret|password|client[_-]?secret|access[_-]?token)\s*[=:]\s*)([A-Za-z0-9\-._~+/]{12,}=*)/gi, replace: `$1${REDACTED}` },
];

export interface Redaction {
  text: string;
  /** Names of the kinds of secret found (for logs: never the secret). */
  found: string[];
}

export function redactSecrets(text: string): Redaction {
  let out = text;
  const found: string[] = [];
  for (const { name, pattern, replace } of PATTERNS) {
    const next = out.replace(pattern, replace);
    if (next !== out) found.push(name);
    out = next;
  }
  return { text: out, found };
}

/** The text with secrets replaced, cut to `max` characters. */
export const redacted = (text: string, max = 4000): string => redactSecrets(text.length > max * 2 ? text.slice(0, max * 2) : text).text.slice(0, max);
