import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE, drawColorIcon, drawOutlineIcon } from '../../src/cli/makeIcons';

const appDir = join(__dirname, '..', '..', 'appPackage');
const decode = (name: string): PNG => PNG.sync.read(readFileSync(join(appDir, name)));

function pixels(png: PNG): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; i < png.data.length; i += 4) {
    out.push([png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0, png.data[i + 3] ?? 0]);
  }
  return out;
}

describe('appPackage icons', () => {
  it('color.png is 192x192 and actually in colour', () => {
    const png = decode('color.png');
    expect([png.width, png.height]).toEqual([COLOR_ICON_SIZE, COLOR_ICON_SIZE]);
    const opaque = pixels(png).filter(([, , , a]) => a === 255);
    expect(opaque.length).toBeGreaterThan(png.width * png.height * 0.8);
    const saturated = opaque.filter(([r, g, b]) => Math.max(r, g, b) - Math.min(r, g, b) > 60);
    expect(saturated.length).toBeGreaterThan(opaque.length * 0.3);
    const colours = new Set(opaque.map(([r, g, b]) => `${r >> 5},${g >> 5},${b >> 5}`));
    expect(colours.size).toBeGreaterThanOrEqual(3);
  });

  it('outline.png is 32x32 with only white or fully transparent pixels', () => {
    const png = decode('outline.png');
    expect([png.width, png.height]).toEqual([OUTLINE_ICON_SIZE, OUTLINE_ICON_SIZE]);
    const all = pixels(png);
    const offending = all.filter(([r, g, b, a]) => a !== 0 && (r !== 255 || g !== 255 || b !== 255));
    expect(offending).toEqual([]);
    const transparent = all.filter(([, , , a]) => a === 0).length;
    const solid = all.filter(([, , , a]) => a === 255).length;
    // A usable outline has a clearly transparent background and a visible white shape.
    expect(transparent).toBeGreaterThan(all.length * 0.4);
    expect(solid).toBeGreaterThan(all.length * 0.1);
    expect(all[0]?.[3]).toBe(0);
  });

  it('committed icons are what makeIcons draws (regenerate with node dist/src/cli/makeIcons.js)', () => {
    expect(Buffer.compare(decode('color.png').data, drawColorIcon().data)).toBe(0);
    expect(Buffer.compare(decode('outline.png').data, drawOutlineIcon().data)).toBe(0);
  });
});
