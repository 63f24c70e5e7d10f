// "refresh posture now": the command's wording, one on-demand refresh for two admins asking at once, a long read
// answered at once and its outcome said later, and a failed read said plainly.
import { matchAccountCommand } from '../../src/account/accountCommands';
import { createAdmins } from '../../src/account/admins';
import { createRefreshPostureAction } from '../../src/account/refreshPostureAction';
import type { ActionContext } from '../../src/actions/registry';
import { AppError } from '../../src/errors/appError';
import type { PostureInfo, ReloadResult } from '../../src/posture/postureHolder';
import type { Reply } from '../../src/views/reply';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';

const ADMIN = '00000000-0000-4000-8000-0000000000ad';
const info = (): PostureInfo => ({ source: 'azure tenant', demo: false, exportHash: 'h', rows: 42, loadMs: 1, loadedAt: Date.now(), changes: 0, generation: 1, live: true, refresh: 'incremental' });

function contextFor(id: string, replies: string[], later?: Array<() => Promise<void>>): ActionContext<Reply> {
  const say = async (reply: Reply) => void replies.push(reply.kind === 'text' ? reply.text : reply.card.template);
  return {
    viewer: { displayName: 'x' } as ActionContext<Reply>['viewer'],
    actor: { id },
    conversationId: 'c',
    conversation: { get: () => undefined, set: () => undefined, delete: () => undefined },
    reply: say,
    ...(later ? { later: (work) => void later.push(() => work({ reply: say, replaceCard: say })) } : {}),
  };
}

describe('refresh posture now', () => {
  it('is matched on the whole message', () => {
    for (const text of ['refresh posture now', 'Refresh the posture data', 'reload posture', 'please refresh security data now']) expect(matchAccountCommand(text)).toEqual({ name: 'refreshPosture', parameters: {} });
    expect(matchAccountCommand('refresh posture for storage accounts')).toBeUndefined();
  });

  it('runs one refresh when two admins ask at once', async () => {
    let reloads = 0;
    const posture = { reload: async (): Promise<ReloadResult> => (reloads++, { loadMs: 1, retired: 0, changes: 0 }), info };
    const action = createRefreshPostureAction({ posture, admins: createAdmins([ADMIN, 'other-admin']), records: createMemoryRecordsStore() });
    const a: string[] = [];
    const b: string[] = [];
    await Promise.all([action.handler({}, contextFor(ADMIN, a)), action.handler({}, contextFor('other-admin', b))]);
    expect(reloads).toBe(1);
    expect([...a, ...b].filter((text) => text.startsWith('Posture data refreshed: read only what changed since the last read (42 rows)'))).toHaveLength(1);
    expect([...a, ...b].filter((text) => text.includes('less than 5 minutes ago'))).toHaveLength(1);
  });

  it('answers at once when the read is long, says the outcome later, and says a failure plainly', async () => {
    let fail: (error: Error) => void = () => undefined;
    const posture = { reload: () => new Promise<ReloadResult>((_resolve, reject) => (fail = reject)), info };
    const action = createRefreshPostureAction({ posture, admins: createAdmins([ADMIN]), records: createMemoryRecordsStore(), waitMs: 20 });
    const replies: string[] = [];
    const later: Array<() => Promise<void>> = [];
    await action.handler({}, contextFor(ADMIN, replies, later));
    expect(replies).toEqual(['Refreshing posture data now. I will say here when it is done; answers use the current data until then.']);
    fail(new AppError('DATA_UNAVAILABLE', 'securityresources over tenant: HTTP 503'));
    await Promise.all(later.map((work) => work()));
    expect(replies[1]).toMatch(/^The refresh failed \(securityresources over tenant: HTTP 503\)\. I keep answering from the data read just now/);
  });
});
