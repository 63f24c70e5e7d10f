// Starting the IaC flow from a Defender IaC recommendation on screen: its scanner rule id picks our check (whatever
// the tool prefix), and an id that is not one of our checks gets a clear "not one we can fix" answer before any scan.
import type { ActionContext } from '../../../src/actions/registry';
import type { IacWorkspace, WorkspaceScan } from '../../../src/iac/iacWorkspace';
import { IAC_RULES } from '../../../src/iac/rules/catalog';
import type { PostureEngine } from '../../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { createIacFindingsAction } from '../../../src/skills/remediateCode/iacFindingsAction';
import type { Reply } from '../../../src/views/reply';

function setUp(details: { displayName: string; recommendationCategory?: string; iacRuleId?: string }) {
  let scans = 0;
  const checks = IAC_RULES.filter((r) => ['storage-min-tls', 'nsg-ssh-internet'].includes(r.id)).map((rule) => ({ rule, findings: [], files: ['main.tf'] }));
  const workspace: IacWorkspace = {
    remote: false,
    scan: async (): Promise<WorkspaceScan> => {
      scans++;
      return { repository: 'infra', branch: 'main', commit: 'abcdef1234', checks, problems: [] };
    },
    preview: async () => undefined,
    submit: async () => undefined,
  };
  const posture = { current: () => ({ details: () => details }) as unknown as PostureEngine };
  const action = createIacFindingsAction({ workspace, posture, resolveTarget: () => ({ ok: true, assessmentId: 'a-1' }) });
  const replies: Reply[] = [];
  const memory = new Map<string, unknown>();
  const context: ActionContext<Reply> = {
    viewer: SYSTEM_VIEWER,
    actor: { id: 'u-1', name: 'Ada' },
    conversationId: 'c-1',
    reply: async (r) => void replies.push(r),
    conversation: { get: <T>(k: string) => memory.get(k) as T | undefined, set: (k, v) => void memory.set(k, v), delete: (k) => void memory.delete(k) },
  };
  return { run: () => action.handler({ onScreen: true }, context), replies, memory, scans: () => scans };
}

describe('iacFindings from a Defender IaC recommendation', () => {
  it('narrows the list to the check the scanner rule id names, tool prefix and all', async () => {
    const flow = setUp({ displayName: 'IaC: a finding renamed', recommendationCategory: 'IacVulnerabilities', iacRuleId: 'checkov/CKV_AZURE_10' });
    await flow.run();
    expect(flow.memory.get('iacChecks')).toEqual(['nsg-ssh-internet']);
  });

  it('answers that an unknown scanner rule is not one it can fix, without scanning', async () => {
    const flow = setUp({ displayName: 'IaC: Cosmos DB accounts should restrict network access', recommendationCategory: 'IacVulnerabilities', iacRuleId: 'CKV_AZURE_99' });
    await expect(flow.run()).rejects.toThrow(/comes from scanner rule CKV_AZURE_99, which is not one of the checks this bot can fix in code/);
    expect(flow.scans()).toBe(0);
    expect(flow.replies).toEqual([]);
  });
});
