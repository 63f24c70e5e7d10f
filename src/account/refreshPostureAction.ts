// "refresh posture now": an administrator reads the posture source again at once instead of waiting for the schedule
// (POSTURE_REFRESH_MINUTES). Admins only (ADMIN_OBJECT_IDS); at most once per REFRESH_SPACING_MS for the whole bot,
// because every read spends the identity's Resource Graph quota: the last on-demand refresh is one record in the
// records store (a create-or-etag write, so two admins or two replicas cannot both start one). The read runs after
// the turn has answered when it takes longer than a turn may wait (a full read of a large estate takes minutes).
import { z } from 'zod';
import type { ActionContext, ReadActionDefinition } from '../actions/registry';
import { isStorageConflict } from '../errors/appError';
import type { PostureHolder, ReloadResult } from '../posture/postureHolder';
import type { RecordsStore } from '../storage/recordsStore';
import { ageText, dataAgeNote } from '../views/dataAgeNote';
import { countLabel } from '../views/postureLabels';
import type { Reply } from '../views/reply';
import { NOT_ADMIN_TEXT, type Admins } from './admins';

export const REFRESH_COLLECTION = 'postureRefresh';
const LAST_ID = 'on-demand';
/** Between two on-demand refreshes (the schedule's own refreshes do not count). */
export const REFRESH_SPACING_MS = 5 * 60_000;

interface LastRefresh {
  at: number;
  by: string;
}

const noParameters = z.object({}).strict();

export interface RefreshPostureDeps {
  posture: Pick<PostureHolder, 'reload' | 'info'>;
  admins: Admins;
  records: RecordsStore;
  now?: () => number;
  spacingMs?: number;
  /** How long the turn waits for the read before answering and saying the outcome later (Teams waits about 15 s). */
  waitMs?: number;
}

/** Claims the next on-demand refresh; the time it may run from when the last one is too recent. */
async function claim(records: RecordsStore, by: string, now: number, spacingMs: number): Promise<number | undefined> {
  const last = await records.get<LastRefresh>(REFRESH_COLLECTION, LAST_ID);
  if (last && now - last.value.at < spacingMs) return last.value.at + spacingMs;
  try {
    await records.put<LastRefresh>(REFRESH_COLLECTION, LAST_ID, { at: now, by }, { ifMatch: last ? last.etag : '*' });
    return undefined;
  } catch (error) {
    // Someone else claimed it in between: theirs is the refresh.
    if (isStorageConflict(error)) return now + spacingMs;
    throw error;
  }
}

export function createRefreshPostureAction(deps: RefreshPostureDeps): ReadActionDefinition<typeof noParameters, Reply> {
  const now = deps.now ?? Date.now;
  const spacingMs = deps.spacingMs ?? REFRESH_SPACING_MS;
  const waitMs = deps.waitMs ?? 8_000;

  /** Says how the refresh went once it has. */
  const report = async (running: Promise<ReloadResult>, started: number, say: (reply: Reply) => Promise<void>, context: ActionContext<Reply>): Promise<void> => {
    try {
      const result = await running;
      const info = deps.posture.info();
      const kind = info.refresh === 'incremental' ? 'only what changed since the last read' : 'everything';
      const retired = result.retired > 0 ? ` ${result.retired} local change${result.retired === 1 ? ' is' : 's are'} now shown by the data itself.` : '';
      await say({
        kind: 'text',
        text: `Posture data refreshed: read ${kind} (${countLabel(info.rows)} rows) in ${Math.max(1, Math.round((now() - started) / 1000))} s.${retired} ${dataAgeNote(info, now(), context.viewer.timeZone) ?? ''}`.trim(),
      });
    } catch (error) {
      const info = deps.posture.info();
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 200) ?? '';
      await say({ kind: 'text', text: `The refresh failed (${reason}). I keep answering from the data read ${ageText(now() - info.loadedAt)}, and the schedule keeps trying.` });
    }
  };

  return {
    name: 'refreshPosture',
    description: 'Reads the posture data again now (administrators only, at most every few minutes).',
    parameters: noParameters,
    sideEffects: false,
    async handler(_params, context) {
      if (!deps.admins.isAdmin(context.actor)) {
        await context.reply({ kind: 'text', text: NOT_ADMIN_TEXT });
        return;
      }
      const at = now();
      const next = await claim(deps.records, context.actor.id, at, spacingMs);
      if (next !== undefined) {
        const minutes = Math.max(1, Math.ceil((next - at) / 60_000));
        await context.reply({ kind: 'text', text: `Posture data was refreshed on demand less than ${Math.round(spacingMs / 60_000)} minutes ago. Ask again in ${minutes} min; the schedule keeps refreshing it meanwhile.` });
        return;
      }
      const running = deps.posture.reload();
      running.catch(() => undefined);
      const finished = await Promise.race([running.then(() => true, () => true), new Promise<boolean>((resolve) => setTimeout(resolve, waitMs, false).unref())]);
      if (finished || !context.later) {
        await report(running, at, context.reply, context);
        return;
      }
      // A long read (a full read of a large estate takes minutes): answer now, say the outcome when it is done.
      await context.reply({ kind: 'text', text: 'Refreshing posture data now. I will say here when it is done; answers use the current data until then.' });
      context.later((continuation) => report(running, at, continuation.reply, context));
    },
  };
}
