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

  describe('readable colours, applied as the card is built', () => {
    const render = (template: unknown, model: Record<string, unknown>) => {
      writeFileSync(join(temp.dir, 'help.json'), JSON.stringify({ type: 'AdaptiveCard', version: '1.5', ...(template as object) }));
      return createCardRenderer({ dir: temp.dir }).expand({ template: 'help', model: { ...buildHelpView(skillHelp()), ...model } });
    };

    it('rewrites the colours a template sets, constant or from the model, and draws subtle accent at full strength', () => {
      const card = render(
        {
          body: [
            { type: 'TextBlock', text: 'a', color: 'Good', isSubtle: true },
            { type: 'TextBlock', text: 'b', isSubtle: true, color: '${tone}' },
            { type: 'Container', $data: '${rows}', items: [{ type: 'TextBlock', text: '${name}', color: '${tone}', isSubtle: true }] },
          ],
        },
        { tone: 'attention', rows: [{ name: 'x', tone: 'warning' }, { name: 'y', tone: 'accent' }] },
      );
      expect(JSON.stringify(card.body)).toBe(
        JSON.stringify([
          { type: 'TextBlock', text: 'a', color: 'Default', isSubtle: true },
          { type: 'TextBlock', text: 'b', color: 'Accent' },
          { type: 'Container', items: [{ type: 'TextBlock', text: 'x', color: 'Default', isSubtle: true }] },
          { type: 'Container', items: [{ type: 'TextBlock', text: 'y', color: 'Accent' }] },
        ]),
      );
    });

    it('rewrites the colours of elements the model puts in the card, after the card is built', () => {
      const parts = [{ type: 'TextBlock', text: 'x', color: 'Good', isSubtle: true, items: [{ type: 'TextRun', text: 'y', color: 'attention', isSubtle: true }] }];
      const card = render(
        {
          body: [
            { type: 'Container', items: '${parts}' },
            // Read from the model after the parts were put in the card: the model's colour as it was.
            { type: 'TextBlock', $when: "${parts[0].color == 'Good'}", text: 'was good' },
          ],
        },
        { parts },
      );
      expect(JSON.stringify(card.body)).toBe(
        JSON.stringify([
          { type: 'Container', items: [{ type: 'TextBlock', text: 'x', color: 'Default', isSubtle: true, items: [{ type: 'TextRun', text: 'y', color: 'Accent' }] }] },
          { type: 'TextBlock', text: 'was good' },
        ]),
      );
    });
  });

  it('fails with an internal AppError when a template is missing', () => {
    const renderer = createCardRenderer({ dir: temp.dir });
    expect(() => renderer.render({ template: 'help', model: buildHelpView(skillHelp()) })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
