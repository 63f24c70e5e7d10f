// The HTTP shell every floor shares, so the floors differ only in what runs inside the turn.
import * as restify from 'restify';

export type MessageHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

/** Port from PORT (the bench picks a free one); the floors bind loopback only. */
export function floorPort(): number {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a TCP port, got ${process.env.PORT ?? '(unset)'}`);
  return port;
}

export function startFloorServer(name: string, onMessage: MessageHandler): restify.Server {
  const server = restify.createServer({ name });
  server.use(restify.plugins.bodyParser());
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { ok: true });
    next();
  });
  server.post('/api/messages', async (req, res) => {
    await onMessage(req, res);
  });
  server.listen(floorPort(), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
  return server;
}
