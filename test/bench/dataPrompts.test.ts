import { resourceQuestions } from '../../bench/dataPrompts';
import { mixNamed, resolveMix } from '../../bench/mixes';

describe('prompts read from the data', () => {
  it("asks what's wrong with resources the demo tenant has, each name once", async () => {
    const questions = await resourceQuestions(6);
    expect(questions).toHaveLength(6);
    expect(new Set(questions).size).toBe(6);
    for (const q of questions) expect(q).toMatch(/^What's wrong with \S.*\?$/);
  });

  it('adds them to the resources mix and leaves a mix with fixed prompts as it is', async () => {
    expect((await resolveMix(mixNamed('resources'))).prompts).toHaveLength(6);
    const details = mixNamed('details');
    expect(await resolveMix(details)).toBe(details);
  });
});
