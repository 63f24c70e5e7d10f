// Preloaded (`node --require`) into every server under test, so CPU and memory are measured inside the server
// process without touching product code. Talks to the bench runner over the fork IPC channel.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { ProbeReport, ProbeRequest } from '../probeProtocol';
import { countSqliteStatements, type SqliteCounts } from './sqliteCounter';
import { createWindowProbe } from './windowProbe';

// Every 100 ms: sampling every 20 ms cost the server 12 ms of CPU a second on a busy machine (charged to its turns).
const RSS_SAMPLE_MS = 100;

function installProbe(): void {
  const send = process.send?.bind(process);
  if (!send) return; // not forked by the bench: stay inert

  const sqlite: SqliteCounts = countSqliteStatements();
  const windowProbe = createWindowProbe();
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  }, RSS_SAMPLE_MS);
  sampler.unref();

  const report = (): ProbeReport => {
    const cpu = process.cpuUsage(cpuStart);
    const diagnostics = windowProbe.finish();
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
    return {
      bench: 'report',
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      wallMs: performance.now() - wallStart,
      rssMb: rss / 2 ** 20,
      peakRssMb: peakRss / 2 ** 20,
      // maxRSS is in kilobytes and covers the whole life of the process.
      lifetimeMaxRssMb: process.resourceUsage().maxRSS / 1024,
      heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
      sqlite: { ...sqlite },
      ...(diagnostics ? { window: diagnostics } : {}),
    };
  };

  let profiler: Session | undefined;
  const post = (session: Session, method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  const startProfile = async () => {
    profiler = new Session();
    profiler.connect();
    await post(profiler, 'Profiler.enable');
    await post(profiler, 'Profiler.start');
    send({ bench: 'profile-ok' });
  };
  const stopProfile = async (path: string) => {
    if (!profiler) throw new Error('profiler was not started');
    const result = (await post(profiler, 'Profiler.stop')) as { profile: unknown };
    profiler.disconnect();
    profiler = undefined;
    writeFileSync(path, JSON.stringify(result.profile));
    send({ bench: 'profile-ok' });
  };
  const failed = (error: unknown) => send({ bench: 'profile-failed', error: error instanceof Error ? error.message : String(error) });

  process.on('message', (message: unknown) => {
    const request = message as Partial<ProbeRequest> | null;
    if (!request || typeof request !== 'object' || typeof request.bench !== 'string') return;
    if (request.bench === 'profile-start') void startProfile().catch(failed);
    if (request.bench === 'profile-stop' && typeof request.path === 'string') void stopProfile(request.path).catch(failed);
    if (request.bench === 'reset') {
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
      peakRss = process.memoryUsage.rss();
      sqlite.statements = sqlite.writes = sqlite.commits = 0;
      windowProbe.start();
      send({ bench: 'reset-ok' });
    } else if (request.bench === 'report') {
      send(report());
    } else if (request.bench === 'exit') {
      // A normal exit lets `--cpu-prof` write its profile; a signal would lose it.
      process.exit(0);
    }
  });
  // The IPC channel alone must not keep a finished process alive.
  process.channel?.unref();
}

installProbe();
