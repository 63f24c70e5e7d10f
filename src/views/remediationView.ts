// View model for adaptiveCards/remediation.json: steps, then scripts in CodeBlock elements, each with a monospace
// RichTextBlock fallback for clients that do not know CodeBlock (the Playground, older clients).

export interface ScriptView {
  /** "Azure CLI (bash)" */
  title: string;
  /** CodeBlock's language: "Bash" or "PowerShell". */
  language: string;
  fileName: string;
  code: string;
  /** The code split in lines, for the fallback's TextRuns. */
  lines: Array<{ text: string }>;
  /** A time-limited link that downloads the script as a file; '' when the bot has no address users can open. */
  downloadUrl: string;
}

export interface RemediationView {
  title: string;
  subtitle: string;
  /** What the fix changes ("Set public network access to Disabled on SQL server …"), or why nothing is scripted. */
  summary: string;
  steps: Array<{ number: string; text: string }>;
  scripts: ScriptView[];
  /** "Run these yourself …" / "The bot can apply …" */
  note: string;
  portalLink: string;
  buttons: Array<{ title: string; verb: string; ref: string }>;
}
