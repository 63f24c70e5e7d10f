/** A card expansion as JSON, with a member that is present but undefined shown (JSON would leave it out), or what it threw. */
export function expansionOutcome(expand: () => unknown): string {
  try {
    return `value ${JSON.stringify(expand(), (_key, value: unknown) => (value === undefined ? '<undefined>' : value))}`;
  } catch (error) {
    return `threw ${error instanceof Error ? error.constructor.name : 'non-error'}`;
  }
}
