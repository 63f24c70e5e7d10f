// Who owns a recommendation's fix, in order: the governance assignment's owner; else the resource's owner tag;
// else its resource group's, then its subscription's. A tag counts only when its whole value is one valid address
// (no lists, no display names, no sentences): addresses are never harvested from free text, descriptions or other
// tags. When nothing qualifies the bot asks (the draft's To field starts empty).
import { isEmailAddress } from '../../mail/emailAddress';

export type OwnerSource = 'governance' | 'resourceTag' | 'resourceGroupTag' | 'subscriptionTag';

export interface ResolvedOwner {
  address: string;
  source: OwnerSource;
  /** The tag that named it (tag sources only). */
  tag?: string;
}

/** Tags of the containers above a resource; absent when the data has none (the chain then skips them). */
export interface ContainerTags {
  resourceGroup(subscriptionId: string, resourceGroup: string): Readonly<Record<string, string>> | undefined;
  subscription(subscriptionId: string): Readonly<Record<string, string>> | undefined;
}

export interface OwnerSubject {
  owner?: string | undefined;
  tags: Readonly<Record<string, string>>;
  subscriptionId?: string | undefined;
  resourceGroup?: string | undefined;
}

/** The first configured tag name whose value is one whole address: exact name first, then any case. */
export function ownerFromTags(tags: Readonly<Record<string, string>>, names: readonly string[]): { address: string; tag: string } | undefined {
  const byLower = new Map<string, [string, string]>();
  for (const [key, value] of Object.entries(tags)) if (!byLower.has(key.toLowerCase())) byLower.set(key.toLowerCase(), [key, value]);
  for (const name of names) {
    const exact = tags[name];
    const entry: [string, string] | undefined = exact !== undefined ? [name, exact] : byLower.get(name.toLowerCase());
    if (!entry) continue;
    const value = entry[1].trim();
    if (isEmailAddress(value)) return { address: value, tag: entry[0] };
  }
  return undefined;
}

export function resolveOwner(subject: OwnerSubject, tagNames: readonly string[], containers?: ContainerTags): ResolvedOwner | undefined {
  const governed = subject.owner?.trim();
  if (governed && isEmailAddress(governed)) return { address: governed, source: 'governance' };
  const own = ownerFromTags(subject.tags, tagNames);
  if (own) return { ...own, source: 'resourceTag' };
  if (!containers || !subject.subscriptionId) return undefined;
  const groupTags = subject.resourceGroup ? containers.resourceGroup(subject.subscriptionId, subject.resourceGroup) : undefined;
  const group = groupTags ? ownerFromTags(groupTags, tagNames) : undefined;
  if (group) return { ...group, source: 'resourceGroupTag' };
  const subscriptionTags = containers.subscription(subject.subscriptionId);
  const subscription = subscriptionTags ? ownerFromTags(subscriptionTags, tagNames) : undefined;
  if (subscription) return { ...subscription, source: 'subscriptionTag' };
  return undefined;
}

/** "from the governance assignment", "from the resource's owner tag": said on the draft card. */
export function ownerSourceText(owner: ResolvedOwner): string {
  switch (owner.source) {
    case 'governance':
      return 'from the governance assignment';
    case 'resourceTag':
      return `from the resource's "${owner.tag}" tag`;
    case 'resourceGroupTag':
      return `from the resource group's "${owner.tag}" tag`;
    case 'subscriptionTag':
      return `from the subscription's "${owner.tag}" tag`;
  }
}
