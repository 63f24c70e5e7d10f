// Reading a draft confirmation card in whole-turn tests: its inputs by id, its Send button's ref, and the outbox.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { walk, type Json } from './cardJson';

export const inputsOf = (card: Json | undefined): Record<string, string> => {
  const found: Record<string, string> = {};
  walk(card, (n) => typeof n.type === 'string' && n.type.startsWith('Input.') && (found[String(n.id)] = String(n.value ?? '')));
  return found;
};

export const sendRef = (card: Json | undefined): string => {
  let ref = '';
  walk(card, (n) => n.type === 'Action.Execute' && n.verb === 'confirm' && (ref = String((n.data as Json).ref)));
  return ref;
};

/** The .eml files the default mailer wrote to DATA_DIR/outbox. */
export const outboxOf = (dir: string): string[] => {
  try {
    return readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
};
