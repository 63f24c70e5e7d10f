// History recording is off the startup path: nothing is written until the bot listens (startAfter), then the demo
// history is seeded and the current load recorded in the background; a question about change before that still
// gets the full answer, because it waits for the recording.
import { openPostureHistory } from '../../../src/posture/history/openHistory';
import { createPostureHistory } from '../../../src/posture/history/postureHistory';
import { openPostureHolder } from '../../../src/posture/postureHolder';
import { createSilentLogger } from '../../../src/logging/logger';
import { createMemoryLogger } from '../../support/memoryLogger';
import { createMemoryRecordsStore } from '../overlayMemoryStore';

const DAY = 86_400_000;

async function demo() {
  const records = createMemoryRecordsStore();
  const holder = await openPostureHolder({ postureLenient: false }, { logger: createSilentLogger(), records });
  return { records, holder, history: createPostureHistory(records) };
}

const settle = async (until: () => Promise<boolean>) => {
  for (let i = 0; i < 1000 && !(await until()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('openPostureHistory', () => {
  it('records nothing before the bot listens, then seeds and records in the background', async () => {
    const { records, holder, history } = await demo();
    const log = createMemoryLogger('info');
    let listening: (url: string) => void = () => {};
    const startAfter = new Promise<string>((resolve) => (listening = resolve));
    await openPostureHistory(holder, { records, retentionMs: 90 * DAY, logger: log.logger, startAfter });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await history.loads()).toEqual([]);
    listening('http://127.0.0.1:3978');
    const recorded = () => log.lines().some((line) => line.msg === 'posture history recorded');
    await settle(async () => recorded());
    expect(log.lines().map((line) => line.msg)).toEqual(expect.arrayContaining(['demo history seeded', 'posture history recorded']));
    // The demo's generated past loads.
    expect((await history.loads()).length).toBeGreaterThan(1);
    holder.close();
  });

  it('a question about change before the recording ran waits for it and answers from the seeded history', async () => {
    const { records, holder } = await demo();
    const reader = await openPostureHistory(holder, { records, retentionMs: 90 * DAY, logger: createSilentLogger(), startAfter: new Promise(() => {}) });
    const comparison = await reader.compare(holder.current(), holder.info().loadedAt - 7 * DAY);
    expect(comparison).toBeDefined();
    expect(comparison?.from).toBeLessThan(holder.info().loadedAt);
    holder.close();
  });
});
