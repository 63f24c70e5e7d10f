// Which adaptiveCards/<name>.json template an expanded card came from, read from the card alone: each template's
// body is a pattern (an element with `$when` may be absent, one with `$data` repeats any number of times, the rest
// appear once, in order), and an element matches when its type and every property the template fixes (no `${...}`
// in it) are the same and its items, text runs and columns match their own patterns. The bench uses it to check that the bot and a floor answer a prompt with the
// same kind of card, so a mix is compared with a floor of its own cards.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What a reply was: the template's name, 'text' for a text reply, 'other' when no template fits. */
export type ReplyKind = string;

interface Slot {
  type: string;
  /** Properties the template fixes (strings without an expression, numbers, booleans). */
  fixed: Array<[string, unknown]>;
  how: 'once' | 'maybe' | 'many';
  /** An element's own items, text runs or columns, matched the same way (cards alike at the top differ inside). */
  children: Array<[string, Slot[]]>;
}

const CHILD_KEYS = ['items', 'inlines', 'columns'];

// The renderer rewrites colours (src/cards/readableColors.ts), and drops isSubtle beside an accent colour.
const IGNORED = new Set(['color', 'isSubtle', '$when', '$data']);

function slotOf(element: Record<string, unknown>): Slot {
  const fixed = Object.entries(element).filter(([key, value]) => !IGNORED.has(key) && (typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && !value.includes('${'))));
  const children = CHILD_KEYS.flatMap((key): Array<[string, Slot[]]> => {
    const list = element[key];
    return Array.isArray(list) ? [[key, (list as Array<Record<string, unknown>>).map(slotOf)]] : [];
  });
  return { type: String(element.type), fixed, how: '$data' in element ? 'many' : '$when' in element ? 'maybe' : 'once', children };
}

const fits = (slot: Slot, element: unknown): boolean => {
  const e = element as Record<string, unknown> | null;
  if (!e || e.type !== slot.type || !slot.fixed.every(([key, value]) => e[key] === value)) return false;
  return slot.children.every(([key, slots]) => Array.isArray(e[key]) && matches(slots, e[key] as unknown[], false));
};

/** Whether the body is the slots in order, allowing (at the top) one trailing note, the data-age footnote a reply adds. */
function matches(slots: readonly Slot[], body: readonly unknown[], top = true): boolean {
  const memo = new Map<number, boolean>();
  const at = (s: number, b: number): boolean => {
    const key = s * 10_000 + b;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let ok: boolean;
    const slot = slots[s];
    if (!slot) ok = b === body.length || (top && b === body.length - 1 && (body[b] as { type?: unknown } | null)?.type === 'TextBlock');
    else if (slot.how === 'once') ok = b < body.length && fits(slot, body[b]) && at(s + 1, b + 1);
    else if (slot.how === 'maybe') ok = (b < body.length && fits(slot, body[b]) && at(s + 1, b + 1)) || at(s + 1, b);
    else ok = at(s + 1, b) || (b < body.length && fits(slot, body[b]) && at(s, b + 1));
    memo.set(key, ok);
    return ok;
  };
  return at(0, 0);
}

export interface CardClassifier {
  /** The template a card's content came from; 'other' when none or several fit. */
  kindOf(content: unknown): ReplyKind;
  readonly templates: readonly string[];
}

export function createCardClassifier(dir: string): CardClassifier {
  const patterns = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { body?: Array<Record<string, unknown>> };
      return { name: basename(file, '.json'), slots: (json.body ?? []).map(slotOf) };
    });
  return {
    templates: patterns.map((p) => p.name),
    kindOf(content) {
      const body = (content as { body?: unknown } | null)?.body;
      if (!Array.isArray(body)) return 'other';
      const fitting = patterns.filter((p) => matches(p.slots, body, true));
      return fitting.length === 1 && fitting[0] ? fitting[0].name : 'other';
    },
  };
}
