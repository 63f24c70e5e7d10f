// The live Azure source at scale: a full read of a generated estate through paged Resource Graph responses (a
// loopback fake in its own process, pages of 1,000 through the real @azure/arm-resourcegraph client), then a second
// read while the first engine is still held, as a scheduled refresh does. Reports the time of each, the reader's
// peak RSS, the engine query time on the loaded data, and the least time the same read would take within Resource
// Graph's per-user quota (15 queries per 5 seconds).
// Usage: npm run bench:azure -- [assessments=1000000]   (writes bench/results/azure-read.md and .json)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPosture } from '../src/posture/loadPosture';
import { createAzurePostureSource, type AzureLoadReport } from '../src/posture/source/azure/azureSource';
import { createPostureStoreBuilder } from '../src/posture/store';
import { SYSTEM_VIEWER } from '../src/posture/viewer';
import { runBenchMain } from './cliArgs';
import { forkFakeResourceGraph } from './servers/fakeResourceGraphChild';
import { fakeCredential, loopbackHttpClient } from './servers/loopbackAzure';

interface Ready {
  type: 'ready';
  port: number;
  rows: number;
  counts: Record<string, number>;
  generateMs: number;
}

const QUOTA_PER_SECOND = 15 / 5;

async function main(): Promise<void> {
  const assessments = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'azure-read-bench-'));
  const { ask, stop } = forkFakeResourceGraph(assessments, dir);
  try {
    const ready = await ask<Ready>('ready');
    process.stdout.write(`estate: ${ready.rows} rows generated in ${ready.generateMs} ms ${JSON.stringify(ready.counts)}\n`);

    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
    const baseRss = peakRss;
    const source = createAzurePostureSource({
      scopes: [{ kind: 'tenant' }],
      cloud: 'AzurePublicCloud',
      credential: fakeCredential(),
      client: { httpClient: loopbackHttpClient(ready.port) },
      pageTimeoutMs: 120_000,
    });
    const read = async () => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const loaded = await loadPosture({ source, builder: createPostureStoreBuilder() });
      const used = process.cpuUsage(cpu);
      return { ...loaded, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000), report: loaded.report as AzureLoadReport };
    };
    const first = await read();
    const firstPeak = peakRss;
    const fakeAfterFirst = (await ask<{ pageMs: number }>('pageMs', { type: 'pageMs' })).pageMs;
    process.stdout.write(`full read: ${first.ms} ms, ${first.report.rows} rows, ${first.report.pages} pages, peak RSS ${Math.round(firstPeak / 2 ** 20)} MB\n`);

    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      first.engine.search(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'], severities: ['High', 'Critical'] }, limit: 10 });
      first.engine.group(SYSTEM_VIEWER, { statuses: ['Unhealthy'] }, 'recommendation');
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);

    const second = await read();
    clearInterval(sampler);
    const fakeTotal = (await ask<{ pageMs: number }>('pageMs', { type: 'pageMs' })).pageMs;
    const result = {
      assessments,
      rows: first.report.rows,
      records: first.report.records,
      pages: first.report.pages,
      fullReadMs: first.ms,
      fullReadCpuMs: first.cpuMs,
      refreshReadCpuMs: second.cpuMs,
      fakePageBuildMsFirstRead: fakeAfterFirst,
      refreshReadMs: second.ms,
      peakRssFirstReadMb: Math.round(firstPeak / 2 ** 20),
      peakRssWithRefreshMb: Math.round(peakRss / 2 ** 20),
      baseRssMb: Math.round(baseRss / 2 ** 20),
      engineTwoQueriesP50Ms: Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(2)),
      leastQuotaBoundReadSeconds: Math.ceil(first.report.pages / QUOTA_PER_SECOND),
      unhealthy: first.engine.count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] }),
      sameOnRefresh: second.report.hash === first.report.hash,
      machine: { node: process.version, cores: (await import('node:os')).cpus().length, loadAverage: (await import('node:os')).loadavg()[0] ?? 0 },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const out = join(__dirname, '..', '..', 'bench', 'results', 'azure-read');
    writeFileSync(`${out}.json`, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(
      `${out}.md`,
      [
        `# Live Azure read at ${assessments.toLocaleString('en')} assessments`,
        '',
        `Node ${result.machine.node}, ${result.machine.cores} cores, 1-min load average ${result.machine.loadAverage.toFixed(1)} at the end (shared machine).`,
        'Reader: the bot\'s Azure source (tenant scope, pages of 1,000 through @azure/arm-resourcegraph) into the posture store; Resource Graph: the loopback fake in its own process, streaming the estate from disk.',
        '',
        '| figure | value |',
        '| --- | --- |',
        `| rows read (records) | ${result.rows} (${result.records}) |`,
        `| pages (= requests) | ${result.pages} |`,
        `| full read | ${(result.fullReadMs / 1000).toFixed(1)} s (of which the fake spent ${(result.fakePageBuildMsFirstRead / 1000).toFixed(1)} s reading rows from disk) |`,
        `| reader CPU time of the full read | ${(result.fullReadCpuMs / 1000).toFixed(1)} s |`,
        `| a second full read while the first engine is held | ${(result.refreshReadMs / 1000).toFixed(1)} s (reader CPU ${(result.refreshReadCpuMs / 1000).toFixed(1)} s) |`,
        `| reader peak RSS, first read | ${result.peakRssFirstReadMb} MB |`,
        `| reader peak RSS, with the refresh | ${result.peakRssWithRefreshMb} MB |`,
        `| engine: one search + one group on the loaded data, p50 | ${result.engineTwoQueriesP50Ms} ms |`,
        `| least time for the same read within 15 queries / 5 s | ${result.leastQuotaBoundReadSeconds} s |`,
        '',
        'The refresh here is a second full read; the incremental refresh (only what changed) is measured by npm run bench:azure-refresh (results/azure-refresh.md).',
        '',
      ].join('\n'),
    );
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBenchMain('azure read bench', main);
