// `node dist/bench/iacScan.js [count]`: scan speed on N templates (the demo repository's Terraform, Bicep and ARM
// files, copied into N/3 folders each) against the time to parse them alone, median of 5 rounds.
import { readFileSync } from 'node:fs';
import { projectPath } from '../src/paths';
import { parseArmTemplate } from '../src/iac/parsers/armTemplate';
import { parseBicepTemplate } from '../src/iac/parsers/bicepTemplate';
import { parseTerraformModule } from '../src/iac/parsers/terraformTemplate';
import { treeSitterParsers } from '../src/iac/parsers/treeSitter';
import { scanSources } from '../src/iac/scanner';

const count = Number(process.argv[2] ?? 1000);
const read = (path: string) => readFileSync(projectPath('iac-demo', path), 'utf8');
const kinds = [
  { name: 'main.tf', text: read('modules/storage/main.tf') },
  { name: 'site.bicep', text: read('modules/web/site.bicep') },
  { name: 'registry.json', text: read('modules/web/registry.json') },
];
const sources = Array.from({ length: count }, (_, i) => {
  const kind = kinds[i % kinds.length] as (typeof kinds)[number];
  return { file: `f${Math.floor(i / kinds.length)}/${kind.name}`, text: kind.text };
});
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main() {
  const parsers = await treeSitterParsers();
  const parseOnly = async () => {
    for (const s of sources) {
      if (s.file.endsWith('.tf')) parseTerraformModule(parsers, [s]);
      else if (s.file.endsWith('.bicep')) parseBicepTemplate(parsers, s.file, s.text);
      else parseArmTemplate(s.file, s.text);
    }
  };
  const scan = async () => {
    await scanSources(sources);
  };
  const time = async (run: () => Promise<void>) => {
    const start = process.hrtime.bigint();
    await run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  await parseOnly();
  await scan();
  const parseTimes: number[] = [];
  const scanTimes: number[] = [];
  for (let round = 0; round < 5; round++) {
    parseTimes.push(await time(parseOnly));
    scanTimes.push(await time(scan));
  }
  const p = median(parseTimes);
  const s = median(scanTimes);
  console.log(JSON.stringify({ templates: count, parseOnlyMs: Math.round(p), scanMs: Math.round(s), ratio: Number((s / p).toFixed(2)), parseRounds: parseTimes.map(Math.round), scanRounds: scanTimes.map(Math.round) }));
}
void main();
