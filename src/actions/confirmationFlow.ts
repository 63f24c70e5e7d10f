// The one confirmation flow for side effects. A side-effect action proposes its change; the flow stores it as a
// pending action and shows the confirmation card (the card that shows the final content). Only the requester's
// press runs it, once, with the stored effect (plus the card's inputs), and every run is audited.
import { z } from 'zod';
import { AppError, isAppError, toAppError } from '../errors/appError';
import type { Logger } from '../logging/logger';
import { inputCardId, type ConfirmationContent, type ConfirmationView } from '../views/confirmationView';
import type { StoredRecord } from '../storage/recordsStore';
import { readableBy, tolerant } from '../storage/storedShape';
import type { Reply } from '../views/reply';
import type { ActionAudit } from './actionAudit';
import { effectDigest, PENDING_SHAPE_VERSION, type PendingAction, type PendingActionStore, type Person } from './pendingActions';
import type { ActionContext, ActionRegistry, ReadActionDefinition, SideEffectActionDefinition, SideEffectGate } from './registry';

export const DEFAULT_CONFIRMATION_TTL_MS = 15 * 60 * 1000;
/** A run that started longer ago than this and never finished was cut by a crash: its requester may run it again. */
const RUN_LEASE_MS = 2 * 60 * 1000;
/** An editable card renewed while its requester keeps it open never lives longer than this in all. */
const MAX_DRAFT_LIFE_MS = 8 * 60 * 60 * 1000;
const MAX_INPUTS = 20;
const MAX_INPUT_CHARS = 4000;

export const pendingRef = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const confirmParamsSchema = z
  .object({ ref: pendingRef, inputs: z.record(z.string().max(MAX_INPUT_CHARS)).refine((r) => Object.keys(r).length <= MAX_INPUTS, 'too many inputs').default({}) })
  .strict();
export const cancelParamsSchema = z.object({ ref: pendingRef }).strict();
export const renewParamsSchema = z.object({ ref: pendingRef }).strict();

export interface ConfirmationFlowOptions {
  registry: ActionRegistry<Reply>;
  store: PendingActionStore;
  audit: ActionAudit;
  logger: Logger;
  ttlMs?: number;
  now?: () => number;
}

/** Stored beside the pending action so the card can be drawn again in any later state. */
interface PendingWithCard extends PendingAction {
  card: ConfirmationContent;
  /** "Sent", "Submitted", "Applied": the past tense of the card's button, once done. */
  confirmLabelDone?: string;
}

const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;
const nameOf = (person: Person) => person.name?.trim() || 'the person who asked';

type CardState = Pick<ConfirmationView, 'status' | 'statusColor'> & { actionable: boolean };

function cardFor(pending: PendingWithCard, state: CardState): Reply {
  const { card } = pending;
  return {
    kind: 'card',
    card: {
      template: 'confirmation',
      model: {
        title: card.title,
        intro: card.intro,
        facts: card.facts,
        changesTitle: state.actionable ? 'What will happen' : 'What was asked',
        changes: card.changes,
        inputs: card.inputs.map((input) => ({
          ...input,
          cardId: inputCardId(input.id),
          placeholder: input.placeholder ?? '',
          isText: input.kind === 'text',
          isEmail: input.kind === 'email',
          isDate: input.kind === 'date',
          isMultiline: input.kind === 'multiline',
        })),
        ref: state.actionable ? pending.ref : '',
        // Teams refreshes the card for these users when they look at it: an open draft is kept alive (renewAction).
        renewable: state.actionable && card.inputs.length > 0 && pending.requester.userId !== undefined,
        refreshUserIds: pending.requester.userId ? [pending.requester.userId] : [],
        confirmLabel: card.confirmLabel,
        status: state.status,
        statusColor: state.statusColor,
        actionable: state.actionable,
      },
    },
    recommendationIds: [pending.target],
  };
}

/** What the card says in each state; the same press twice draws the same card. */
function stateOf(pending: PendingWithCard, now: number): CardState {
  switch (pending.state) {
    case 'done':
      return { actionable: false, statusColor: 'Good', status: `${pending.confirmLabelDone ?? 'Confirmed'} by ${nameOf(pending.confirmedBy ?? pending.requester)} at ${clock(pending.confirmedAt ?? now)}. ${pending.outcome ?? ''}`.trim() };
    case 'cancelled':
      return { actionable: false, statusColor: 'Default', status: `Cancelled by ${nameOf(pending.confirmedBy ?? pending.requester)}. Nothing was changed.` };
    case 'superseded':
      return { actionable: false, statusColor: 'Warning', status: 'A newer request for the same item replaced this one. Nothing was changed here: use the newest card.' };
    case 'running':
      return { actionable: false, statusColor: 'Default', status: `Confirmed by ${nameOf(pending.confirmedBy ?? pending.requester)}: working on it.` };
    case 'failed':
      return { actionable: true, statusColor: 'Attention', status: `The last attempt failed (${pending.error ?? 'error'}). Nothing is half-done: you can try again until ${clock(pending.expiresAt)}.` };
    case 'pending':
      if (now > pending.expiresAt) return { actionable: false, statusColor: 'Warning', status: `This request expired at ${clock(pending.expiresAt)}. Nothing was changed. Ask again for a fresh one.` };
      return { actionable: true, statusColor: 'Default', status: `Only ${nameOf(pending.requester)} can confirm. This request expires at ${clock(pending.expiresAt)}.` };
  }
}

const PAST_TENSE: Record<ConfirmationContent['confirmLabel'], string> = { Confirm: 'Confirmed', Send: 'Sent', Submit: 'Submitted', Apply: 'Applied' };

export interface ConfirmationFlow extends SideEffectGate<Reply> {
  confirm(params: z.infer<typeof confirmParamsSchema>, context: ActionContext<Reply>): Promise<void>;
  /** The requester looks at an editable card (Teams' automatic refresh): its expiry moves on, within a cap. */
  renew(params: z.infer<typeof renewParamsSchema>, context: ActionContext<Reply>): Promise<void>;
  cancel(params: z.infer<typeof cancelParamsSchema>, context: ActionContext<Reply>): Promise<void>;
}

export function createConfirmationFlow(options: ConfirmationFlowOptions): ConfirmationFlow {
  const { registry, store, audit, logger } = options;
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? DEFAULT_CONFIRMATION_TTL_MS;

  async function load(context: ActionContext<Reply>, ref: string) {
    const record = await store.get(context.conversationId, ref);
    if (!record) {
      await context.reply({ kind: 'text', text: 'That request is no longer available: it expired and was cleared, or it was not made in this conversation. Nothing was changed. Ask again for a fresh one.' });
      return undefined;
    }
    return record as typeof record & { value: PendingWithCard };
  }

  async function refuseOthers(context: ActionContext<Reply>, pending: PendingWithCard, verb: string): Promise<boolean> {
    if (pending.requester.id === context.actor.id) return false;
    logger.info({ action: pending.action, ref: pending.ref }, `${verb} refused: not the requester`);
    await context.reply({ kind: 'text', text: `Only ${nameOf(pending.requester)}, who asked for this, can ${verb} it.` });
    return true;
  }

  const perform = (definition: SideEffectActionDefinition<z.ZodTypeAny, z.ZodTypeAny, Reply>, claimed: StoredRecord<PendingAction>, running: PendingWithCard, context: ActionContext<Reply>) =>
    runClaimed({ store, audit, logger, now }, definition, claimed, running, context);

  async function reofferDraft(record: StoredRecord<PendingAction>, submitted: Readonly<Record<string, string>>, context: ActionContext<Reply>) {
    const pending = record.value as PendingWithCard;
    let kept: Record<string, string>;
    try {
      kept = inputsOf(submitted, pending.card);
    } catch {
      kept = {};
    }
    const at = now();
    const card: ConfirmationContent = { ...pending.card, inputs: pending.card.inputs.map((input) => ({ ...input, value: kept[input.id] ?? input.value })) };
    const fresh = (await store.create({
      conversationId: pending.conversationId,
      action: pending.action,
      parameters: pending.parameters,
      effect: pending.effect,
      target: pending.target,
      requester: pending.requester,
      createdAt: at,
      expiresAt: at + ttlMs,
      card,
    } as Omit<PendingWithCard, 'ref' | 'state' | 'digest'>)) as PendingWithCard;
    logger.info({ action: pending.action, ref: fresh.ref, expired: pending.ref }, 'expired draft offered again');
    const status = `The earlier draft expired at ${clock(pending.expiresAt)}, so nothing was ${PAST_TENSE[card.confirmLabel].toLowerCase()}. Your edits are kept here: press ${card.confirmLabel} to confirm. This one expires at ${clock(fresh.expiresAt)}.`;
    await context.reply(cardFor(fresh, { actionable: true, statusColor: 'Warning', status }));
  }

  // A stored effect may come from the next version of the bot (a rolling deploy): fields it added pass through, unread
  // here, and stay in the record written back. Proposals made here are still checked strictly.
  const storedEffects = new WeakMap<z.ZodTypeAny, z.ZodTypeAny>();
  const storedEffect = (schema: z.ZodTypeAny): z.ZodTypeAny => {
    let loose = storedEffects.get(schema);
    if (!loose) storedEffects.set(schema, (loose = tolerant(schema)));
    return loose;
  };

  function sideEffectAction(name: string): SideEffectActionDefinition<z.ZodTypeAny, z.ZodTypeAny, Reply> {
    const definition = registry.get(name);
    if (!definition?.sideEffects) throw new AppError('INTERNAL', undefined, { details: { reason: 'pending action names no side-effect action', name } });
    return definition;
  }

  return {
    async propose(definition, parameters, context) {
      const proposal = await definition.propose(parameters, context);
      const effect: unknown = definition.effect.parse(proposal.effect);
      const at = now();
      const pending = (await store.create({
        conversationId: context.conversationId,
        action: definition.name,
        parameters,
        effect,
        target: proposal.target,
        requester: context.actor,
        createdAt: at,
        expiresAt: at + ttlMs,
        card: proposal.card,
      } as Omit<PendingWithCard, 'ref' | 'state' | 'digest'>)) as PendingWithCard;
      logger.info({ action: definition.name, ref: pending.ref, target: pending.target }, 'side effect proposed');
      await context.reply(cardFor(pending, stateOf(pending, at)));
    },

    async confirm(params, context) {
      const record = await load(context, params.ref);
      if (!record) return;
      const pending = record.value;
      if (await refuseOthers(context, pending, 'confirm')) return;
      if (!readableBy(pending, PENDING_SHAPE_VERSION)) {
        logger.info({ action: pending.action, ref: pending.ref, readableFrom: pending.readableFrom }, 'confirmation left to a newer version of the bot');
        await context.reply({ kind: 'text', text: `This request was made by a newer version of the bot, which is being rolled out. Nothing was changed: press ${pending.card.confirmLabel} again in a minute.` });
        return;
      }
      const at = now();
      // A run cut by a crash was confirmed in time: finishing it later is still that confirmation, whatever the expiry.
      const stale = pending.state === 'running' && at - (pending.confirmedAt ?? 0) > RUN_LEASE_MS;
      const runnable = ((pending.state === 'pending' || pending.state === 'failed') && at <= pending.expiresAt) || stale;
      if (!runnable && pending.state === 'pending' && at > pending.expiresAt && pending.card.inputs.length > 0) {
        // A draft that expired while being edited: nothing runs, but the edits are not lost either.
        await reofferDraft(record, params.inputs, context);
        return;
      }
      if (!runnable) {
        // A double click, a duplicate delivery, an expired or superseded card: show where it stands, run nothing.
        await context.reply(cardFor(pending, stateOf(pending, at)));
        return;
      }
      const definition = sideEffectAction(pending.action);
      let effect: unknown;
      try {
        // A run taken over after a crash repeats what was confirmed then, not what this press submits.
        const edited = definition.withInputs && !stale ? definition.withInputs(pending.effect, inputsOf(params.inputs, pending.card)) : pending.effect;
        effect = storedEffect(definition.effect).parse(edited);
      } catch (error) {
        if (isAppError(error) && error.code === 'BAD_REQUEST') {
          await context.reply({ kind: 'text', text: `${error.userMessage} Nothing was changed; correct it on the card and press ${pending.card.confirmLabel} again.` });
          return;
        }
        throw error;
      }
      const runDigest = effectDigest(pending.action, effect);
      const running: PendingWithCard = { ...pending, state: 'running', effect, runDigest, confirmedBy: context.actor, confirmedAt: at };
      const claimed = await store.update(record, running);
      if (!claimed) {
        // Another press (or replica) claimed it first: show the state it left.
        const latest = await load(context, params.ref);
        if (latest) await context.reply(cardFor(latest.value, stateOf(latest.value, now())));
        return;
      }
      if (definition.long && context.later) {
        // Teams wants an answer within seconds: say it is under way now, finish in a proactive message.
        await context.reply(cardFor(running, stateOf(running, now())));
        context.later(async (later) => {
          try {
            const done = await perform(definition, claimed, running, { ...context, reply: later.reply });
            await later.replaceCard(cardFor(done, stateOf(done, now())));
            await later.reply({ kind: 'text', text: done.outcome ?? 'Done.' });
          } catch (error) {
            const failure = toAppError(error);
            logger.error({ err: failure, action: pending.action, ref: pending.ref }, 'confirmed side effect failed after the acknowledgement');
            await later.reply({ kind: 'text', text: `${PAST_TENSE[pending.card.confirmLabel]} by ${nameOf(context.actor)}, but it did not work: ${failure.userMessage} You can press ${pending.card.confirmLabel} again to retry.` });
          }
        });
        return;
      }
      const done = await perform(definition, claimed, running, context);
      await context.reply(cardFor(done, stateOf(done, now())));
    },

    async runPressed(definition, parameters, context) {
      const proposal = await definition.propose(parameters, context);
      const effect: unknown = definition.effect.parse(proposal.effect);
      const at = now();
      // One record per distinct change by this presser: a double click or a redelivery finds it and runs nothing.
      const claim = await store.claimPress({
        conversationId: context.conversationId,
        action: definition.name,
        parameters,
        effect,
        target: proposal.target,
        requester: context.actor,
        createdAt: at,
        expiresAt: at,
        card: proposal.card,
      } as Omit<PendingWithCard, 'ref' | 'state' | 'digest'>);
      const takeOver = !claim.claimed && claim.record.value.state === 'running' && at - (claim.record.value.confirmedAt ?? 0) > RUN_LEASE_MS;
      if (!claim.claimed && !takeOver) {
        const earlier = claim.record.value as PendingWithCard;
        await context.reply({ kind: 'text', text: earlier.outcome ? `Already done: ${earlier.outcome}` : 'That is already under way.' });
        return;
      }
      const running = { ...(claim.record.value as PendingWithCard), state: 'running' as const, runDigest: claim.record.value.digest, confirmedBy: context.actor, confirmedAt: at };
      const claimed = await store.update(claim.record, running);
      if (!claimed) return;
      const done = await perform(definition, claimed, running, context);
      await context.reply({ kind: 'text', text: done.outcome ?? 'Done.' });
    },

    async renew(params, context) {
      const record = await store.get(context.conversationId, params.ref);
      if (!record) return context.reply({ kind: 'text', text: 'That request is no longer available.' });
      const pending = record.value as PendingWithCard;
      const at = now();
      const open = pending.state === 'pending' && at <= pending.expiresAt && pending.card.inputs.length > 0;
      // Renew only the requester's own open draft, and only once half its time is gone: a refresh is not a write each time.
      if (open && pending.requester.id === context.actor.id && pending.expiresAt - at < ttlMs / 2) {
        const expiresAt = Math.min(at + ttlMs, pending.createdAt + MAX_DRAFT_LIFE_MS);
        if (expiresAt > pending.expiresAt) {
          const renewed: PendingWithCard = { ...pending, expiresAt };
          if (await store.update(record, renewed)) return context.reply(cardFor(renewed, stateOf(renewed, at)));
          const latest = (await store.get(context.conversationId, params.ref))?.value as PendingWithCard | undefined;
          if (latest) return context.reply(cardFor(latest, stateOf(latest, now())));
        }
      }
      await context.reply(cardFor(pending, stateOf(pending, at)));
    },

    async cancel(params, context) {
      const record = await load(context, params.ref);
      if (!record) return;
      const pending = record.value;
      if (await refuseOthers(context, pending, 'cancel')) return;
      if (pending.state !== 'pending' && pending.state !== 'failed') {
        await context.reply(cardFor(pending, stateOf(pending, now())));
        return;
      }
      const cancelled: PendingWithCard = { ...pending, state: 'cancelled', confirmedBy: context.actor, finishedAt: now() };
      const saved = await store.update(record, cancelled);
      const shown = saved ? cancelled : ((await load(context, params.ref))?.value ?? cancelled);
      await context.reply(cardFor(shown, stateOf(shown, now())));
    },
  };
}

/** Runs a claimed effect and records how it ended (pending state and audit); rethrows a failure after recording it. */
async function runClaimed(
  deps: { store: PendingActionStore; audit: ActionAudit; logger: Logger; now: () => number },
  definition: SideEffectActionDefinition<z.ZodTypeAny, z.ZodTypeAny, Reply>,
  claimed: StoredRecord<PendingAction>,
  running: PendingWithCard,
  context: ActionContext<Reply>,
): Promise<PendingWithCard> {
  const confirmedBy = running.confirmedBy ?? context.actor;
  const entry = { conversationId: running.conversationId, action: running.action, target: running.target, ref: running.ref, requester: running.requester, confirmedBy, digest: running.runDigest ?? running.digest };
  let outcome;
  try {
    outcome = await definition.perform(running.effect, { ...context, idempotencyKey: running.ref, confirmedBy });
  } catch (error) {
    const code = isAppError(error) ? error.code : 'INTERNAL';
    await deps.store.update(claimed, { ...running, state: 'failed', error: code, finishedAt: deps.now() });
    await deps.audit.record({ ...entry, at: deps.now(), result: 'failed', error: code });
    throw error;
  }
  const done: PendingWithCard = { ...running, state: 'done', outcome: outcome.text, finishedAt: deps.now(), confirmLabelDone: PAST_TENSE[running.card.confirmLabel] };
  // We hold the claim, so nobody else writes this record: a failure here is a storage fault, not a lost race.
  await deps.store.update(claimed, done);
  await deps.audit.record({ ...entry, at: done.finishedAt ?? deps.now(), result: 'done', outcome: outcome.text });
  deps.logger.info({ action: running.action, ref: running.ref, digest: entry.digest }, 'side effect confirmed and run');
  return done;
}

/** Only the inputs the card offered reach the action, by their ids; anything else submitted is ignored. */
function inputsOf(submitted: Readonly<Record<string, string>>, card: ConfirmationContent): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of card.inputs) {
    const value = submitted[input.id];
    if (value === undefined) continue;
    if (value.length > input.maxLength) throw new AppError('BAD_REQUEST', `${input.label} is longer than ${input.maxLength} characters.`);
    values[input.id] = value;
  }
  return values;
}

/** The flow's own registry actions: what the card's Confirm and Cancel buttons resolve to. */
export function confirmationActions(flow: ConfirmationFlow): Array<ReadActionDefinition<z.ZodTypeAny, Reply>> {
  return [
    {
      name: 'confirmAction',
      description: 'Run a proposed change: only from the confirmation card, only for its requester.',
      parameters: confirmParamsSchema,
      sideEffects: false,
      handler: (p, ctx) => flow.confirm(p as z.infer<typeof confirmParamsSchema>, ctx),
    },
    {
      name: 'renewAction',
      description: "Keep an editable confirmation card alive while its requester has it open (Teams' card refresh).",
      parameters: renewParamsSchema,
      sideEffects: false,
      handler: (p, ctx) => flow.renew(p as z.infer<typeof renewParamsSchema>, ctx),
    },
    {
      name: 'cancelAction',
      description: 'Drop a proposed change without running it.',
      parameters: cancelParamsSchema,
      sideEffects: false,
      handler: (p, ctx) => flow.cancel(p as z.infer<typeof cancelParamsSchema>, ctx),
    },
  ];
}
