// Preloaded (`node --require`) into every server under test, so CPU and memory are measured inside the server
// process without touching product code. Talks to the bench runner over the fork IPC channel.
import type { ProbeReport, ProbeRequest } from '../probeProtocol';

const RSS_SAMPLE_MS = 20;

function installProbe(): void {
  const send = process.send?.bind(process);
  if (!send) return; // not forked by the bench: stay inert

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
    };
  };

  process.on('message', (message: unknown) => {
    const request = message as Partial<ProbeRequest> | null;
    if (!request || typeof request !== 'object' || typeof request.bench !== 'string') return;
    if (request.bench === 'reset') {
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
      peakRss = process.memoryUsage.rss();
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
