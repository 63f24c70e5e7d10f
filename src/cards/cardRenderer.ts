// Turns a CardReply into a Bot Framework attachment: every adaptiveCards/*.json template is read and compiled once,
// at startup (compiledTemplate.ts: adaptivecards-templating's semantics, less work per expansion), then filled with
// the reply's view model per message.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../errors/appError';
import type { CardReply } from '../views/reply';
import { compileTemplate, type CardRewrite, type CompiledTemplate } from './compiledTemplate';
import { useReadableColor, useReadableColors } from './readableColors';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

export interface CardRenderer {
  /** Names of the templates found, for startup logs and tests. */
  readonly templates: readonly string[];
  render(card: CardReply): CardAttachment;
  /** The expanded card JSON alone (Action.Execute responses replace a card with it). */
  expand(card: CardReply): Record<string, unknown>;
}

export interface CardRendererOptions {
  /** Folder of <name>.json Adaptive Card templates. */
  dir: string;
}

function isCard(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { type?: unknown }).type === 'AdaptiveCard';
}

/**
 * Readable colours (readableColors.ts) applied as the card is built: on each element whose template sets a colour,
 * and on anything the model puts in the card; the same card as walking it all afterwards, without the walk.
 */
const READABLE_COLORS: CardRewrite = { key: 'color', node: useReadableColor, inserted: useReadableColors };

export function createCardRenderer(options: CardRendererOptions): CardRenderer {
  const compiled = new Map<string, CompiledTemplate>();
  for (const file of readdirSync(options.dir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(options.dir, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`Card template ${path} is not valid JSON`, { cause: error });
    }
    if (!isCard(json)) throw new Error(`Card template ${path} is not an AdaptiveCard`);
    compiled.set(basename(file, '.json'), compileTemplate(json, { rewrite: READABLE_COLORS }));
  }

  const expand = (card: CardReply): Record<string, unknown> => {
    const template = compiled.get(card.template);
    if (!template) throw new AppError('INTERNAL', undefined, { details: { missingTemplate: card.template } });
    // The model is passed as data only: text in it (even "${...}") is never evaluated as an expression.
    const expanded: unknown = template.expand(card.model);
    if (!isCard(expanded)) throw new AppError('INTERNAL', undefined, { details: { badExpansion: card.template } });
    // A top-level property whose `$when` was false expands to null (a card's `refresh`, say): clients want it absent.
    for (const key in expanded) if (expanded[key] === null && Object.hasOwn(expanded, key)) delete expanded[key];
    return expanded;
  };

  return {
    templates: [...compiled.keys()],
    expand,
    render: (card) => ({ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: expand(card) }),
  };
}
