// POST /api/messages, checked in this order: size (413), media type (415), SDK authentication (401, or 503 when the
// signing keys cannot be fetched), then JSON and the activity's shape (400); then the turn. Unknown activity types
// are acknowledged (200) without running a turn. A refused request writes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity } from 'botbuilder';
import { ERROR_CATALOGUE, httpStatusOf, type ErrorCode } from '../errors/catalogue';
import { DRAIN_RETRY_AFTER_SECONDS } from '../lifecycle/drain';
import type { Logger } from '../logging/logger';
import { checkActivity } from './activitySchema';
import type { PostureAdapter } from './postureAdapter';
import { DELIVERY_IN_PROGRESS, type TurnLogic } from './turnGate';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface MessagesEndpointOptions {
  adapter: PostureAdapter;
  logic: TurnLogic;
  logger: Logger;
  maxBodyBytes?: number;
  /** Shutdown drain (src/lifecycle/drain.ts): a turn's finish callback, or undefined to refuse it with 503 + Retry-After. */
  admit?: () => (() => void) | undefined;
}

type BodyResult = { kind: 'ok'; text: string } | { kind: 'tooLarge'; bytes: number } | { kind: 'aborted' };

function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    let bytes = 0;
    const chunks: Buffer[] = [];
    const settle = () => {
      if (bytes > limit) resolve({ kind: 'tooLarge', bytes });
      else if (req.complete) resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') });
      else resolve({ kind: 'aborted' });
    };
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      // Keep draining so the client reads our answer, but stop buffering once over the limit.
      if (bytes <= limit) chunks.push(chunk);
      else if (bytes > limit * 8) req.destroy();
    });
    req.on('end', settle);
    // A client that goes away mid-body must not leave this promise pending.
    req.on('close', settle);
    req.on('error', settle);
    if (Number.isFinite(declared) && declared > limit) {
      resolve({ kind: 'tooLarge', bytes: declared });
      req.resume();
    }
  });
}

function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  res.statusCode = status;
  if (body === undefined) {
    res.end();
    return;
  }
  // Encoded to UTF-8 once: the length is the buffer's, and the socket writes the bytes as they are. A string would
  // be measured here, measured again by node, then joined to the head and encoded on write (a card reply is a
  // two-byte string: its dashes and ellipses).
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

/** The JSON error body; the code comes from the error catalogue, as does the status unless the SDK gave one. */
const errorBody = (code: ErrorCode, message: string = ERROR_CATALOGUE[code].userMessage, problems?: string[]) => ({ error: { code, message, ...(problems ? { problems } : {}) } });
const refuse = (res: ServerResponse, code: ErrorCode, message?: string, problems?: string[], status: number = httpStatusOf(code)) =>
  sendJson(res, status, errorBody(code, message, problems));

export const AUTH_RETRY_AFTER_SECONDS = 5;

/** application/json with any parameters (charset=utf-8); anything else, or no Content-Type, is refused. */
export function isJsonMediaType(header: string | undefined): boolean {
  if (!header) return false;
  const type = header.split(';', 1)[0]?.trim().toLowerCase();
  return type === 'application/json';
}

// The SDK rethrows jsonwebtoken's own errors (bad signature, alg none, HS256, not yet valid) without a status.
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

function statusOf(error: unknown): number | undefined {
  if (error instanceof Error && TOKEN_ERRORS.has(error.name)) return 401;
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? (error as { statusCode: unknown }).statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}

export function createMessagesEndpoint(options: MessagesEndpointOptions) {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { logger } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // The per-request line is debug: no listener (nor closure) on every response unless it is written.
    if (logger.isLevelEnabled('debug')) {
      const started = performance.now();
      res.once('finish', () => logger.debug({ status: res.statusCode, ms: Math.round(performance.now() - started) }, 'POST /api/messages'));
    }
    const body = await readBody(req, limit);
    if (body.kind === 'aborted') return;
    if (body.kind === 'tooLarge') {
      refuse(res, 'PAYLOAD_TOO_LARGE', `The request body is ${body.bytes} bytes; the limit is ${limit} bytes.`);
      return;
    }
    if (!isJsonMediaType(req.headers['content-type'])) {
      refuse(res, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be sent as Content-Type: application/json.');
      return;
    }
    let json: unknown;
    let parsed = true;
    try {
      json = JSON.parse(body.text);
    } catch {
      parsed = false;
    }
    // Authentication reads only the header and the activity's channel and serviceUrl: it runs before the shape check,
    // so an unauthenticated caller learns nothing about what a valid activity looks like.
    // A body that fails the shape check is refused with 400 right after, so for it channel and serviceUrl may be
    // empty (the SDK then skips binding the token to them; it still verifies the token itself).
    const received = (typeof json === 'object' && json !== null && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
    const claimed = {
      ...received,
      channelId: typeof received.channelId === 'string' ? received.channelId : '',
      serviceUrl: typeof received.serviceUrl === 'string' ? received.serviceUrl : '',
    } as unknown as Activity;
    const header = req.headers.authorization ?? '';
    let auth: Awaited<ReturnType<PostureAdapter['authenticate']>>;
    try {
      auth = await options.adapter.authenticate(claimed, header);
    } catch (error) {
      const status = statusOf(error);
      if (status === 401 || status === 403) {
        logger.warn({ status, reason: error instanceof Error ? error.message : String(error) }, 'request refused by authentication');
        refuse(res, 'UNAUTHORIZED', 'The request is not authenticated for this bot.', undefined, status);
        return;
      }
      // The signing keys could not be fetched (or validation itself failed): the channel retries after Retry-After.
      logger.error({ err: error }, 'authentication could not be completed');
      res.setHeader('Retry-After', String(AUTH_RETRY_AFTER_SECONDS));
      refuse(res, 'AUTH_UNAVAILABLE');
      return;
    }
    if (!parsed) {
      refuse(res, 'BAD_REQUEST', 'The request body is not valid JSON.');
      return;
    }
    const check = checkActivity(json);
    if (check.kind === 'invalid') {
      refuse(res, 'BAD_REQUEST', 'The activity is missing required fields or has invalid ones.', check.problems);
      return;
    }
    const activity = (check.kind === 'handled' ? check.activity : json) as unknown as Activity;
    if (check.kind === 'ignored') {
      logger.debug({ type: check.type }, 'activity type ignored');
      sendJson(res, 200);
      return;
    }
    try {
      let inProgressMs: number | undefined;
      const response = await options.adapter.processAuthenticated(auth, activity, async (context) => {
        await options.logic(context);
        inProgressMs = context.turnState.get(DELIVERY_IN_PROGRESS) as number | undefined;
      });
      if (inProgressMs !== undefined) {
        // 409: this very activity is being answered by an earlier delivery whose lease is live. Not a fault, and not
        // a 2xx (the channel must not count it as answered): a retry after Retry-After finds it completed (ignored)
        // or, if that attempt died, takes it over and answers it once.
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(inProgressMs / 1000))));
        refuse(res, 'DELIVERY_IN_PROGRESS', 'This activity is being processed by an earlier delivery; retry after the time given.');
        return;
      }
      sendJson(res, response?.status ?? 200, response?.body);
    } catch (error) {
      // Turn errors are answered by the turn error handler; reaching here means the pipeline itself failed.
      logger.error({ err: error, activityId: activity.id }, 'activity processing failed');
      refuse(res, 'INTERNAL', 'The activity could not be processed.');
    }
  };
  const { admit } = options;
  if (!admit) return handle;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const finished = admit();
    if (!finished) {
      // Shutting down: refused before anything is read or recorded, so a redelivery to another replica runs it once.
      req.resume();
      res.setHeader('Retry-After', String(DRAIN_RETRY_AFTER_SECONDS));
      refuse(res, 'SHUTTING_DOWN');
      return;
    }
    try {
      await handle(req, res);
    } finally {
      finished();
    }
  };
}
