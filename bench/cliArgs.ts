// Command-line options and the entry point shared by the single-purpose benches (storage, retention, metering, Azure).

/** `--name N` from process.argv as a positive whole number, or `fallback` when absent; anything else throws. */
export function positiveWholeArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

/**
 * Runs a bench's main and exits: 0 when it finished (forked fakes and sockets may still hold the loop open), 1 with
 * the stack on stderr when it failed.
 */
export function runBenchMain(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
