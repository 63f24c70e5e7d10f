// The skills the bot runs, in help-card order: adding a skill is one line here (its folder exports the module).
import type { SkillModule } from './actions/skillModule';
import { helpCatalogOf, type PlatformDeps } from './actions/skillModule';
import type { PostureEngine } from './posture/engine';
import { analyzeModule } from './skills/analyze/module';
import { assignModule } from './skills/assign/module';
import type { PostureChanges } from './skills/assign/assignOwnerAction';
import { helpModule } from './skills/help/module';
import type { Reply } from './views/reply';

/** What the composition root hands every module (each takes the part it needs). */
export interface SkillDeps {
  engine: PostureEngine;
  posture: PostureChanges;
}

export const SKILL_MODULES: ReadonlyArray<SkillModule<SkillDeps & PlatformDeps, Reply>> = [
  analyzeModule,
  assignModule,
  helpModule,
];

/** The modules' help entries, gathered without creating any module (the app packager and tests read it). */
export const skillHelp = () => helpCatalogOf(SKILL_MODULES);
