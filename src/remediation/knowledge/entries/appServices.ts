// App Service: web apps, function apps and API apps.
import type { KeyEntry } from '../model';
import { PAGES } from './pages';

const checked = [PAGES.appServices];

type AppKind = { label: string; words: string[] };
const WEB: AppKind = { label: 'web app', words: ['app service', 'web app', 'webapp', 'website'] };
const FUNCTION: AppKind = { label: 'function app', words: ['app service', 'function app', 'functions', 'azure functions'] };
const API: AppKind = { label: 'API app', words: ['app service', 'api app', 'api'] };

function httpsOnly(key: string, app: AppKind, fix?: string): KeyEntry {
  return {
    key,
    description: `Checks that the ${app.label} has "HTTPS Only" turned on, so plain HTTP requests are redirected to HTTPS.`,
    whyItMatters: 'Over HTTP, session cookies, tokens and form data cross the network unencrypted and can be read or changed by anyone on the path.',
    steps: [
      `Turn on HTTPS Only in the ${app.label}'s configuration (property httpsOnly = true).`,
      'Make sure custom domains have a TLS certificate binding, so the redirect lands on a valid certificate.',
    ],
    subjects: [...app.words, 'https', 'https only', 'http', 'encryption in transit', 'redirect'],
    ...(fix ? { fix } : {}),
    checkedAgainst: checked,
  };
}

function ftps(key: string, app: AppKind, fix: string): KeyEntry {
  return {
    key,
    description: `Checks that FTP deployment to the ${app.label} is limited to FTPS (FTP over TLS) or turned off entirely.`,
    whyItMatters: 'Plain FTP sends the deployment credentials and the code itself in clear text; a captured credential lets an attacker replace the application.',
    steps: [
      'If nobody deploys with FTP, set FTP state to Disabled.',
      'Otherwise set it to "FTPS only" and update deployment tools to use FTPS.',
      'Prefer deployment from CI/CD with Entra ID (or zip deploy) and turn off basic authentication for FTP.',
    ],
    subjects: [...app.words, 'ftp', 'ftps', 'deployment', 'encryption in transit'],
    fix,
    checkedAgainst: checked,
  };
}

function tls(key: string, app: AppKind, fix?: string): KeyEntry {
  return {
    key,
    description: `Checks that the ${app.label} requires the latest supported TLS version (at least 1.2) for incoming HTTPS connections.`,
    whyItMatters: 'Older TLS versions have known weaknesses and are rejected by current compliance standards; allowing them lets clients negotiate a weaker connection.',
    steps: [
      'Check that callers support TLS 1.2 (all current browsers and SDKs do).',
      `Set the minimum inbound TLS version of the ${app.label} to 1.2 or higher (site configuration minTlsVersion).`,
    ],
    subjects: [...app.words, 'tls', 'tls 1.2', 'minimum tls', 'encryption in transit', 'ssl'],
    ...(fix ? { fix } : {}),
    checkedAgainst: checked,
  };
}

function remoteDebugging(key: string, app: AppKind, fix?: string): KeyEntry {
  return {
    key,
    description: `Checks that remote debugging is turned off on the ${app.label}.`,
    whyItMatters: 'Remote debugging opens extra inbound ports and lets a debugger attach to the running process; left on after a debugging session, it is an unnecessary way in.',
    steps: [
      `Turn remote debugging off in the ${app.label}'s general settings (remoteDebuggingEnabled = false).`,
      'Turn it on only for the duration of a debugging session, and only in non-production slots.',
    ],
    subjects: [...app.words, 'remote debugging', 'debugging', 'attack surface'],
    ...(fix ? { fix } : {}),
    checkedAgainst: checked,
  };
}

function cors(key: string, app: AppKind): KeyEntry {
  return {
    key,
    description: `Checks that the CORS settings of the ${app.label} do not allow every origin ("*").`,
    whyItMatters: 'A wildcard origin lets scripts on any website call the app from a visitor\'s browser, which can expose data the user is allowed to see to a malicious site.',
    steps: [
      'List the browser front ends that legitimately call the app.',
      'Replace "*" in the CORS allowed origins with exactly those origins.',
      'Turn on "Access-Control-Allow-Credentials" only if the callers need cookies, never together with a wildcard.',
    ],
    subjects: [...app.words, 'cors', 'cross-origin', 'origins', 'wildcard'],
    checkedAgainst: checked,
  };
}

function managedIdentity(key: string, app: AppKind): KeyEntry {
  return {
    key,
    description: `Checks that the ${app.label} has a managed identity, so it can authenticate to other Azure services without storing secrets.`,
    whyItMatters: 'Without a managed identity, apps usually carry connection strings or client secrets in settings, which leak and rarely get rotated; a managed identity has no secret to steal.',
    steps: [
      `Turn on the system-assigned identity of the ${app.label} (or attach a user-assigned one).`,
      'Grant that identity the roles it needs on the target services (Key Vault, Storage, SQL...).',
      'Change the app to use the identity (for example DefaultAzureCredential) and remove the stored secrets.',
    ],
    subjects: [...app.words, 'managed identity', 'identity', 'secrets', 'credentials'],
    checkedAgainst: checked,
  };
}

function clientCertificates(key: string, app: AppKind): KeyEntry {
  return {
    key,
    description: `Checks that the ${app.label} requests client certificates for incoming requests (mutual TLS).`,
    whyItMatters: 'Client certificates let only callers holding a trusted certificate reach the app, which adds a strong factor in front of its own authentication.',
    steps: [
      'Agree with the callers on the certificates they will present and how the app validates them.',
      `Set incoming client certificates to Required (or Optional while callers migrate) on the ${app.label}.`,
      'Validate the forwarded certificate (X-ARR-ClientCert header) in the application code.',
    ],
    subjects: [...app.words, 'client certificate', 'mutual tls', 'mtls', 'certificate'],
    checkedAgainst: checked,
  };
}

export const APP_SERVICE_ENTRIES: KeyEntry[] = [
  httpsOnly('1b351b29-41ca-6df5-946c-c190a56be5fe', WEB, 'webApp.httpsOnly'),
  httpsOnly('cb0acdc6-0846-fd48-debe-9905af151b6d', FUNCTION, 'functionApp.httpsOnly'),
  httpsOnly('bf82a334-13b6-ca57-ea75-096fc2ffce50', API, 'webApp.httpsOnly'),
  ftps('19beaa2a-a126-b4dd-6d35-617f6cc83fca', WEB, 'webApp.ftpsOnly'),
  ftps('972a6579-f38f-c0b9-1b4b-a5bbeba3ab5b', FUNCTION, 'functionApp.ftpsOnly'),
  tls('2a54c352-7ca4-4bae-ad46-47ecd9595bd2', WEB, 'webApp.minTls12'),
  tls('15be5f3c-e0a4-c0fa-fbff-8e50339b4b22', FUNCTION, 'functionApp.minTls12'),
  tls('5a659d57-117d-bb18-65f6-54e51da1bb9b', API, 'webApp.minTls12'),
  remoteDebugging('64b8637e-4e1d-76a9-0fc9-c1e487a97ed8', WEB, 'webApp.remoteDebuggingOff'),
  remoteDebugging('093c685b-56dd-13a3-8ed5-887a001837a2', FUNCTION, 'functionApp.remoteDebuggingOff'),
  remoteDebugging('9172da4e-9571-6e33-2b5b-d742847f3be7', API, 'webApp.remoteDebuggingOff'),
  cors('df4d1739-47f0-60c7-1706-3731fea6ab03', WEB),
  cors('7b3d4796-9400-2904-692b-4a5ede7f0a1e', FUNCTION),
  managedIdentity('4a3d7cd3-f17c-637a-1ffc-614a01dd03cf', WEB),
  managedIdentity('23aa9cbe-c2fb-6a2f-6c97-885a6d48c4d1', FUNCTION),
  { ...clientCertificates('ca4e6a5a-3a9a-bad3-798a-d420a1d9bd6d', WEB), fix: 'webApp.clientCertificates' },
  { ...clientCertificates('c2ab4bea-c663-3259-a4cd-03a8feb02825', FUNCTION), fix: 'webApp.clientCertificates' },
];
