// Turns of one conversation run one after another; other conversations are not held up; a hung turn lets the
// next one go ahead after the timeout.
import { createConversationQueue } from '../../src/teams/conversationQueue';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('conversation queue', () => {
  it('runs turns of one conversation one at a time, in arrival order', async () => {
    const queue = createConversationQueue();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const turn = (name: string) =>
      queue.run('c1', async () => {
        running += 1;
        most = Math.max(most, running);
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        running -= 1;
        return name;
      });
    expect(await Promise.all(['a', 'b', 'c'].map(turn))).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.busy()).toBe(0);
  });

  it('runs different conversations side by side', async () => {
    const queue = createConversationQueue();
    let running = 0;
    let most = 0;
    const turn = (key: string) =>
      queue.run(key, async () => {
        running += 1;
        most = Math.max(most, running);
        await tick(20);
        running -= 1;
      });
    await Promise.all([turn('c1'), turn('c2'), turn('c3')]);
    expect(most).toBe(3);
  });

  it('a failed turn does not stop the next one', async () => {
    const queue = createConversationQueue();
    const failed = queue.run('c1', async () => {
      throw new Error('boom');
    });
    const next = queue.run('c1', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('lets the next turn go ahead when one hangs past the timeout', async () => {
    const queue = createConversationQueue({ hangTimeoutMs: 30 });
    let release!: () => void;
    const hung = queue.run('c1', () => new Promise<void>((resolve) => (release = resolve)));
    const started = performance.now();
    await queue.run('c1', async () => undefined);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    release();
    await hung;
  });
});
