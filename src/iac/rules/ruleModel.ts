// What a rule is: the Defender recommendation it stands for, and how it judges one resource. A failed check carries
// its fix as data (set a property, add lines inside the resource, or a reason it needs a person).
import type { IacLanguage, IacResource, IacSeverity, ParsedTemplate, PropertyPath } from '../model';

export type Scalar = string | number | boolean;

export type FixAction =
  /** Set (or add) one property of the resource to a literal value. */
  | { kind: 'set'; path: PropertyPath; value: Scalar }
  /** Add a child resource: ARM nested `resources` entry, Bicep nested `resource`, Terraform a block after the resource. */
  | { kind: 'addChild'; arm: Record<string, unknown>; bicep: string[]; terraform: string[] }
  /** No safe edit: the choice needs a person (address ranges, which rule to narrow). */
  | { kind: 'manual'; reason: string };

export interface RuleFailure {
  message: string;
  /** 1-based line the finding points at. */
  line: number;
  fix: FixAction;
  /** What the fix changes, in one sentence for the PR and the card. */
  fixSummary: string;
}

export interface RuleContext {
  template: ParsedTemplate;
  /** Every template of the same deployment unit (the ARM/Bicep file itself; the Terraform module's folder). */
  unit: readonly ParsedTemplate[];
}

export interface IacRule {
  id: string;
  title: string;
  /** The Defender for Cloud recommendation's assessment key, or null when there is none. */
  assessmentKey: string | null;
  recommendation: string;
  severity: IacSeverity;
  /** Resource types per language family, compared case-insensitively. */
  types: { arm: readonly string[]; terraform: readonly string[] };
  evaluate(resource: IacResource, context: RuleContext): RuleFailure[];
}

export const familyOf = (language: IacLanguage): 'arm' | 'terraform' => (language === 'terraform' ? 'terraform' : 'arm');

export const appliesTo = (rule: IacRule, resource: IacResource) =>
  rule.types[familyOf(resource.language)].some((t) => t.toLowerCase() === resource.type.toLowerCase());
