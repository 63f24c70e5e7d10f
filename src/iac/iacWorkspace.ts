// The repository the Teams flow works on: scan its default branch, group the findings by security check, preview one
// check's fix (diff, files, mapped recommendation), and open the pull request. Before committing, the repository is
// read again; when it moved since the preview, it is re-scanned and the fix re-made on the new commit.
import { applyFixes, type FixOutcome } from './fixer';
import { unifiedDiff } from './patch';
import { changeSetFor } from './pullRequests/changeSet';
import type { PullRequestProvider, PullRequestResult, RepositorySnapshot } from './pullRequests/pullRequestProvider';
import { ruleById } from './rules/catalog';
import type { IacRule } from './rules/ruleModel';
import { scanSources, type ScanFinding } from './scanner';
import type { ParseProblem } from './model';

export interface CheckGroup {
  rule: IacRule;
  findings: ScanFinding[];
  files: string[];
}

export interface WorkspaceScan {
  repository: string;
  branch: string;
  commit: string;
  checks: CheckGroup[];
  problems: ParseProblem[];
}

export interface FixPreview {
  rule: IacRule;
  repository: string;
  commit: string;
  findings: ScanFinding[];
  outcome: FixOutcome;
  diff: string;
}

export interface SubmitResult extends PullRequestResult {
  /** True when the repository moved since the preview and the fix was re-made on the new commit. */
  rescanned: boolean;
  files: string[];
}

export interface IacWorkspace {
  /** True for hosts across the network (GitHub, Azure DevOps): opening a PR takes longer than Teams waits. */
  remote: boolean;
  scan(): Promise<WorkspaceScan>;
  preview(ruleId: string): Promise<FixPreview | undefined>;
  submit(ruleId: string, previewCommit: string, requestedBy: string): Promise<SubmitResult | undefined>;
}

const SEVERITY_ORDER = { Critical: 0, High: 1, Medium: 2, Low: 3 } as const;

export function createIacWorkspace(options: { provider(): Promise<PullRequestProvider>; remote?: boolean }): IacWorkspace {
  const scanSnapshot = async (snapshot: RepositorySnapshot) => scanSources(snapshot.files);
  const groups = (findings: ScanFinding[]): CheckGroup[] => {
    const byRule = new Map<string, ScanFinding[]>();
    for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    return [...byRule]
      .flatMap(([id, list]) => {
        const rule = ruleById(id);
        return rule ? [{ rule, findings: list, files: [...new Set(list.map((f) => f.file))] }] : [];
      })
      .sort((a, b) => SEVERITY_ORDER[a.rule.severity] - SEVERITY_ORDER[b.rule.severity] || b.findings.length - a.findings.length || a.rule.id.localeCompare(b.rule.id));
  };
  const previewOn = async (snapshot: RepositorySnapshot, ruleId: string): Promise<FixPreview | undefined> => {
    const rule = ruleById(ruleId);
    if (!rule) return undefined;
    const scan = await scanSnapshot(snapshot);
    const findings = scan.findings.filter((f) => f.ruleId === ruleId);
    if (findings.length === 0) return undefined;
    const outcome = await applyFixes(snapshot.files, findings);
    return { rule, repository: snapshot.name, commit: snapshot.commit, findings, outcome, diff: unifiedDiff(snapshot.files, outcome.sources, outcome.changedFiles) };
  };
  return {
    remote: options.remote ?? false,
    async scan() {
      const provider = await options.provider();
      const snapshot = await provider.snapshot();
      const scan = await scanSnapshot(snapshot);
      return { repository: snapshot.name, branch: snapshot.defaultBranch, commit: snapshot.commit, checks: groups(scan.findings), problems: scan.problems };
    },
    async preview(ruleId) {
      const provider = await options.provider();
      return previewOn(await provider.snapshot(), ruleId);
    },
    async submit(ruleId, previewCommit, requestedBy) {
      const provider = await options.provider();
      const snapshot = await provider.snapshot();
      const preview = await previewOn(snapshot, ruleId);
      if (!preview || preview.outcome.changedFiles.length === 0) return undefined;
      const files = preview.outcome.sources.filter((s) => preview.outcome.changedFiles.includes(s.file));
      const change = changeSetFor({
        rule: preview.rule, files, summaries: preview.outcome.applied.map((a) => a.summary), findings: preview.findings.map((f) => `${f.file}:${f.line}: ${f.message}`),
        diff: preview.diff, baseCommit: snapshot.commit, requestedBy,
      });
      const result = await provider.openPullRequest(change);
      return { ...result, rescanned: snapshot.commit !== previewCommit, files: preview.outcome.changedFiles };
    },
  };
}
