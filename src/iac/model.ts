// The IaC scanner's shared words: a template's resources read into one shape whatever the language, the values
// the platform would use (resolved, defaulted, or unknown), and what a rule says about a resource.
export type IacLanguage = 'arm' | 'bicep' | 'terraform';
export type IacSeverity = 'Low' | 'Medium' | 'High' | 'Critical';

/** A piece of a template's text: offsets into the file's text, and the 1-based line it starts on. */
export interface Span {
  start: number;
  end: number;
  line: number;
}

/** A path into a resource: property names, and numbers for array elements (Terraform: the n-th block of that name). */
export type PropertyPath = ReadonlyArray<string | number>;

/**
 * What the platform would see for a property: a value (written, or resolved from a parameter, variable or default),
 * missing (the service default applies), or unknown (computed at deploy time; never a finding).
 */
/** Where a value came from: written in place, a parameter's default, a variable, a parameter file, or a module call's input. */
export type ValueSource = 'literal' | 'parameter' | 'variable' | 'parameterFile' | 'moduleInput';

export type ResolvedValue =
  /** `origin` names the parameter file or module call (with its line) when the value came from one. */
  | { kind: 'value'; value: unknown; from: ValueSource; origin?: string; span: Span }
  | { kind: 'missing' }
  | { kind: 'unknown'; reason: string; span: Span };

/** One resource declared in a template. */
export interface IacResource {
  language: IacLanguage;
  /** ARM/Bicep: the full type (`Microsoft.Storage/storageAccounts`, child types joined); Terraform: `azurerm_storage_account`. */
  type: string;
  apiVersion?: string;
  /** The symbolic name (Bicep, Terraform) or the name as written (ARM). */
  name: string;
  span: Span;
  /** The property at a path, resolved as the platform would (parameters, variables, parameter files). */
  get(path: PropertyPath): ResolvedValue;
  /** How many elements an array (or Terraform blocks of that name) has at a path; 0 when missing or not an array. */
  count(path: PropertyPath): number;
  /** Child resources declared inside this one (ARM `resources`, Bicep nested `resource`). */
  children: readonly IacResource[];
  /** Where a property's value is written, or where it would be inserted (Bicep, Terraform; ARM edits go through jsonc-parser). */
  locate?(path: PropertyPath): PropertyLocation;
}

/** Where a fix edits: the written value, or the object/block it would be added to. */
export type PropertyLocation =
  | { kind: 'found'; span: Span }
  | { kind: 'absent'; insertAt: number; indent: string; remaining: PropertyPath }
  | { kind: 'unreachable'; reason: string };

export interface ParseProblem {
  file: string;
  line: number;
  message: string;
}

/** One template read: its resources, or why it could not be read. */
export interface ParsedTemplate {
  file: string;
  language: IacLanguage;
  text: string;
  resources: readonly IacResource[];
  problems: readonly ParseProblem[];
}

/** A text change: replace [start, end) with text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  /** Relative to the scanned folder, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  ruleId: string;
  assessmentKey: string | null;
  recommendation: string;
  severity: IacSeverity;
  resource: string;
  message: string;
  language: IacLanguage;
}
