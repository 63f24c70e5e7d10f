// The ARM request for an Azure fix: method, URL with the api-version, and the body built from the change.
import { armUrl } from '../azureResourceId';
import type { ArmRequest, Change, Fix } from './model';

/** { properties: { minimumTlsVersion: 'TLS1_2' } } from 'properties.minimumTlsVersion' = 'TLS1_2'. */
function nested(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

function ruleSegments(change: Change): string[] {
  return change.kind === 'setProperty' ? [] : [change.collection, change.rule];
}

export function renderArmRequest(fix: Fix): ArmRequest {
  const { definition, target } = fix;
  if (target.cloud !== 'azure' || !definition.arm) throw new Error(`fix ${definition.id}: only Azure fixes have an ARM request`);
  const { method, apiVersion, childPath } = definition.arm;
  const change = definition.change;
  const url = armUrl(target.azure, [...childPath, ...ruleSegments(change)], apiVersion);
  if (change.kind === 'setProperty') return { method, url, body: nested(change.property, change.value) };
  if (change.kind === 'addRule') return { method, url, body: { properties: { ...change.properties } } };
  return { method, url };
}
