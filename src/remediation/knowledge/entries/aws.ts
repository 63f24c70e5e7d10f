// AWS resources, through the Defender for Cloud AWS connector.
import type { KeyEntry } from '../model';
import { PAGES } from './pages';

const checked = [PAGES.aws, PAGES.data];
const RDS = ['aws', 'amazon rds', 'rds', 'database'];
const REDSHIFT = ['aws', 'amazon redshift', 'redshift', 'data warehouse'];
const API_GATEWAY = ['aws', 'api gateway', 'amazon api gateway', 'api'];
const OPENSEARCH = ['aws', 'elasticsearch', 'opensearch', 'amazon opensearch'];

export const AWS_ENTRIES: KeyEntry[] = [
  {
    key: '02e8de17-1a01-45cb-b906-6d07a78f4b3c',
    description: 'Checks that EBS snapshots are not shared publicly, meaning any AWS account could create a volume from them.',
    whyItMatters: 'A public snapshot is a full copy of a disk that anyone can restore: databases, keys and configuration files included.',
    steps: [
      'Confirm the snapshot is not meant to be public (it almost never is).',
      'Remove the "all" group from the snapshot\'s createVolumePermission attribute.',
      'Turn on EBS "block public access" for snapshots in each region to prevent it happening again.',
    ],
    subjects: ['aws', 'ebs', 'snapshot', 'ec2', 'public', 'public access', 'data exposure'],
    fix: 'aws.ebsSnapshotNotPublic',
    checkedAgainst: checked,
  },
  {
    key: '0bde343a-0681-4ee2-883a-027cc1e655b8',
    description: 'Checks that EBS volumes attached to EC2 instances are encrypted at rest.',
    whyItMatters: 'Unencrypted volumes and their snapshots can be read by anyone who gets access to them, and do not meet most compliance standards.',
    steps: [
      'An existing volume cannot be encrypted in place: snapshot it, copy the snapshot with encryption (KMS key), and create a new volume from the copy.',
      'Stop the instance, swap the volumes, start it again and verify.',
      'Turn on "EBS encryption by default" in each region so new volumes are always encrypted.',
    ],
    subjects: ['aws', 'ebs', 'ec2', 'volume', 'encryption at rest', 'kms', 'disk encryption'],
    checkedAgainst: checked,
  },
  {
    key: '340a07a1-7d68-4562-ac25-df77c214fe13',
    description: 'Checks that the SQS queue encrypts messages at rest, with SQS-managed keys (SSE-SQS) or a KMS key (SSE-KMS).',
    whyItMatters: 'Messages often carry personal or business data; encryption at rest protects them in storage and is required by most standards.',
    steps: [
      'Turn on server-side encryption for the queue: SSE-SQS needs no key management.',
      'Use SSE-KMS with a customer-managed key instead if you need key-level control, and grant producers and consumers kms:GenerateDataKey / kms:Decrypt.',
    ],
    subjects: ['aws', 'sqs', 'queue', 'messaging', 'encryption at rest', 'kms', 'sse'],
    fix: 'aws.sqsEncryptionAtRest',
    checkedAgainst: checked,
  },
  {
    key: '894259c2-c1d5-47dc-b5c6-b242d5c76fdf',
    description: 'Checks that the RDS DB instance has automated backups turned on (a backup retention period of at least one day).',
    whyItMatters: 'Without automated backups there is no point-in-time restore after data corruption, a bad deployment or ransomware.',
    steps: [
      'Set the backup retention period to 7 days or more (up to 35).',
      'Choose a backup window outside peak hours; turning backups on from zero causes a short outage.',
    ],
    subjects: [...RDS, 'backup', 'automated backups', 'retention', 'point-in-time restore'],
    fix: 'aws.rdsAutomatedBackups',
    checkedAgainst: checked,
  },
  {
    key: '9137f5de-aac8-4cee-a22f-8d81f19be67f',
    description: 'Checks that the RDS database is encrypted with a customer-managed KMS key rather than the AWS-managed key.',
    whyItMatters: 'A customer-managed key lets you control its policy, rotation and revocation, and restrict who can decrypt snapshots.',
    steps: [
      'Create a customer-managed KMS key with a key policy limited to the right roles.',
      'Encryption cannot be changed in place: take a snapshot, copy it with the new key, restore a new instance from the copy.',
      'Switch the application to the new instance and delete the old one after verification.',
    ],
    subjects: [...RDS, 'kms', 'customer-managed key', 'cmk', 'encryption at rest'],
    checkedAgainst: checked,
  },
  {
    key: 'ff4f3ab3-8ed7-4b4f-a721-4c3b66a59140',
    description: 'Checks that an RDS event subscription notifies you about critical events on database instances (failures, failovers, configuration changes).',
    whyItMatters: 'Without notifications, failures and unexpected changes to databases can go unnoticed until users complain.',
    steps: [
      'Create an SNS topic with the right subscribers.',
      'Create an RDS event subscription for source type db-instance with the categories maintenance, configuration change and failure.',
    ],
    subjects: [...RDS, 'event subscription', 'notifications', 'sns', 'monitoring'],
    checkedAgainst: checked,
  },
  {
    key: '7f5ac036-11e1-4cda-89b5-a115b9ae4f72',
    description: 'Checks that the Redshift cluster is not publicly accessible (its PubliclyAccessible setting is off).',
    whyItMatters: 'A publicly accessible cluster has a public endpoint that can be attacked from the internet, protected only by its security groups and passwords.',
    steps: [
      'Make sure clients reach the cluster from inside the VPC, over VPN/Direct Connect or through a bastion.',
      'Modify the cluster to turn off public accessibility.',
    ],
    subjects: [...REDSHIFT, 'public access', 'publicly accessible', 'internet exposure'],
    fix: 'aws.redshiftNoPublicAccess',
    checkedAgainst: checked,
  },
  {
    key: '176f9062-64d0-4edd-bb0f-915012a6ef16',
    description: 'Checks that the Redshift cluster accepts automatic major version upgrades during its maintenance window.',
    whyItMatters: 'Upgrades bring security fixes; a cluster pinned to an old version keeps known weaknesses.',
    steps: [
      'Check the cluster\'s maintenance window suits the workload.',
      'Modify the cluster to allow version upgrades (AllowVersionUpgrade = true).',
    ],
    subjects: [...REDSHIFT, 'upgrade', 'version upgrade', 'patching', 'maintenance'],
    fix: 'aws.redshiftAllowVersionUpgrade',
    checkedAgainst: checked,
  },
  {
    key: '7a152832-6600-49d1-89be-82e474190e13',
    description: 'Checks that the Redshift cluster keeps automated snapshots (a retention period of at least one day).',
    whyItMatters: 'Automated snapshots are what let you restore the warehouse after accidental deletion or corruption.',
    steps: [
      'Set the automated snapshot retention period to 7 days or more.',
      'Consider cross-region snapshot copy for disaster recovery.',
    ],
    subjects: [...REDSHIFT, 'snapshots', 'backup', 'retention'],
    fix: 'aws.redshiftAutomatedSnapshots',
    checkedAgainst: checked,
  },
  {
    key: 'e2a0ec17-447b-44b6-8646-c0b5584b6b0a',
    description: 'Checks that the Redshift cluster has audit logging turned on (connection and user activity logs to S3 or CloudWatch).',
    whyItMatters: 'Audit logs show who connected and what they ran; without them, misuse of the warehouse cannot be investigated.',
    steps: [
      'Choose a destination: an S3 bucket with the right bucket policy, or CloudWatch Logs.',
      'Turn on audit logging for the cluster; enable user activity logging with the enable_user_activity_logging parameter if needed.',
    ],
    subjects: [...REDSHIFT, 'audit logging', 'logging', 'audit', 'monitoring'],
    checkedAgainst: checked,
  },
  {
    key: '1ee72ceb-2cb7-4686-84e6-0e1ac1c27241',
    description: 'Checks that the Redshift cluster uses enhanced VPC routing, so COPY and UNLOAD traffic goes through your VPC.',
    whyItMatters: 'With enhanced VPC routing, data movement follows your VPC controls (security groups, endpoints, flow logs) instead of going over the internet.',
    steps: [
      'Make sure the VPC has the endpoints or NAT routes needed to reach S3 and other sources.',
      'Modify the cluster to turn on enhanced VPC routing.',
    ],
    subjects: [...REDSHIFT, 'enhanced vpc routing', 'vpc', 'network', 'data movement'],
    checkedAgainst: checked,
  },
  {
    key: 'e700ddd4-bb55-4602-b93a-d75895fbf7c6',
    description: 'Checks that the VPC of the EC2 instance has an interface endpoint for Amazon EC2, so API calls to EC2 stay on the AWS network.',
    whyItMatters: 'Without the endpoint, instances need internet access to call the EC2 API, which widens the egress you must allow.',
    steps: [
      'Create an interface VPC endpoint for com.amazonaws.<region>.ec2 in the instance\'s VPC.',
      'Enable private DNS on it and restrict it with an endpoint policy and security group.',
    ],
    subjects: ['aws', 'ec2', 'vpc endpoint', 'privatelink', 'network', 'egress'],
    checkedAgainst: [PAGES.aws, PAGES.networking],
  },
  {
    key: '9b63a099-6c0c-4354-848b-17de1f3c8ae3',
    description: 'Checks that the Elasticsearch / OpenSearch domain encrypts traffic between its nodes (node-to-node encryption).',
    whyItMatters: 'Without it, indexed data travels between nodes in clear text inside the VPC.',
    steps: [
      'Node-to-node encryption can be enabled on recent engine versions by updating the domain configuration; older domains need a new domain and a data migration.',
      'Also require HTTPS on the domain endpoint.',
    ],
    subjects: [...OPENSEARCH, 'node-to-node encryption', 'encryption in transit', 'tls'],
    checkedAgainst: checked,
  },
  {
    key: 'cf747c91-14f3-4b30-aafe-eb12c18fd030',
    description: 'Checks that the Elasticsearch / OpenSearch domain encrypts its data at rest.',
    whyItMatters: 'Indexes, logs and snapshots of the domain may hold sensitive data that is readable from storage without encryption.',
    steps: [
      'Enable encryption at rest on the domain (supported on current engine versions), choosing a KMS key.',
      'For older domains, create a new encrypted domain and migrate the indexes.',
    ],
    subjects: [...OPENSEARCH, 'encryption at rest', 'kms'],
    checkedAgainst: checked,
  },
  {
    key: 'd69eb8b0-79ba-4963-a683-a96a8ea787e2',
    description: 'Checks that the API Gateway REST API stage is protected by an AWS WAF web ACL.',
    whyItMatters: 'A WAF filters common web exploits, bots and floods before they reach the API\'s back end.',
    steps: [
      'Create a WAF web ACL with the AWS managed rule groups that fit the API.',
      'Associate it with the API stage.',
    ],
    subjects: [...API_GATEWAY, 'waf', 'web acl', 'web application firewall'],
    checkedAgainst: checked,
  },
  {
    key: '5cbaff4f-f8d5-49fe-9fdc-63c4507ac670',
    description: 'Checks that AWS X-Ray tracing is enabled on the API Gateway REST API stage.',
    whyItMatters: 'Traces help detect and investigate unusual request patterns and failures across the API and its back ends.',
    steps: [
      'Enable X-Ray tracing in the stage settings.',
      'Set sampling rules that keep costs reasonable.',
    ],
    subjects: [...API_GATEWAY, 'x-ray', 'tracing', 'monitoring'],
    checkedAgainst: checked,
  },
  {
    key: 'ec268d38-c94b-4df3-8b4e-5248fcaaf3fc',
    description: 'Checks that the API Gateway REST API stage has a client certificate, so back ends can verify that requests really come from API Gateway.',
    whyItMatters: 'Without it, anyone who finds the back end\'s address can call it directly and skip the gateway\'s authentication and throttling.',
    steps: [
      'Generate a client certificate in API Gateway and assign it to the stage.',
      'Configure the back end to require and validate that certificate.',
    ],
    subjects: [...API_GATEWAY, 'client certificate', 'backend authentication', 'mutual tls'],
    checkedAgainst: checked,
  },
];
