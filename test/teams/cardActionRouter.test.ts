// The card-action router on its own: envelope, per-verb schema, resolver re-checks.
import { z } from 'zod';
import { AppError } from '../../src/errors/appError';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { createCardActionRouter, opaqueRef } from '../../src/teams/cardActionRouter';

const memory = new Map<string, unknown>([['list', ['r1', 'r2']]]);
const scope = {
  viewer: SYSTEM_VIEWER,
  conversation: { get: <T>(k: string) => memory.get(k) as T | undefined, set: (k: string, v: unknown) => void memory.set(k, v), delete: (k: string) => void memory.delete(k) },
};

function router() {
  const r = createCardActionRouter();
  r.register({
    verb: 'details',
    data: z.object({ ref: opaqueRef }).strict(),
    resolve: ({ ref }, s) => {
      if (!(s.conversation.get<string[]>('list') ?? []).includes(ref)) throw new AppError('STALE_ACTION');
      return { kind: 'action', action: { name: 'details', parameters: { ref } } };
    },
  });
  return r;
}

describe('card action router', () => {
  it('resolves a valid payload to a registry action', async () => {
    await expect(router().resolve({ verb: 'details', ref: 'r2' }, scope)).resolves.toEqual({ kind: 'action', action: { name: 'details', parameters: { ref: 'r2' } } });
  });

  it('lets the resolver refuse a reference that is no longer in the data', async () => {
    await expect(router().resolve({ verb: 'details', ref: 'r7' }, scope)).rejects.toMatchObject({ code: 'STALE_ACTION' });
  });

  it.each([null, 42, 'details', [], { verb: '' }, { verb: 'de tails' }, { verb: 'details' }, { verb: 'details', ref: 'r1', name: 'prod-db' }, { verb: 'details', ref: 'a'.repeat(65) }])(
    'refuses %j as INVALID_ACTION',
    async (payload) => {
      await expect(router().resolve(payload, scope)).rejects.toMatchObject({ code: 'INVALID_ACTION' });
    },
  );

  it('refuses duplicate and malformed verbs at registration', () => {
    const r = router();
    expect(() => r.register({ verb: 'details', data: z.object({}), resolve: () => ({ kind: 'prompt', text: 'x' }) })).toThrow(/twice/);
    expect(() => r.register({ verb: 'not a verb', data: z.object({}), resolve: () => ({ kind: 'prompt', text: 'x' }) })).toThrow(/identifier/);
    expect(r.verbs()).toEqual(['details']);
  });
});
