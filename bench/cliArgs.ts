// Command-line options shared by the single-purpose benches (storage, retention, metering).

/** `--name N` from process.argv as a positive whole number, or `fallback` when absent; anything else throws. */
export function positiveWholeArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);
  return v;
}
