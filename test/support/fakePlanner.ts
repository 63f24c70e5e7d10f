// A planner for tests: exact (trimmed, case-insensitive) text -> a fixed plan. Unmapped text plans nothing.
import type { Plan, Planner, PredictedCommand, PredictedDoCommand, PredictedSayCommand, TurnState } from '@microsoft/teams-ai';

export type FakeStep = { do: string; parameters?: Record<string, unknown> } | { say: string };

export interface FakePlanner extends Planner<TurnState> {
  /** Texts the planner was asked about, in order. */
  readonly seen: string[];
}

function command(step: FakeStep): PredictedCommand {
  if ('say' in step) {
    const say: PredictedSayCommand = { type: 'SAY', response: { role: 'assistant', content: step.say } };
    return say;
  }
  const doCommand: PredictedDoCommand = { type: 'DO', action: step.do, parameters: step.parameters ?? {} };
  return doCommand;
}

export function createFakePlanner(routes: Record<string, FakeStep[]> = { help: [{ do: 'help' }] }): FakePlanner {
  const table = new Map(Object.entries(routes).map(([text, steps]) => [text.trim().toLowerCase(), steps]));
  const seen: string[] = [];
  return {
    seen,
    beginTask: async (context): Promise<Plan> => {
      const text = (context.activity.text ?? '').trim();
      seen.push(text);
      return { type: 'plan', commands: (table.get(text.toLowerCase()) ?? []).map(command) };
    },
    continueTask: async (): Promise<Plan> => ({ type: 'plan', commands: [] }),
  };
}
