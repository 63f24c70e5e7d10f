// The error boundary: users get a safe message and a ref; the log gets the code, cause and the same ref.
import { TestAdapter } from 'botbuilder';
import { AppError } from '../../src/errors/appError';
import { createTurnErrorHandler } from '../../src/teams/turnErrorHandler';
import { execute, message } from '../support/activities';
import { createMemoryLogger } from '../support/memoryLogger';

async function failWith(error: Error, activity = message('hello')) {
  const memory = createMemoryLogger();
  const adapter = new TestAdapter(async () => {
    throw error;
  });
  adapter.onTurnError = createTurnErrorHandler({ logger: memory.logger, newCorrelationId: () => 'c0ffee42' });
  await adapter.processActivity(activity);
  return { replies: adapter.activeQueue.splice(0), lines: memory.lines() };
}

describe('turn error handler', () => {
  it('shows an unexpected error as a generic message and logs the cause under the same ref', async () => {
    const { replies, lines } = await failWith(new Error('connection string Password=hunter2'));
    expect(replies.map((r) => r.text)).toEqual(['Something went wrong on my side. (ref c0ffee42)']);
    const entry = lines.find((l) => l.correlationId === 'c0ffee42');
    expect(entry).toMatchObject({ level: 50, code: 'INTERNAL', msg: 'turn failed' });
    expect(JSON.stringify(entry)).toContain('hunter2');
  });

  it('shows an AppError its own user message, and logs it as a warning with details', async () => {
    const { replies, lines } = await failWith(new AppError('STALE_ACTION', 'That list has changed.', { details: { ref: 'r9' } }));
    expect(replies[0]?.text).toBe('That list has changed. (ref c0ffee42)');
    expect(lines.find((l) => l.correlationId === 'c0ffee42')).toMatchObject({ level: 40, code: 'STALE_ACTION', details: { ref: 'r9' } });
  });

  it('answers a failed invoke with an invoke response instead of a chat message', async () => {
    const { replies } = await failWith(new AppError('INVALID_ACTION'), execute('prompt', { ref: 'p1' }));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.type).toBe('invokeResponse');
    expect(replies[0]?.value).toMatchObject({ status: 200, body: { type: 'application/vnd.microsoft.activity.message', value: 'That action is not valid. (ref c0ffee42)' } });
  });

  it('logs an expected refusal (per the catalogue) without a stack, and a fault with its cause', async () => {
    const refused = await failWith(new AppError('NOT_FOUND', 'No such row.'));
    const entry = refused.lines.find((l) => l.correlationId === 'c0ffee42');
    expect(entry).toMatchObject({ level: 40, code: 'NOT_FOUND', reason: 'No such row.', msg: 'turn refused' });
    expect(entry?.err).toBeUndefined();
    expect(JSON.stringify(entry)).not.toContain('    at ');
    const failed = await failWith(new AppError('STORAGE_FAILURE', undefined, { cause: new Error('disk I/O error') }));
    expect(JSON.stringify(failed.lines.find((l) => l.correlationId === 'c0ffee42'))).toContain('    at ');
  });
});

