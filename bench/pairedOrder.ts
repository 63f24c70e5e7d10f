// The paired schedule's order of targets, and how the results name it.
import type { TurnTargetName } from './benchResults';
import { cycleOrder } from './pairedSchedule';

/**
 * Neighbours in this order: echo-card (card floor / echo), card-bot (bot / card floor), bot-durable (bot / durable
 * floor, where the mix has one); teams-ai is in no ratio. The durable floor / card floor pairs are two windows apart.
 */
export const PAIRED_ORDER: readonly TurnTargetName[] = ['teamsAiFloor', 'echoFloor', 'cardFloor', 'analyze', 'durableFloor'];

const WORDS: Record<TurnTargetName, string> = { teamsAiFloor: 'teams-ai echo', echoFloor: 'bare echo', cardFloor: 'card floor', analyze: 'bot', durableFloor: 'durable floor' };

/** One cycle of the targets a run measured, in words ("teams-ai echo, bare echo, ..., bare echo, teams-ai echo"). */
export function pairedOrderText(measured: (name: TurnTargetName) => boolean): string {
  return cycleOrder(PAIRED_ORDER.filter(measured)).map((name) => WORDS[name]).join(', ');
}
