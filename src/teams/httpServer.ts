// The restify server: POST /api/messages, GET /healthz, and GET /api/scripts/<token>/<name> (remediation script
// downloads, when the composition root passes them), nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import restify from 'restify';
import type { Logger } from '../logging/logger';

export interface HttpServerOptions {
  messages: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  logger: Logger;
  /** Extra readiness facts for /healthz (never secrets). */
  health?: () => Record<string, unknown>;
  /** A stored script by its download token, while the link is valid. */
  scripts?: (token: string) => Promise<{ fileName: string; text: string } | undefined>;
}

export function createHttpServer(options: HttpServerOptions): restify.Server {
  const server = restify.createServer({ name: 'posture-bot', handleUncaughtExceptions: false });
  server.get('/healthz', async (_req, res) => {
    // Raw node calls: restify's writeHead patch makes chained calls unsafe.
    const body = JSON.stringify({ status: 'ok', ...(options.health?.() ?? {}) });
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(body);
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
  server.on('restifyError', (req: restify.Request, _res: restify.Response, error: Error, callback: () => void) => {
    options.logger.debug({ method: req.method, url: req.url, err: error.message }, 'http error');
    callback();
  });
  return server;
}
