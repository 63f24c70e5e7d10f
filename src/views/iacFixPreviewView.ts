// View model for adaptiveCards/iacFixPreview.json: what a check's fix would change in the infrastructure repository,
// before the confirmation card that opens the pull request. Every text is data (TextRuns, never markdown); the diff
// is one monospace line per row, "+"/"-" kept at the start so added and removed lines do not rely on colour.
export interface IacDiffLineView {
  /** The diff line, clipped, its indentation kept with no-break spaces. */
  text: string;
  /** 'Accent' for added lines, 'Default' otherwise. */
  color: 'Accent' | 'Default';
  /** Removed lines are drawn subtle. */
  subtle: boolean;
  /** File and hunk headers are bold. */
  weight: 'Bolder' | 'Default';
}

export interface IacFixPreviewView {
  /** "Fix preview: Storage accounts should require TLS 1.2 or later" */
  title: string;
  /** "iac-demo-repo at abc1234" */
  subtitle: string;
  /** "Security check: … (High)" */
  check: string;
  /** "Defender recommendation: … (key)" */
  recommendation: string;
  /** "Files: a.tf, b.bicep" */
  files: string;
  /** Findings the fix leaves to a person, one sentence each. */
  refused: Array<{ text: string }>;
  lines: IacDiffLineView[];
  /** "… 12 more lines (the pull request has the whole diff)." or ''. */
  more: string;
}
