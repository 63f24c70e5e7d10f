// Prose from the model is checked before anyone reads it: a sentence that names something shaped like a resource
// (a hyphenated or dotted name with digits, an ARM id, a GUID) that the data does not hold is removed. The model's
// general-knowledge answers must not name the organisation's resources at all; a name it made up never reaches
// the user. Lists, counts and cards never come from the model, so they need no such check.

/** Words shaped like resource names: `vm-prod-01`, `sqlsrv.payments2`, `rg_core_3`, ARM ids, GUIDs. */
const NAME_SHAPES = [
  /\/subscriptions\/[^\s)]+/gi,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b(?=[\w.-]*\d)(?=[\w.-]*[a-z])[a-z0-9]+(?:[-_.][a-z0-9]+)+\b/gi,
];
/** General-knowledge identifiers that are no resource: CVE ids, standards, versions, protocols. */
const GENERAL = [/^CVE-\d{4}-\d{4,}$/i, /^(?:TLS|SSL|SHA|MD|AES|RSA|HTTP|NIST|ISO|PCI|SOC|CIS|IPv|T)[-.]?\d/i, /^\d+(?:\.\d+)+$/, /^(?:v|windows|ubuntu|rhel|debian|python|node|java)[-.]?\d/i, /^(?:e\.g|i\.e)$/i];

export interface GroundingResult {
  text: string;
  /** The names that were not in the data (their sentences were removed). */
  removed: string[];
}

/** Keeps the sentences whose name-shaped words are all known to the data (`isKnown`). */
export function removeUngrounded(text: string, isKnown: (name: string) => boolean): GroundingResult {
  const removed: string[] = [];
  const paragraphs = text.split(/\n{2,}/).map((paragraph) =>
    paragraph
      .split(/(?<=[.!?])\s+/)
      .filter((sentence) => {
        const unknown = namesIn(sentence).filter((name) => !GENERAL.some((g) => g.test(name)) && !isKnown(name));
        removed.push(...unknown);
        return unknown.length === 0;
      })
      .join(' '),
  );
  return { text: paragraphs.filter((p) => p.trim()).join('\n\n').trim(), removed };
}

export function namesIn(text: string): string[] {
  const found = new Set<string>();
  for (const shape of NAME_SHAPES) for (const match of text.matchAll(shape)) found.add(match[0].replace(/[.,;:]+$/, ''));
  return [...found];
}
