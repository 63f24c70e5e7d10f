// Azure SQL, SQL managed instances, open-source databases, Cosmos DB, Redis and Azure AI services.
import type { KeyEntry } from '../model';
import { customerManagedKeyEntry, entraAdminEntry, geoBackupEntry, privateEndpointEntry, publicNetworkEntry } from './families';
import { PAGES } from './pages';

const checked = [PAGES.data];
const SQL = { label: 'SQL server', words: ['sql', 'azure sql', 'sql server', 'database'], checkedAgainst: [PAGES.data, PAGES.sql] };
const POSTGRES = { label: 'PostgreSQL server', words: ['postgresql', 'postgres', 'database'], checkedAgainst: checked };
const MYSQL = { label: 'MySQL server', words: ['mysql', 'database'], checkedAgainst: checked };
const MARIADB = { label: 'MariaDB server', words: ['mariadb', 'database'], checkedAgainst: checked };
const COSMOS = { label: 'Cosmos DB account', words: ['cosmos db', 'cosmos', 'cosmosdb', 'database', 'nosql'], checkedAgainst: checked };
const AI = { label: 'Azure AI services (Cognitive Services) account', words: ['cognitive services', 'azure ai', 'ai services', 'openai'], checkedAgainst: checked };

function sslEnforcement(key: string, label: string, words: string[], fix: string): KeyEntry {
  return {
    key,
    description: `Checks that the ${label} refuses connections that are not encrypted with SSL/TLS (the "Enforce SSL connection" setting).`,
    whyItMatters: 'Unencrypted database connections expose credentials and query results to anyone who can observe the network path, and allow man-in-the-middle changes.',
    steps: [
      'Make sure every client connects with SSL (for example sslmode=require / useSSL=true in the connection string) and trusts the server certificate.',
      `Set SSL enforcement to Enabled on the ${label}.`,
      'Also set the minimum TLS version to 1.2.',
    ],
    subjects: [...words, 'ssl', 'tls', 'encryption in transit', 'enforce ssl'],
    fix,
    checkedAgainst: checked,
  };
}

export const DATABASE_ENTRIES: KeyEntry[] = [
  // Azure SQL
  publicNetworkEntry('22e93e92-4a31-b4cd-d640-3ef908430aa6', SQL, 'sql.disablePublicNetworkAccess'),
  privateEndpointEntry('75396512-3323-9be4-059d-32ecb113c3de', SQL, 'privatelink.database.windows.net'),
  {
    key: '8e9a37b9-2828-4c8f-a24e-7b0ab0e89c78',
    description: 'Checks that the logical SQL server accepts only TLS 1.2 or newer (its minimal TLS version setting).',
    whyItMatters: 'TLS 1.0 and 1.1 have known weaknesses; allowing them lets a client, or an attacker downgrading one, use a protocol that no longer protects the connection well.',
    steps: [
      'Check the server\'s connection telemetry or client inventory for drivers that only support TLS 1.0/1.1 and update them.',
      'Set Minimum TLS version to 1.2 on the server (Networking > Connectivity).',
    ],
    subjects: ['sql', 'azure sql', 'sql server', 'database', 'tls', 'tls 1.2', 'encryption in transit', 'minimum tls'],
    fix: 'sql.minimalTls12',
    checkedAgainst: SQL.checkedAgainst,
  },
  {
    key: '651967bf-044e-4bde-8376-3e08e0600105',
    description: 'Checks that Transparent Data Encryption (TDE) is turned on for the SQL database, so its data files, logs and backups are encrypted at rest.',
    whyItMatters: 'Without TDE, a copied database file or backup can be read directly; TDE protects against someone getting the storage media or backup files.',
    steps: [
      'Open the database\'s Transparent data encryption page (or use the CLI/PowerShell below).',
      'Turn data encryption on; the database stays online while existing pages are encrypted in the background.',
      'Optionally use a customer-managed key at the server level if your policy requires it.',
    ],
    subjects: ['sql', 'azure sql', 'sql database', 'database', 'tde', 'transparent data encryption', 'encryption at rest'],
    fix: 'sql.transparentDataEncryption',
    checkedAgainst: SQL.checkedAgainst,
  },
  {
    key: '94208a8b-16e8-4e5b-abbd-4e81c9d02bee',
    description: 'Checks that auditing is turned on for the logical SQL server, recording database events to a storage account, Log Analytics workspace or event hub.',
    whyItMatters: 'Audit logs show who read or changed data and when; without them, suspicious access, data theft or regulatory questions cannot be investigated.',
    steps: [
      'Choose a destination: a Log Analytics workspace for queries and alerts, or a storage account for cheap long retention.',
      'Turn on auditing at the server level so every database on it inherits the policy.',
      'Set retention to at least 90 days.',
    ],
    subjects: ['sql', 'azure sql', 'sql server', 'database', 'auditing', 'audit', 'logging'],
    checkedAgainst: SQL.checkedAgainst,
  },
  {
    key: '620671b8-6661-273a-38ac-4574967750ec',
    description: 'Checks that SQL server audit logs sent to a storage account are kept for at least 90 days (or indefinitely, retention 0).',
    whyItMatters: 'Intrusions are often discovered weeks after they start; short audit retention deletes the evidence before anyone looks for it.',
    steps: [
      'Open Auditing on the SQL server and the storage destination\'s advanced properties.',
      'Set the retention to 90 days or more (0 keeps logs without limit).',
      'If you audit to Log Analytics instead, set the workspace data retention accordingly.',
    ],
    subjects: ['sql', 'azure sql', 'sql server', 'audit', 'auditing', 'retention', 'logging'],
    checkedAgainst: SQL.checkedAgainst,
  },
  {
    key: '1db4f204-cb5a-4c9c-9254-7556403ce51c',
    description: 'Checks that vulnerability assessment is configured on the SQL server, so databases are scanned regularly for misconfigurations, excessive permissions and unprotected sensitive data.',
    whyItMatters: 'The scan is what finds weak database settings before an attacker does; without it, misconfigurations go unnoticed.',
    steps: [
      'Turn on Microsoft Defender for SQL for the server (or the subscription).',
      'Enable vulnerability assessment; the express configuration needs no storage account.',
      'Review the first scan and set a baseline for accepted results.',
    ],
    subjects: ['sql', 'azure sql', 'sql server', 'vulnerability assessment', 'scan', 'defender for sql'],
    checkedAgainst: SQL.checkedAgainst,
  },
  {
    key: '82e20e14-edc5-4373-bfc4-f13121257c37',
    description: 'Reports the results of SQL vulnerability assessment: rules the database fails, such as excessive permissions, firewall rules that are too broad, or sensitive data left unprotected. Since mid-2026 each failing rule is its own individual recommendation, reported on the database.',
    whyItMatters: 'Each failed rule is a concrete weakness an attacker can use; high-severity results such as broad firewall rules or sysadmin-level logins are direct routes to the data.',
    steps: [
      'Open the vulnerability assessment findings for the database and sort by severity.',
      'Apply the remediation each rule gives (most include a T-SQL script).',
      'For results that are intended, approve them as the baseline so later scans only report changes.',
    ],
    subjects: ['sql', 'azure sql', 'database', 'vulnerability assessment', 'va findings', 'misconfiguration', 'sql findings'],
    checkedAgainst: [PAGES.data, PAGES.individual],
  },
  entraAdminEntry('f0553104-cfdb-65e6-759c-002812e38500', SQL),
  {
    key: '400a6682-992c-4726-9549-629fbc3b988f',
    description: 'Checks that Microsoft Defender for SQL protects the logical SQL server: threat detection plus vulnerability assessment.',
    whyItMatters: 'Defender for SQL alerts on SQL injection, unusual logins and data exfiltration patterns; an unprotected server gives no warning of an attack in progress.',
    steps: [
      'Turn on the Azure SQL Databases plan in Defender for Cloud environment settings for the subscription (preferred), or on the server itself.',
      'Check that security alerts reach the right people (security contacts, workflow automation).',
    ],
    subjects: ['sql', 'azure sql', 'sql server', 'defender for sql', 'threat protection', 'defender plan'],
    checkedAgainst: SQL.checkedAgainst,
  },
  {
    key: 'f7010359-8d21-4598-a9f2-c3e81a17141e',
    description: 'Checks that every advanced threat protection alert type is enabled in the SQL server\'s Defender settings rather than only some of them.',
    whyItMatters: 'Disabling alert types (for example SQL injection or anomalous access) leaves blind spots exactly where attacks on databases usually start.',
    steps: [
      'Open Microsoft Defender for Cloud settings on the SQL server.',
      'Under advanced threat protection types, select all types (or clear the disabled-alerts list).',
    ],
    subjects: ['sql', 'azure sql', 'sql server', 'threat protection', 'alerts', 'defender for sql'],
    checkedAgainst: SQL.checkedAgainst,
  },
  customerManagedKeyEntry('1a93e945-3675-aef6-075d-c661498e1046', SQL),
  {
    key: 'b0df6f56-862d-4730-8597-38c0fd4ebd59',
    description: 'Checks that columns holding sensitive data in the SQL database have been discovered and labelled with data classification.',
    whyItMatters: 'Classification tells you where personal, financial or health data lives, which drives access reviews, auditing of sensitive reads and the risk rating of attack paths that reach the database.',
    steps: [
      'Open Data Discovery & Classification on the database and review the recommended columns.',
      'Accept or adjust the information types and sensitivity labels, and save.',
      'Repeat when the schema changes; audit logs then record access to labelled columns.',
    ],
    subjects: ['sql', 'database', 'sensitive data', 'data classification', 'discovery', 'personal data', 'labels'],
    checkedAgainst: SQL.checkedAgainst,
  },
  // SQL managed instance
  {
    key: 'a2624c52-2937-400c-af9d-3bf2d97382bf',
    description: 'Checks that the SQL managed instance has its public data endpoint turned off, so it is reachable only from inside its virtual network (or peered/connected networks).',
    whyItMatters: 'The public data endpoint exposes the instance to the internet on port 3342; turned off, an attacker needs network access inside your environment first.',
    steps: [
      'Confirm no client depends on the public endpoint (host names of the form <instance>.public.<dns-zone>.database.windows.net).',
      'Turn the public data endpoint off on the instance\'s Networking page.',
      'Remove the inbound network security group rule for port 3342 if one was added.',
    ],
    subjects: ['sql', 'sql managed instance', 'managed instance', 'public network access', 'public endpoint', 'database'],
    fix: 'sqlManagedInstance.disablePublicDataEndpoint',
    checkedAgainst: checked,
  },
  // PostgreSQL / MySQL / MariaDB single server
  publicNetworkEntry('b34f9fe7-80cd-6fb3-2c5b-951993746ca8', POSTGRES, 'postgres.disablePublicNetworkAccess'),
  privateEndpointEntry('c5b83aed-f53d-5201-8ffb-1f9938de410a', POSTGRES, 'privatelink.postgres.database.azure.com'),
  sslEnforcement('1fde2073-a488-17e9-9534-5a3b23379b4b', 'PostgreSQL server', POSTGRES.words, 'postgres.enforceSsl'),
  entraAdminEntry('b20d1b00-11a8-4ce7-b477-4ea6e147c345', POSTGRES),
  geoBackupEntry('95592ab0-ddc8-660d-67f3-6df1fadfe7ec', POSTGRES),
  customerManagedKeyEntry('19d45f8f-245c-852e-dbf9-d4aab4758b1f', POSTGRES),
  publicNetworkEntry('d5d090f1-7d5c-9b38-7344-0ede8343276d', MYSQL, 'mysql.disablePublicNetworkAccess'),
  privateEndpointEntry('cec4922b-1eb3-cb74-660b-ffad9b9ac642', MYSQL, 'privatelink.mysql.database.azure.com'),
  sslEnforcement('1f6d29f6-4edb-ea39-042b-de8f123ddd39', 'MySQL server', MYSQL.words, 'mysql.enforceSsl'),
  entraAdminEntry('8af8a87b-7aa6-4c83-b22b-36801896177b', MYSQL),
  geoBackupEntry('8ad68a2f-c6b1-97b5-41b5-174359a33688', MYSQL),
  publicNetworkEntry('ab153e43-2fb5-0670-2117-70340851ea9b', MARIADB, 'mariadb.disablePublicNetworkAccess'),
  // Cosmos DB
  publicNetworkEntry('334a182c-7c2c-41bc-ae1e-55327891ab50', COSMOS, 'cosmosDb.disablePublicNetworkAccess'),
  privateEndpointEntry('80dc29d6-9887-4071-a66c-e763376c2de3', COSMOS, 'privatelink.documents.azure.com'),
  customerManagedKeyEntry('814df446-7128-eff0-9177-fa52ac035b74', COSMOS),
  {
    key: '276b1952-c364-852b-11e5-657f0fa34dc6',
    description: 'Checks that the Cosmos DB account has firewall rules, so only chosen IP ranges or virtual networks can reach it instead of every network.',
    whyItMatters: 'Without a firewall, anyone holding a key or token can use the account from anywhere on the internet.',
    steps: [
      'List the networks that need the account: application subnets (via service endpoints), office IP ranges, the Azure portal if needed.',
      'Add them as IP or virtual network rules on the account\'s Networking page, selecting "Selected networks".',
      'Better still, use private endpoints and disable public network access.',
    ],
    subjects: ['cosmos db', 'cosmos', 'cosmosdb', 'firewall', 'network access', 'ip rules', 'network rules'],
    checkedAgainst: checked,
  },
  {
    key: '14acab4e-ad95-11ec-b909-0242ac120002',
    description: 'Checks that the Cosmos DB account accepts only Microsoft Entra ID for data access, with local key-based authentication turned off (disableLocalAuth).',
    whyItMatters: 'Primary keys give full data access to whoever holds them and appear in connection strings; Entra identities with data-plane roles can be scoped, audited and revoked.',
    steps: [
      'Give each application a managed identity and a Cosmos DB data-plane role assignment (for example Cosmos DB Built-in Data Contributor).',
      'Change the applications to authenticate with those identities instead of keys.',
      'Set disableLocalAuth to true on the account, then regenerate the keys.',
    ],
    subjects: ['cosmos db', 'cosmos', 'cosmosdb', 'entra id', 'azure ad', 'local authentication', 'keys', 'authentication'],
    checkedAgainst: [PAGES.identity, PAGES.data],
  },
  // Redis
  {
    key: '35b25be2-d08a-e340-45ed-f08a95d804fc',
    description: 'Checks that the Azure Cache for Redis accepts only TLS connections: the non-TLS port (6379) must be closed.',
    whyItMatters: 'Over the non-TLS port the access key and all cached values travel in clear text and can be captured or altered on the network.',
    steps: [
      'Move clients to port 6380 with TLS turned on in their Redis client settings.',
      'Turn on "Allow access only via SSL" on the cache (enableNonSslPort = false).',
    ],
    subjects: ['redis', 'cache', 'azure cache for redis', 'ssl', 'tls', 'non-ssl port', 'encryption in transit'],
    fix: 'redis.disableNonSslPort',
    checkedAgainst: checked,
  },
  {
    key: 'be264018-593c-1162-bd5e-b74a39396652',
    description: 'Checks that the Azure Cache for Redis is isolated in a virtual network (VNet injection, Premium tier) rather than reachable on a public endpoint.',
    whyItMatters: 'Network isolation means only resources in your network can even attempt to connect; a public cache relies on its access key alone.',
    steps: [
      'Prefer a private endpoint for the cache (supported on all tiers) over VNet injection for new deployments.',
      'Otherwise create a Premium cache in a dedicated subnet and migrate data to it.',
      'Disable public network access once clients use the private path.',
    ],
    subjects: ['redis', 'cache', 'azure cache for redis', 'virtual network', 'vnet', 'network isolation', 'private endpoint'],
    checkedAgainst: checked,
  },
  // Azure AI services
  publicNetworkEntry('684a5b6d-a270-61ce-306e-5cea400dc3a7', AI, 'cognitiveServices.disablePublicNetworkAccess'),
  privateEndpointEntry('54f53ddf-6ebd-461e-a247-394c542bc5d1', AI, 'privatelink.cognitiveservices.azure.com'),
  {
    key: 'f738efb8-005f-680d-3d43-b3db762d6243',
    description: 'Checks that the Azure AI services (Cognitive Services) account limits network access with firewall rules instead of accepting calls from all networks.',
    whyItMatters: 'A leaked key for an open account can be used from anywhere, running up cost and reading or sending data through the service.',
    steps: [
      'Choose "Selected networks and private endpoints" on the account\'s Networking page.',
      'Add the application subnets and IP ranges that must call it.',
      'Prefer private endpoints and Entra ID authentication for the applications.',
    ],
    subjects: [...AI.words, 'firewall', 'network access', 'network rules'],
    checkedAgainst: checked,
  },
  {
    key: 'cdcf4f71-60d3-540b-91e3-aa19792da364',
    description: 'Checks that the Azure AI services account encrypts stored data with a customer-managed key where your policy requires it.',
    whyItMatters: 'Customer-managed keys let you control and revoke the key protecting stored data such as custom models and training data.',
    steps: [
      'Confirm the requirement applies; otherwise exempt the resource.',
      'Enable a managed identity on the account and grant it wrap/unwrap rights on a Key Vault key with purge protection.',
      'Select customer-managed keys under the account\'s Encryption settings.',
    ],
    subjects: [...AI.words, 'customer-managed key', 'cmk', 'encryption at rest', 'key vault'],
    checkedAgainst: checked,
  },
];
