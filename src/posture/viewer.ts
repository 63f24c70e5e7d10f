// Who is asking. Every posture query takes one; a viewer with a scope (resolved from the user's own Azure access,
// see src/access/) sees only rows inside it, and a viewer without one sees everything (unscoped: SSO off, CLI, tests).

/** What a viewer may read: whole subscriptions, and resource groups inside other subscriptions. */
export interface AccessScope {
  /** Subscription ids (any case). */
  readonly subscriptions: readonly string[];
  /** "subscriptionId/resourceGroupName" pairs (any case) where the viewer holds a role on the group only. */
  readonly resourceGroups?: readonly string[];
}

export interface Viewer {
  /** Entra object id (Teams `from.aadObjectId`) when known. */
  readonly userId?: string;
  readonly tenantId?: string;
  readonly displayName?: string;
  /** Where the question was asked: results shown in a channel will be scoped to its members. */
  readonly conversationType?: 'personal' | 'groupChat' | 'channel';
  /** IANA time zone from the activity's clientInfo entity ("Europe/Berlin"); dates are read in UTC without it. */
  readonly timeZone?: string;
  /** Absent: the viewer sees everything. Present: only rows inside it, in every answer, count and name list. */
  readonly scope?: AccessScope;
  /** The user's own Resource Manager token for this turn (Teams SSO on-behalf-of), for writes with their rights. */
  readonly armToken?: () => Promise<string>;
  /** Drops the user's cached scope (Azure refused one of their writes), so the next answer resolves it again. */
  readonly forgetAccess?: () => void;
  /** In a channel with no scope set (or one that could not be read): answers are counts only (src/channels/). */
  readonly countsOnly?: 'notSet' | 'malformed';
}

/** For command-line tools, benchmarks and tests: sees everything. */
export const SYSTEM_VIEWER: Viewer = Object.freeze({ displayName: 'system' });
