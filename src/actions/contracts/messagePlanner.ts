// The planner contract, free of any bot SDK: one message and its conversation's context in, a plan out. The keyless
// planner (src/planner/) and the LLM planner (src/llmPlanner/) implement it; the transport turns it into whatever
// its SDK runs (src/teams/plannerAdapter.ts: a teams-ai Planner of DO and SAY commands). Planners never validate:
// the registry checks every planned action when it runs (registry.checkPlan gives a planner the same problems).
import type { Viewer } from '../../posture/viewer';
import type { PlannedAction } from '../registry';

export interface PlanRequest {
  /** The user's message, mention of the bot removed; may be empty (a card submit without text). */
  text: string;
  viewer: Viewer;
  /**
   * The conversation's memory as stored between turns (the active list, a planner's own history); a planner may
   * write its own keys into it. Absent when there is no conversation state (a bare test context).
   */
  conversation?: Record<string, unknown>;
  /**
   * Present where the transport can stream a message as it is written (Teams: 1:1 chats only). A planner that
   * streams marks the say step whose text it wrote (`streamed`); the transport's first say step ends the stream.
   */
  stream?: ProseStream;
}

/** A message shown while it is being written: a status line first, then text appended, then ended by a say step. */
export interface ProseStream {
  /** A status line shown before the text ("Thinking…"). */
  inform(text: string): void;
  /** Appends checked text to the message. */
  write(text: string): void;
}

/** A record a model-written answer rests on: shown by Teams as a numbered citation ([1] in the text). */
export interface AnswerCitation {
  name: string;
  /** A line about the record (its resource, severity, status). */
  abstract: string;
  /** The Azure portal page of the record, when the data has one. */
  url?: string;
}

export type PlanStep =
  /** Run a registry action with these parameters. */
  | { kind: 'action'; action: PlannedAction }
  /**
   * Send this plain text. `ai` is set only when a language model wrote the prose: the transport labels it
   * "AI generated" and attaches its citations. Text written by rules (notices, fallbacks) has none. `streamed`:
   * the text was already written to the request's stream; this step only ends it (with its label and citations).
   */
  | { kind: 'say'; text: string; ai?: { model: string; citations: AnswerCitation[] }; streamed?: boolean };

export interface MessagePlan {
  steps: PlanStep[];
}

export interface MessagePlanner {
  plan(request: PlanRequest): Promise<MessagePlan>;
}

export const actionStep = (action: PlannedAction): PlanStep => ({ kind: 'action', action });
export const sayStep = (text: string): PlanStep => ({ kind: 'say', text });
