// The sample prompts feed the cards and the app manifest's command list: keep them within Teams' limits.
import { SAMPLE_PROMPTS, SAMPLE_PROMPT_LIMITS, findSamplePrompt } from '../../../src/skills/help/samplePrompts';
import { REF_PATTERN } from '../../../src/actions/cardVerb';

describe('sample prompts', () => {
  it('fit the manifest command limits', () => {
    expect(SAMPLE_PROMPTS.length).toBeGreaterThan(0);
    expect(SAMPLE_PROMPTS.length).toBeLessThanOrEqual(SAMPLE_PROMPT_LIMITS.count);
    for (const p of SAMPLE_PROMPTS) {
      expect(p.title.length).toBeLessThanOrEqual(SAMPLE_PROMPT_LIMITS.title);
      expect(p.description.length).toBeLessThanOrEqual(SAMPLE_PROMPT_LIMITS.description);
      expect(p.prompt.trim()).toBe(p.prompt);
      expect(p.prompt.length).toBeGreaterThan(0);
    }
  });

  it('have unique opaque refs and unique titles', () => {
    const refs = SAMPLE_PROMPTS.map((p) => p.ref);
    expect(new Set(refs).size).toBe(refs.length);
    for (const ref of refs) expect(ref).toMatch(REF_PATTERN);
    expect(new Set(SAMPLE_PROMPTS.map((p) => p.title.toLowerCase())).size).toBe(SAMPLE_PROMPTS.length);
  });

  it('are found by ref only', () => {
    const first = SAMPLE_PROMPTS[0]!;
    expect(findSamplePrompt(first.ref)).toBe(first);
    expect(findSamplePrompt(first.title)).toBeUndefined();
    expect(findSamplePrompt('')).toBeUndefined();
  });
});
