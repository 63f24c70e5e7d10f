// The restify server: POST /api/messages, GET /healthz (liveness), GET /readyz (readiness), GET /api/scripts/<token>/<name> (remediation script
// downloads) and GET /api/downloads/<token>/<name> (single-use personal downloads), when the composition root passes
// them; nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import restify from 'restify';
import type { Logger } from '../logging/logger';

export interface HttpServerOptions {
  messages: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  logger: Logger;
  /** Extra readiness facts for /healthz (never secrets). */
  health?: () => Record<string, unknown>;
  /** Readiness for /readyz: ready, or the reasons it is not (never secrets). None: /readyz answers as /healthz. */
  ready?: () => Promise<{ ready: boolean; facts: Record<string, unknown> }>;
  /** A stored script by its download token, while the link is valid. */
  scripts?: (token: string) => Promise<{ fileName: string; text: string } | undefined>;
  /** A single-use download by its token: 200 with the file once, 404 unknown, 410 used or expired. */
  downloads?: (token: string) => Promise<{ status: 200; file: { fileName: string; contentType: string; text: string } } | { status: 404 | 410 }>;
}

const SERVER_NAME = 'posture-bot';

/** restify's `first` (documented, missing from @types/restify): runs before anything else; false ends restify's handling. */
type FirstHandler = (req: IncomingMessage, res: ServerResponse) => boolean;
const firstHandlerOf = (server: restify.Server) => (handler: FirstHandler) => (server as unknown as { first(handler: FirstHandler): void }).first(handler);

export function createHttpServer(options: HttpServerOptions): restify.Server {
  const server = restify.createServer({ name: SERVER_NAME, handleUncaughtExceptions: false });
  // Every turn is this one request: it goes straight to the endpoint, before restify's request set-up, pre/use chains,
  // router (a URL parse) and next ticks, which it does not use (~0.38M instructions a request). Restify would have
  // sent the same Server header first; any other method or URL (a query, a trailing slash) still takes the route below.
  firstHandlerOf(server)((req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/messages') return true;
    res.setHeader('Server', SERVER_NAME);
    options.messages(req, res).catch((error: unknown) => {
      // The endpoint answers its own failures; this is the restify error path it replaces, for a fault in that answer.
      options.logger.error({ err: error }, 'POST /api/messages failed');
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
    return false;
  });
  server.get('/healthz', async (_req, res) => {
    // Raw node calls: restify's writeHead patch makes chained calls unsafe.
    const body = JSON.stringify({ status: 'ok', ...(options.health?.() ?? {}) });
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(body);
  });
  server.get('/readyz', async (_req, res) => {
    const outcome = options.ready
      ? await options.ready().catch((error: unknown) => {
          options.logger.warn({ err: error }, 'the readiness check failed');
          return { ready: false, facts: { reason: 'the readiness check failed' } };
        })
      : { ready: true, facts: {} };
    res.statusCode = outcome.ready ? 200 : 503;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify({ status: outcome.ready ? 'ready' : 'not ready', ...outcome.facts }));
  });
  server.post('/api/messages', async (req, res) => {
    await options.messages(req, res);
  });
  const scripts = options.scripts;
  if (scripts) {
    server.get('/api/scripts/:token/:name', async (req, res) => {
      const token = String(req.params?.token ?? '');
      const file = await scripts(token).catch((error: unknown) => {
        options.logger.warn({ err: error }, 'reading a script download failed');
        return undefined;
      });
      // Served as an attachment of plain text: never rendered, never sniffed, never cached.
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      if (!file) {
        res.statusCode = 404;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('This download link is unknown or has expired. Ask the bot for the fix again to get a new one.\n');
        return;
      }
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
      res.end(file.text);
    });
  }
  const downloads = options.downloads;
  if (downloads) {
    server.get('/api/downloads/:token/:name', async (req, res) => {
      const outcome = await downloads(String(req.params?.token ?? '')).catch((error: unknown) => {
        options.logger.warn({ err: error }, 'reading a download failed');
        return { status: 404 as const };
      });
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.statusCode = outcome.status;
      if (outcome.status !== 200) {
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end(outcome.status === 410 ? 'This download link was used already or has expired. Ask the bot again for a new one.\n' : 'This download link is unknown.\n');
        return;
      }
      res.setHeader('Content-Type', `${outcome.file.contentType}; charset=utf-8`);
      res.setHeader('Content-Disposition', `attachment; filename="${outcome.file.fileName}"`);
      res.end(outcome.file.text);
    });
  }
  server.on('restifyError', (req: restify.Request, _res: restify.Response, error: Error, callback: () => void) => {
    options.logger.debug({ method: req.method, url: req.url, err: error.message }, 'http error');
    callback();
  });
  return server;
}
