import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { createOutboxMailer, outboxFileName } from '../../src/mail/outboxMailer';
import { createTempDataDir } from '../support/tempDataDir';
import { runMailerContract } from './mailer.contract';

async function emlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
}

runMailerContract('outbox folder', async () => {
  const data = createTempDataDir();
  const dir = join(data.dir, 'outbox');
  return {
    mailer: createOutboxMailer(dir),
    delivered: async () => Promise.all((await emlFiles(dir)).map(async (f) => ({ raw: await readFile(join(dir, f)) }))),
    cleanup: async () => data.cleanup(),
  };
});

describe('outbox mailer specifics', () => {
  it('writes one file named after the Message-ID, says where, and writes nothing more for the same Message-ID', async () => {
    const data = createTempDataDir();
    try {
      const dir = join(data.dir, 'outbox');
      const mailer = createOutboxMailer(dir);
      const msg = { messageId: '<d_r1@posture-bot.delegation>', from: 'soc@contoso.example', to: ['o@contoso.example'], cc: [], subject: 'First', text: 'one' };
      const first = await mailer.send(msg);
      expect(first.where).toBe(join(dir, outboxFileName(msg.messageId)));
      expect(first.alreadySent).toBeUndefined();
      const second = await mailer.send({ ...msg, subject: 'Second' });
      expect(second.alreadySent).toBe(true);
      expect(await emlFiles(dir)).toEqual(['d_r1_posture-bot.delegation.eml']);
      expect((await simpleParser(await readFile(first.where))).subject).toBe('First');
      expect(mailer.description).toContain(dir);
    } finally {
      data.cleanup();
    }
  });
});
