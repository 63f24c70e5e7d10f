// A plain sentence for a confirmation card: what changes, on which resource. Built from the fix data only.
import type { Fix } from './model';

export interface ChangeDescription {
  /** 'Set minimum TLS version to TLS1_2 on storage account "stpayments" (resource group "rg-data", subscription 89a9…).' */
  sentence: string;
  /** What a person calls the resource kind. */
  resourceLabel: string;
  /** The resource's own name, as the cloud reports it. */
  resourceName: string;
  /** Where it lives: resource group and subscription, AWS account and region, or GCP project. */
  location: string;
  /** Who or what the change affects, from the definition. */
  impact: string;
  /** Whether the bot may apply it, and why not when it may not. */
  appliable: boolean;
  notAppliableReason?: string;
}

function resourceNameAndLocation(fix: Fix): { name: string; location: string } {
  const target = fix.target;
  switch (target.cloud) {
    case 'azure': {
      const id = target.azure;
      const parent = id.names.length >= 2 ? `${id.names.slice(0, -1).join('/')}/` : '';
      return { name: `${parent}${id.name}`, location: `resource group "${id.resourceGroup}", subscription ${id.subscriptionId}` };
    }
    case 'aws':
      return { name: target.name, location: `AWS account ${target.aws.accountId || 'unknown'}, region ${target.aws.region}` };
    case 'gcp':
      return { name: target.gcp.resource, location: target.gcp.project ? `GCP project ${target.gcp.project}` : 'GCP' };
  }
}

function shown(value: string | number | boolean, shownValue: string | undefined): string {
  return shownValue ?? String(value);
}

export function describeChange(fix: Fix): ChangeDescription {
  const { definition } = fix;
  const change = definition.change;
  const { name, location } = resourceNameAndLocation(fix);
  const on = `${definition.resourceLabel} "${name}" (${location})`;
  const what =
    change.kind === 'setProperty'
      ? change.shownValue === 'on' || change.shownValue === 'off'
        ? `Turn ${change.label} ${change.shownValue} for ${on}.`
        : `Set ${change.label} to ${shown(change.value, change.shownValue)} on ${on}.`
      : change.kind === 'removeRule'
        ? `Remove ${change.label} ("${change.rule}") from ${on}.`
        : `Add ${change.label} ("${change.rule}") to ${on}.`;
  return {
    sentence: what,
    resourceLabel: definition.resourceLabel,
    resourceName: name,
    location,
    impact: definition.impact,
    appliable: definition.appliable,
    ...(definition.notAppliableReason ? { notAppliableReason: definition.notAppliableReason } : {}),
  };
}
