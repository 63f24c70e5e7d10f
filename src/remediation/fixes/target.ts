// Binds a fix definition to one resource: parses the id for the definition's cloud, checks it is the right kind of
// resource, and answers the parts of it a command line names.
import { parseAzureResourceId, type ParseResult } from '../azureResourceId';
import { arnResourceName, parseAwsArn, parseGcpResourceName } from '../cloudResourceIds';
import type { Fix, FixDefinition, Scalar, TargetRef } from './model';

export function bindFix(definition: FixDefinition, resourceId: string): ParseResult<Fix> {
  if (definition.cloud === 'azure') {
    const parsed = parseAzureResourceId(resourceId);
    if (!parsed.ok) return parsed;
    if (parsed.value.resourceType !== definition.azureType) {
      return { ok: false, reason: `this fix is for a ${definition.resourceLabel} (${definition.azureType}), not ${parsed.value.resourceType}` };
    }
    return { ok: true, value: { definition, target: { cloud: 'azure', azure: parsed.value } } };
  }
  if (definition.cloud === 'aws') {
    const parsed = parseAwsArn(resourceId);
    if (!parsed.ok) return parsed;
    const expected = definition.aws;
    const name = expected && parsed.value.service === expected.service ? arnResourceName(parsed.value, expected.resourcePrefix) : undefined;
    if (!expected || name === undefined) return { ok: false, reason: `this fix is for an AWS ${definition.resourceLabel}, and the ARN names something else` };
    if (!parsed.value.region) return { ok: false, reason: 'the ARN has no region, so the command could not be pinned to one' };
    return { ok: true, value: { definition, target: { cloud: 'aws', aws: parsed.value, name } } };
  }
  const parsed = parseGcpResourceName(resourceId);
  if (!parsed.ok) return parsed;
  if (!definition.gcp || parsed.value.service !== definition.gcp.service || parsed.value.collection !== definition.gcp.collection) {
    return { ok: false, reason: `this fix is for a GCP ${definition.resourceLabel}, and the resource name names something else` };
  }
  return { ok: true, value: { definition, target: { cloud: 'gcp', gcp: parsed.value } } };
}

function changeValue(fix: Fix): Scalar {
  const change = fix.definition.change;
  return change.kind === 'setProperty' ? change.value : change.rule;
}

/** The value of a reference, typed (only 'value' can be a boolean or number). */
export function refValue(fix: Fix, ref: TargetRef): Scalar {
  if (ref === 'value') return changeValue(fix);
  const target = fix.target;
  const missing = (): never => {
    throw new Error(`fix ${fix.definition.id}: '${ref}' does not apply to a ${target.cloud} resource`);
  };
  switch (target.cloud) {
    case 'azure': {
      const id = target.azure;
      if (ref === 'subscription') return id.subscriptionId;
      if (ref === 'resourceGroup') return id.resourceGroup;
      if (ref === 'name') return id.name;
      if (ref === 'resourceId') return id.id;
      if (ref === 'parentName') return id.names.length >= 2 ? (id.names[id.names.length - 2] ?? missing()) : missing();
      return missing();
    }
    case 'aws': {
      const arn = target.aws;
      if (ref === 'region') return arn.region;
      if (ref === 'accountId') return arn.accountId;
      if (ref === 'awsName' || ref === 'name') return target.name;
      if (ref === 'resourceId') return arn.arn;
      if (ref === 'queueUrl') {
        const host = arn.partition === 'aws-cn' ? `sqs.${arn.region}.amazonaws.com.cn` : `sqs.${arn.region}.amazonaws.com`;
        return `https://${host}/${arn.accountId}/${target.name}`;
      }
      return missing();
    }
    case 'gcp': {
      const resource = target.gcp;
      if (ref === 'project') return resource.project || missing();
      if (ref === 'name') return resource.resource;
      if (ref === 'resourceId') return resource.name;
      if (ref === 'bucketUrl') return `gs://${resource.resource}`;
      return missing();
    }
  }
}
