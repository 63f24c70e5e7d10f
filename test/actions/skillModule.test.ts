// The help catalog gathers every module's help entries and refuses what Teams or the cards could not show.
import { REF_PATTERN } from '../../src/actions/cardVerb';
import { helpCatalogOf, SAMPLE_PROMPT_LIMITS, type HelpEntry } from '../../src/actions/skillModule';
import { SKILL_MODULES, skillHelp } from '../../src/skillModules';

const moduleWith = (name: string, help: HelpEntry[]) => ({ name, help });
const sample = (ref: string, title = `Title ${ref}`) => ({ ref, title, prompt: `prompt ${ref}`, description: 'd' });

describe('help catalog', () => {
  it("gathers the registered modules' entries in order, within Teams' command limits", () => {
    const help = skillHelp();
    expect(help.entries).toEqual(SKILL_MODULES.flatMap((m) => m.help));
    expect(help.samples.length).toBeGreaterThan(0);
    expect(help.samples.length).toBeLessThanOrEqual(SAMPLE_PROMPT_LIMITS.count);
    for (const p of help.samples) {
      expect(p.ref).toMatch(REF_PATTERN);
      expect(p.title.length).toBeLessThanOrEqual(SAMPLE_PROMPT_LIMITS.title);
      expect(p.description.length).toBeLessThanOrEqual(SAMPLE_PROMPT_LIMITS.description);
    }
  });

  it('finds a sample prompt by ref only', () => {
    const help = skillHelp();
    const first = help.samples[0]!;
    expect(help.findSample(first.ref)).toBe(first);
    expect(help.findSample(first.title)).toBeUndefined();
    expect(help.findSample('')).toBeUndefined();
  });

  it('keeps the refs older cards carry', () => {
    expect(skillHelp().samples.map((p) => p.ref).sort()).toEqual(expect.arrayContaining(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']));
  });

  it('refuses duplicate modules, refs and titles, and prompts Teams would not show, listing every problem', () => {
    const entry = (samples: ReturnType<typeof sample>[]): HelpEntry => ({ title: 't', description: 'd', samples });
    const build = () =>
      helpCatalogOf([
        moduleWith('a', [entry([sample('x1'), sample('x2', 'Same')])]),
        moduleWith('a', [entry([sample('x1'), sample('x3', 'same'), { ...sample('x4'), title: 'y'.repeat(33) }, { ...sample('bad ref') }, { ...sample('x5'), prompt: ' padded ' }])]),
      ]);
    expect(build).toThrow(/listed twice/);
    const message = (() => {
      try {
        build();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const part of ['"x1" is used twice', 'title "same" is used twice', '"x4": the title must be 1-32', '"bad ref" is not a short identifier', '"x5": the prompt must be non-empty and trimmed']) {
      expect(message).toContain(part);
    }
    const eleven = Array.from({ length: 11 }, (_, i) => sample(`s${i}`));
    expect(() => helpCatalogOf([moduleWith('b', [entry(eleven)])])).toThrow(/at most 10 commands/);
  });
});
