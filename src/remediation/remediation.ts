// The remediation service: for a recommendation and a resource, the fix (or the manual steps when there is none),
// its scripts in every form, and the sentence a confirmation card shows.
import { FIX_DEFINITIONS } from './fixes/definitions';
import { describeChange, type ChangeDescription } from './fixes/describeChange';
import { fixDefinitionSchema, type Fix, type FixDefinition, type RenderedFix } from './fixes/model';
import { renderArmRequest } from './fixes/renderArm';
import { renderBash } from './fixes/renderBash';
import { renderPowerShell } from './fixes/renderPowerShell';
import { softwareUpdateAdvice, type SoftwareUpdateAdvice, type SoftwareUpdateFinding } from './fixes/softwareUpdate';
import { bindFix } from './fixes/target';
import type { KnowledgeBase } from './knowledge/knowledgeBase';

export type FixLookup =
  | { status: 'fix'; fix: Fix; steps: string[] }
  /** The recommendation is known but has no scripted fix: the manual steps. */
  | { status: 'manual'; steps: string[] }
  /** A fix exists, but the resource id is not one it can target (wrong type, or a name Azure would refuse). */
  | { status: 'invalidTarget'; reason: string; steps: string[] }
  | { status: 'unknown' };

export interface Remediation {
  fixFor(key: string, resourceId: string): FixLookup;
  /** By fix id: for fixes no catalog key leads to yet (GCP). */
  fixForDefinition(fixId: string, resourceId: string): { ok: true; fix: Fix } | { ok: false; reason: string };
  renderScripts(fix: Fix): RenderedFix;
  describeChange(fix: Fix): ChangeDescription;
  softwareUpdate(finding: SoftwareUpdateFinding): SoftwareUpdateAdvice;
  definitions(): readonly FixDefinition[];
}

export interface RemediationOptions {
  knowledge: KnowledgeBase;
  definitions?: readonly FixDefinition[];
}

export function renderScripts(fix: Fix): RenderedFix {
  if (fix.target.cloud === 'azure') return { bash: renderBash(fix), powershell: renderPowerShell(fix), arm: renderArmRequest(fix) };
  return { bash: renderBash(fix) };
}

export function createRemediation(options: RemediationOptions): Remediation {
  const definitions = (options.definitions ?? FIX_DEFINITIONS).map((definition) => fixDefinitionSchema.parse(definition));
  const byId = new Map<string, FixDefinition>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) throw new Error(`fix definition ${definition.id} appears twice`);
    byId.set(definition.id, definition);
  }
  const bind = (fixId: string, resourceId: string): { ok: true; fix: Fix } | { ok: false; reason: string } => {
    const definition = byId.get(fixId);
    if (!definition) return { ok: false, reason: `no fix definition ${fixId}` };
    const bound = bindFix(definition, resourceId);
    return bound.ok ? { ok: true, fix: bound.value } : bound;
  };
  return {
    fixFor: (key, resourceId) => {
      const entry = options.knowledge.entryFor(key);
      if (!entry) return { status: 'unknown' };
      const steps = [...entry.steps];
      if (!entry.fix) return { status: 'manual', steps };
      const bound = bind(entry.fix, resourceId);
      return bound.ok ? { status: 'fix', fix: bound.fix, steps } : { status: 'invalidTarget', reason: bound.reason, steps };
    },
    fixForDefinition: bind,
    renderScripts,
    describeChange,
    softwareUpdate: softwareUpdateAdvice,
    definitions: () => definitions,
  };
}
