// Who is asking. Every posture query takes one; today everyone sees everything, a later issue scopes
// results by the viewer's Azure access (Teams SSO), so keep passing it through.

export interface Viewer {
  /** Entra object id (Teams `from.aadObjectId`) when known. */
  readonly userId?: string;
  readonly tenantId?: string;
  readonly displayName?: string;
  /** Where the question was asked: results shown in a channel will be scoped to its members. */
  readonly conversationType?: 'personal' | 'groupChat' | 'channel';
  /** IANA time zone from the activity's clientInfo entity ("Europe/Berlin"); dates are read in UTC without it. */
  readonly timeZone?: string;
}

/** For command-line tools, benchmarks and tests: sees everything. */
export const SYSTEM_VIEWER: Viewer = Object.freeze({ displayName: 'system' });
