// A pino logger that keeps its JSON lines in memory, for tests that check what was logged.
import { createLogger, type Logger } from '../../src/logging/logger';

export interface MemoryLogger {
  logger: Logger;
  lines(): Record<string, unknown>[];
}

export function createMemoryLogger(level = 'debug'): MemoryLogger {
  const raw: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void raw.push(line) } });
  return { logger, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
