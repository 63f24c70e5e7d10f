// The restify server: POST /api/messages and GET /healthz, nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import restify from 'restify';
import type { Logger } from '../logging/logger';

export interface HttpServerOptions {
  messages: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  logger: Logger;
  /** Extra readiness facts for /healthz (never secrets). */
  health?: () => Record<string, unknown>;
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
  server.on('restifyError', (req: restify.Request, _res: restify.Response, error: Error, callback: () => void) => {
    options.logger.debug({ method: req.method, url: req.url, err: error.message }, 'http error');
    callback();
  });
  return server;
}
