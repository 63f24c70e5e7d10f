// The skills the bot runs, in help-card order: adding a skill is one line here (its folder exports the module).
import type { SkillModule } from './actions/skillModule';
import { helpCatalogOf, type PlatformDeps } from './actions/skillModule';
import { analyzeModule } from './skills/analyze/module';
import { assignModule } from './skills/assign/module';
import { delegateModule, type DelegationDeps } from './skills/delegate/module';
import type { PostureChanges } from './skills/assign/assignOwnerAction';
import { helpModule } from './skills/help/module';
import { remediateModule } from './skills/remediate/module';
import type { PostureHolder } from './posture/postureHolder';
import type { ScriptLinks } from './skills/remediate/scriptLinks';
import { remediateCodeModule } from './skills/remediateCode/module';
import type { IacWorkspace } from './iac/iacWorkspace';
import type { Reply } from './views/reply';
import type { HistoryReader } from './posture/history/openHistory';

/** What the composition root hands every module (each takes the part it needs). */
export interface SkillDeps {
  /** The posture holder: current() per step, applyChange()/revertChange() for changes made in chat. */
  posture: PostureChanges & Pick<PostureHolder, 'revertChange'> & Partial<Pick<PostureHolder, 'info'>>;
  /** Time-limited download links for remediation scripts, served by the bot's HTTP server. */
  scriptLinks?: ScriptLinks;
  /** The delegate skill's store, mailer and owner tags; without it the bot does not delegate. */
  delegation?: DelegationDeps;
  /** Posture history (what changed since); absent in tests that need none. */
  history?: HistoryReader;
  /** The infrastructure repository the remediate-code skill fixes (absent: it says none is set up). */
  iac?: IacWorkspace;
}

export const SKILL_MODULES: ReadonlyArray<SkillModule<SkillDeps & PlatformDeps, Reply>> = [
  analyzeModule,
  assignModule,
  remediateModule,
  delegateModule,
  remediateCodeModule,
  helpModule,
];

/** The modules' help entries, gathered without creating any module (the app packager and tests read it). */
export const skillHelp = () => helpCatalogOf(SKILL_MODULES);
