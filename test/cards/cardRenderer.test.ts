// The renderer: compiled once from a folder, data never evaluated as template expressions, clear failures.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCardRenderer } from '../../src/cards/cardRenderer';
import { skillHelp } from '../../src/skillModules';
import { buildHelpView } from '../../src/skills/help/helpAction';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';

let temp: TempDataDir;
beforeEach(() => {
  temp = createTempDataDir('posture-bot-cards-');
});
afterEach(() => temp.cleanup());

describe('createCardRenderer', () => {
  it('does not evaluate template expressions found in the data', () => {
    writeFileSync(join(temp.dir, 'help.json'), JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${title}' }] }));
    const renderer = createCardRenderer({ dir: temp.dir });
    const model = { ...buildHelpView(skillHelp()), title: '${intro} ${string(1+1)}' };
    const card = renderer.expand({ template: 'help', model });
    expect(card.body).toEqual([{ type: 'TextBlock', text: '${intro} ${string(1+1)}' }]);
  });

  it('refuses at startup a template that is not JSON or not an Adaptive Card', () => {
    writeFileSync(join(temp.dir, 'broken.json'), '{ "type": ');
    expect(() => createCardRenderer({ dir: temp.dir })).toThrow(/broken\.json is not valid JSON/);
    writeFileSync(join(temp.dir, 'broken.json'), '{ "type": "Message" }');
    expect(() => createCardRenderer({ dir: temp.dir })).toThrow(/not an AdaptiveCard/);
  });

  it('fails with an internal AppError when a template is missing', () => {
    const renderer = createCardRenderer({ dir: temp.dir });
    expect(() => renderer.render({ template: 'help', model: buildHelpView(skillHelp()) })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
