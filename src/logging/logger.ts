// Structured logs (pino) to stderr; stdout stays free for command-line results.
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  name?: string;
  /** Defaults to stderr. Tests pass a memory stream. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'posture-bot',
      level: options.level ?? 'info',
      redact: { paths: ['*.password', '*.BOT_PASSWORD', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

/** A logger that writes nothing, for tests and tools. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
