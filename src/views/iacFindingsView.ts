// View model for adaptiveCards/iacFindings.json: the infrastructure repository's IaC findings grouped by security
// check, each check with its severity, where it is, the Defender recommendation it maps to, and one "Fix this" button
// that carries only the check's rule id (the action scans again and shows the fix before anything is submitted).
export interface IacCheckRowView {
  /** "1. Storage accounts should not allow public blob access" */
  heading: string;
  /** "High · modules/storage/main.tf:27 and 1 more" */
  detail: string;
  /** "Defender: Storage account public access should be disallowed (51fd8bb1-…)" */
  recommendation: string;
  buttonTitle: string;
  verb: string;
  ref: string;
}

export interface IacFindingsView {
  title: string;
  /** "8 findings in iac-demo-repo (main at abc1234), by security check." */
  intro: string;
  checks: IacCheckRowView[];
  /** Why the list is empty, or ''. */
  emptyText: string;
  /** Files skipped because they could not be parsed, or ''. */
  skipped: string;
  /** "2 more checks are not shown: ask for one service ("IaC findings for storage")." or ''. */
  more: string;
}
