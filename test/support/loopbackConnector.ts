// A stand-in for the Bot Connector service on loopback: a real HTTP server that accepts what the bot POSTs to
// serviceUrl (replies, new messages) and PUTs (card updates), answers with an activity id as the service does,
// and records everything, so tests can deliver turns normally instead of with expectReplies.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity the call replies to (POST .../activities/{id}) or updates (PUT .../activities/{id}). */
  activityId?: string;
  /** The id the connector answered with (POST only). */
  assignedId?: string;
  activity: Record<string, unknown>;
}

export interface LoopbackConnector {
  /** Pass as the activity's serviceUrl (ends with a slash). */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Calls of one conversation, in arrival order. */
  callsIn(conversationId: string): ConnectorCall[];
  /** The roster the connector answers GET /v3/conversations/{id}/members/{userId} from (TeamsInfo.getMember), by user id. */
  members: Map<string, Record<string, unknown>>;
  /** Bodies of POST /v3/conversations (createConversation), in arrival order; each is answered with a new id. */
  created: Array<Record<string, unknown>>;
  /** Answer createConversation with this status instead (403: the user has not installed the app, as Teams says). */
  refuseCreate?: number;
  stop(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const CREATE_ROUTE = /^\/v3\/conversations\/?$/;
/** What Teams needs to create a 1:1 chat: not a group, the bot, exactly one member, and the tenant. */
const isOneToOne = (body: Record<string, unknown>): boolean => {
  const members = body.members as Array<{ id?: unknown }> | undefined;
  const tenant = (body.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return body.isGroup === false && typeof (body.bot as { id?: unknown } | undefined)?.id === 'string' && Array.isArray(members) && members.length === 1 && typeof members[0]?.id === 'string' && typeof body.tenantId === 'string' && tenant === body.tenantId;
};
const MEMBER_ROUTE = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)\/?$/;

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}

export async function startLoopbackConnector(): Promise<LoopbackConnector> {
  const calls: ConnectorCall[] = [];
  let counter = 0;
  const members = new Map<string, Record<string, unknown>>();
  const created: Array<Record<string, unknown>> = [];
  const connector = { refuseCreate: undefined as number | undefined };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://loopback').pathname;
    if (req.method === 'POST' && CREATE_ROUTE.test(path)) {
      readJson(req).then(
        (body) => {
          created.push(body);
          const status = connector.refuseCreate ?? (isOneToOne(body) ? 201 : 400);
          res.statusCode = status;
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(status < 300 ? { id: `a:private-${created.length}` } : { error: { code: status === 403 ? 'Forbidden' : 'BadSyntax', message: 'Conversation could not be created.' } }));
        },
        () => {
          res.statusCode = 400;
          res.end();
        },
      );
      return;
    }
    const member = req.method === 'GET' ? MEMBER_ROUTE.exec(path) : null;
    if (member?.[2]) {
      const found = members.get(decodeURIComponent(member[2]));
      res.statusCode = found ? 200 : 404;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(found ?? { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in this conversation.' } }));
      return;
    }
    const match = ROUTE.exec(path);
    const method = req.method === 'POST' || req.method === 'PUT' ? req.method : undefined;
    if (!match?.[1] || !method) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const conversationId = decodeURIComponent(match[1]);
    const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    readJson(req).then(
      (activity) => {
        const assignedId = method === 'POST' ? `lb-${(counter += 1)}` : activityId;
        calls.push({ method, conversationId, ...(activityId ? { activityId } : {}), ...(method === 'POST' && assignedId ? { assignedId } : {}), activity });
        const body = JSON.stringify({ id: assignedId });
        res.setHeader('Content-Type', 'application/json');
        res.end(body);
      },
      () => {
        res.statusCode = 400;
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const loopback: LoopbackConnector = Object.assign(connector, {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    members,
    created,
    callsIn: (conversationId: string) => calls.filter((c) => c.conversationId === conversationId),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return loopback;
}
