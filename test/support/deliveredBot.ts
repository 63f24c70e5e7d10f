// The whole bot (startBot: SQLite under a temp DATA_DIR, a tenant export, the keyless planner) with turns
// delivered normally: the activity's serviceUrl is a loopback connector, so replies arrive as the connector's
// POSTs, not in the HTTP answer (no expectReplies).
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../src/config/loadConfig';
import { startBot, type Running } from '../../src/index';
import { createSilentLogger, type Logger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { message, submit } from './activities';
import { seeReplies, type SeenReply } from './cardText';
import { startLoopbackConnector, type ConnectorCall, type LoopbackConnector } from './loopbackConnector';
import { createTempDataDir } from './tempDataDir';
import { writeTenantExport } from './tenantExport';

export interface DeliveredBot {
  running: Running;
  connector: LoopbackConnector;
  dataDir: string;
  /** POSTs one activity; resolves with the HTTP status once the turn has finished. */
  deliver(activity: Partial<Activity>): Promise<number>;
  /** POSTs an invoke (Action.Execute); resolves with the HTTP status and the invoke response body. */
  invoke(activity: Partial<Activity>): Promise<{ status: number; body: unknown }>;
  ask(text: string, conversationId: string): Promise<number>;
  click(data: unknown, conversationId: string): Promise<number>;
  /** What the connector received for a conversation, read as a person would see it. */
  seen(conversationId: string): SeenReply[];
  stop(): Promise<void>;
}

export const seeCalls = (calls: ConnectorCall[]): SeenReply[] => seeReplies({ activities: calls.map((c) => c.activity) });

export async function startDeliveredBot(rows: unknown[], options: { logger?: Logger; dataDir?: string; env?: Record<string, string> } = {}): Promise<DeliveredBot> {
  const temp = options.dataDir ? undefined : createTempDataDir();
  const dataDir = options.dataDir ?? temp?.dir ?? '';
  const tenant = writeTenantExport(rows);
  const connector = await startLoopbackConnector();
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, POSTURE_SNAPSHOT: tenant.path, ...options.env }, envDir: projectPath('env') });
  // startBot warns on stderr that requests are not authenticated; keep test output clean.
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  let running: Running;
  try {
    running = await startBot(config, options.logger ?? createSilentLogger());
  } finally {
    spy.mockRestore();
  }
  const post = async (activity: Partial<Activity>) => {
    const res = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...activity, serviceUrl: connector.serviceUrl }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const deliver = async (activity: Partial<Activity>) => (await post(activity)).status;
  return {
    running,
    connector,
    dataDir,
    deliver,
    invoke: post,
    ask: (text, conversationId) => deliver(message(text, { conversationId })),
    click: (data, conversationId) => deliver(submit(data, { conversationId })),
    seen: (conversationId) => seeCalls(connector.callsIn(conversationId)),
    stop: async () => {
      await running.stop();
      await connector.stop();
      tenant.cleanup();
      temp?.cleanup();
    },
  };
}
