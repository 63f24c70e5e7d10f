// AWS ARNs and GCP resource names, as Defender reports them for connector findings. Parsed so a script can name the
// region, account or project explicitly; every part is still quoted when rendered.
import type { ParseResult } from './azureResourceId';

export interface AwsArn {
  arn: string;
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the account: 'db:orders', 'cluster:warehouse', 'snapshot/snap-0abc', 'my-queue'. */
  resource: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function parseAwsArn(raw: string): ParseResult<AwsArn> {
  const parts = raw.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return { ok: false, reason: 'not an AWS ARN (arn:partition:service:region:account:resource)' };
  const [, partition = '', service = '', region = '', accountId = '', ...resourceParts] = parts;
  const resource = resourceParts.join(':');
  if (!/^aws(-cn|-us-gov|-iso[a-z-]*)?$/.test(partition)) return { ok: false, reason: 'the ARN partition is not an AWS partition' };
  if (!/^[a-z0-9-]+$/.test(service)) return { ok: false, reason: 'the ARN service is not valid' };
  if (region !== '' && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return { ok: false, reason: 'the ARN region is not an AWS region' };
  if (accountId !== '' && !/^\d{12}$/.test(accountId)) return { ok: false, reason: 'the ARN account is not a 12-digit AWS account id' };
  if (resource.length === 0) return { ok: false, reason: 'the ARN names no resource' };
  if (CONTROL.test(resource)) return { ok: false, reason: 'the ARN resource holds a control character' };
  return { ok: true, value: { arn: raw, partition, service, region, accountId, resource } };
}

/** The part of an ARN resource after a known prefix ('db:' or 'snapshot/'), or undefined when the prefix differs. */
export function arnResourceName(arn: AwsArn, prefix: string): string | undefined {
  return arn.resource.startsWith(prefix) && arn.resource.length > prefix.length ? arn.resource.slice(prefix.length) : undefined;
}

export interface GcpResourceName {
  name: string;
  /** 'storage.googleapis.com' */
  service: string;
  /** Empty when the name does not carry one (buckets are global). */
  project: string;
  /** The resource's own short name: the bucket, the instance. */
  resource: string;
  /** 'buckets', 'instances' */
  collection: string;
}

/**
 * Cloud Asset full resource names: `//storage.googleapis.com/projects/_/buckets/{bucket}` or
 * `//storage.googleapis.com/{bucket}`, `//sqladmin.googleapis.com/projects/{project}/instances/{instance}`.
 */
export function parseGcpResourceName(raw: string): ParseResult<GcpResourceName> {
  const match = /^\/\/([a-z0-9.-]+\.googleapis\.com)\/(.+)$/.exec(raw);
  if (!match) return { ok: false, reason: 'not a GCP full resource name (//service.googleapis.com/...)' };
  const service = match[1] ?? '';
  const path = (match[2] ?? '').split('/');
  if (path.some((segment) => segment.length === 0 || CONTROL.test(segment))) return { ok: false, reason: 'the GCP resource name has an empty or control-character segment' };
  if (service === 'storage.googleapis.com') {
    const bucket = path.length === 1 ? path[0] : path[0] === 'projects' && path[2] === 'buckets' && path.length === 4 ? path[3] : undefined;
    // Bucket names: 3-63 (up to 222 with dots) lower-case letters, digits, -, _ and ., starting and ending with a letter or digit.
    if (!bucket || !/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) return { ok: false, reason: 'not a Cloud Storage bucket name GCP accepts' };
    const project = path[0] === 'projects' && path[1] !== '_' ? (path[1] ?? '') : '';
    return { ok: true, value: { name: raw, service, project, resource: bucket, collection: 'buckets' } };
  }
  if (path[0] !== 'projects' || path.length < 4) return { ok: false, reason: 'the GCP resource name does not start with projects/{project}' };
  const project = path[1] ?? '';
  // Project ids: 6-30 lower-case letters, digits and hyphens, starting with a letter.
  if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) return { ok: false, reason: 'the GCP project id is not valid' };
  return { ok: true, value: { name: raw, service, project, resource: path[path.length - 1] ?? '', collection: path[path.length - 2] ?? '' } };
}
