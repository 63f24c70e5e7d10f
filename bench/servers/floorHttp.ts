// The HTTP shells the floors run in, so the floors differ only in what runs inside the turn: the bare shell (restify
// body parser + the SDK adapter's own `process`, the least a Bot Framework bot does), and the bot's own shell (its
// HTTP server, POST /api/messages endpoint and adapter, as src/teams/bot.ts composes them) for floors that price the
// bot's reply path.
import * as restify from 'restify';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { createSilentLogger } from '../../src/logging/logger';
import { createHttpServer } from '../../src/teams/httpServer';
import { createMessagesEndpoint } from '../../src/teams/messagesEndpoint';
import { createPostureAdapter, type PostureAdapter } from '../../src/teams/postureAdapter';

export type MessageHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

/** Port from PORT (the bench picks a free one); the floors bind loopback only. */
export function floorPort(): number {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a TCP port, got ${process.env.PORT ?? '(unset)'}`);
  return port;
}

function listen(server: restify.Server): restify.Server {
  server.listen(floorPort(), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
  return server;
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
  return listen(server);
}

/**
 * The bot's shell around a teams-ai Application: its adapter (no bot identity, as the bench runs the bot: no
 * authentication), its endpoint (size, media type, authentication, activity check, then the turn) and its server.
 * `build` gets the adapter to construct the Application with.
 */
export function startBotShellServer(build: (adapter: PostureAdapter) => Application<TurnState>): restify.Server {
  const adapter = createPostureAdapter(undefined);
  const app = build(adapter);
  const logger = createSilentLogger();
  const messages = createMessagesEndpoint({ adapter, logic: (context) => app.run(context), logger });
  return listen(createHttpServer({ messages, logger }));
}
