// Draws the Teams app icons (a shield with a checkmark) so they can be regenerated from code instead of a design tool.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { projectPath } from '../paths';

type Rgb = readonly [number, number, number];

/** Teams wants a 192×192 full-colour icon and a 32×32 white-on-transparent outline icon. */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

const BACKGROUND: Rgb = [16, 60, 120];
const SHIELD: Rgb = [255, 255, 255];
const CHECK: Rgb = [28, 160, 90];
const WHITE: Rgb = [255, 255, 255];

// Shapes live in a unit square so one definition serves both sizes.
const SHIELD_TOP = 0.16;
const SHIELD_SHOULDER = 0.5;
const SHIELD_BOTTOM = 0.88;
const SHIELD_HALF_WIDTH = 0.3;
const CHECK_POINTS: ReadonlyArray<readonly [number, number]> = [
  [0.36, 0.5],
  [0.46, 0.62],
  [0.66, 0.38],
];

/** Whether (x, y) lies in the shield shrunk by `inset` on every side. */
function insideShield(x: number, y: number, inset: number): boolean {
  const top = SHIELD_TOP + inset;
  const bottom = SHIELD_BOTTOM - inset * 1.8;
  if (y < top || y > bottom) return false;
  let half = SHIELD_HALF_WIDTH - inset;
  if (y > SHIELD_SHOULDER) {
    // Sides bow inwards to a point, like a heraldic shield.
    const t = (y - SHIELD_SHOULDER) / (bottom - SHIELD_SHOULDER);
    half *= 1 - t ** 1.7;
  }
  return Math.abs(x - 0.5) <= half;
}

function distanceToSegment(x: number, y: number, a: readonly [number, number], b: readonly [number, number]): number {
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function onCheck(x: number, y: number, halfWidth: number): boolean {
  for (let i = 0; i + 1 < CHECK_POINTS.length; i++) {
    const a = CHECK_POINTS[i];
    const b = CHECK_POINTS[i + 1];
    if (a && b && distanceToSegment(x, y, a, b) <= halfWidth) return true;
  }
  return false;
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** A paint function returns the colour at a point, or undefined where the icon is transparent. */
type Paint = (x: number, y: number) => Rgb | undefined;

// Supersampling gives smooth edges without a vector library; colours and coverage are averaged per pixel.
function render(size: number, paint: Paint, samples = 4): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          hits++;
        }
      }
      const offset = (py * size + px) * 4;
      const alpha = Math.round((hits / (samples * samples)) * 255);
      png.data[offset] = hits ? Math.round(r / hits) : 255;
      png.data[offset + 1] = hits ? Math.round(g / hits) : 255;
      png.data[offset + 2] = hits ? Math.round(b / hits) : 255;
      png.data[offset + 3] = alpha;
    }
  }
  return png;
}

export function drawColorIcon(size = COLOR_ICON_SIZE): PNG {
  return render(size, (x, y) => {
    if (onCheck(x, y, 0.045) && insideShield(x, y, 0)) return CHECK;
    if (insideShield(x, y, 0)) return SHIELD;
    return insideRoundedSquare(x, y, 0.18) ? BACKGROUND : undefined;
  });
}

// Only white and transparent: Teams tints the outline icon itself, so any colour would be wrong.
export function drawOutlineIcon(size = OUTLINE_ICON_SIZE): PNG {
  const stroke = 2.2 / size;
  return render(size, (x, y) => {
    const ring = insideShield(x, y, 0) && !insideShield(x, y, stroke);
    return ring || onCheck(x, y, stroke / 1.6) ? WHITE : undefined;
  });
}

export function encodePng(png: PNG): Buffer {
  return PNG.sync.write(png);
}

/** Writes color.png and outline.png into `dir` (default: the project's appPackage/). */
export function writeIcons(dir = projectPath('appPackage')): { color: string; outline: string } {
  mkdirSync(dir, { recursive: true });
  const color = join(dir, 'color.png');
  const outline = join(dir, 'outline.png');
  writeFileSync(color, encodePng(drawColorIcon()));
  writeFileSync(outline, encodePng(drawOutlineIcon()));
  return { color, outline };
}

if (require.main === module) {
  const written = writeIcons(process.argv[2]);
  process.stdout.write(`Wrote ${written.color}\nWrote ${written.outline}\n`);
}
