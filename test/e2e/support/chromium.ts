// Where the browser test finds Debian's chromium, and whether it may skip when chromium is absent.
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';

// Flags for a quiet, sandbox-free headless run inside containers and CI machines.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface ChromiumStatus {
  /** Run the browser tests: chromium is there, or we are in CI where its absence must fail loudly. */
  run: boolean;
  available: boolean;
  message: string;
}

const truthy = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

export function chromiumStatus(env: NodeJS.ProcessEnv = process.env): ChromiumStatus {
  const available = existsSync(CHROMIUM_PATH);
  if (available) return { run: true, available, message: `using ${CHROMIUM_PATH}` };
  const install = 'install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)';
  if (truthy(env.CI)) return { run: true, available, message: `chromium is required in CI but ${CHROMIUM_PATH} does not exist: ${install}` };
  return { run: false, available, message: `SKIPPED the browser tests: ${CHROMIUM_PATH} does not exist; ${install}` };
}
