// The common kind of rule: one property must hold a secure value. Written values, parameters and variables are
// judged as written; a missing property is judged by the documented default (src/iac/rules/serviceDefaults.ts);
// a computed value or an undocumented default is unknown and never a finding.
import type { IacResource, PropertyPath } from '../model';
import type { IacRule, RuleFailure, Scalar } from './ruleModel';
import { familyOf } from './ruleModel';
import { serviceDefault } from './serviceDefaults';

export interface PropertySpec {
  types: readonly string[];
  path: PropertyPath;
  /** Older spellings of the property (azurerm 3.x names), read when the current one is absent. */
  aliases?: readonly PropertyPath[];
  fixValue: Scalar;
}

export interface PropertyRuleSpec extends Omit<IacRule, 'types' | 'evaluate'> {
  arm: PropertySpec;
  terraform: PropertySpec;
  isSecure(value: unknown): boolean;
  /** The finding's sentence for an insecure value ("allows TLS1_0"). */
  problem(value: unknown): string;
}

const show = (value: unknown) => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

export function propertyRule(spec: PropertyRuleSpec): IacRule {
  const { arm, terraform, isSecure, problem, ...identity } = spec;
  return {
    ...identity,
    types: { arm: arm.types, terraform: terraform.types },
    evaluate(resource: IacResource): RuleFailure[] {
      const property = familyOf(resource.language) === 'arm' ? arm : terraform;
      let path = property.path;
      let value = resource.get(path);
      for (const alias of property.aliases ?? []) {
        if (value.kind !== 'missing') break;
        const aliased = resource.get(alias);
        if (aliased.kind !== 'missing') {
          path = alias;
          value = aliased;
        }
      }
      const name = path.filter((p) => typeof p === 'string').join('.');
      const fixSummary = `Set ${name} to ${show(property.fixValue)} on ${resource.name}.`;
      if (value.kind === 'unknown') return [];
      if (value.kind === 'value') {
        if (isSecure(value.value)) return [];
        const via = value.origin ? ` (from ${value.origin})` : value.from === 'literal' ? '' : ` (from the ${value.from === 'parameterFile' ? 'parameter file' : value.from})`;
        return [{ message: `${resource.name}: ${name} is ${show(value.value)}${via}: ${problem(value.value)}.`, line: value.span.line, fix: { kind: 'set', path, value: property.fixValue }, fixSummary }];
      }
      const fallback = serviceDefault(spec.id, resource.language, resource.apiVersion);
      if (!fallback.known || isSecure(fallback.value)) return [];
      return [{
        message: `${resource.name}: ${name} is not set, so the service default ${show(fallback.value)} applies${resource.apiVersion ? ` for API ${resource.apiVersion}` : ''}: ${problem(fallback.value)}.`,
        line: resource.span.line,
        fix: { kind: 'set', path: property.path, value: property.fixValue },
        fixSummary,
      }];
    },
  };
}

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
export const isTrue = (v: unknown) => v === true || lower(v) === 'true';
export const isFalse = (v: unknown) => v === false || lower(v) === 'false';
export const equalsText = (expected: string) => (v: unknown) => lower(v) === expected.toLowerCase();

/** TLS1_2, 1.2, '1.3': at least 1.2. */
export const tlsAtLeast12 = (v: unknown) => {
  const match = /(\d)[._](\d)/.exec(String(v));
  return match ? Number(match[1]) > 1 || (Number(match[1]) === 1 && Number(match[2]) >= 2) : false;
};
