// A planner for tests: exact (trimmed, case-insensitive) text -> a fixed plan. Unmapped text plans nothing.
import type { MessagePlanner, PlanStep } from '../../src/actions/contracts/messagePlanner';

export type FakeStep = { do: string; parameters?: Record<string, unknown> } | { say: string };

export interface FakePlanner extends MessagePlanner {
  /** Texts the planner was asked about, in order. */
  readonly seen: string[];
}

function step(fake: FakeStep): PlanStep {
  if ('say' in fake) return { kind: 'say', text: fake.say };
  return { kind: 'action', action: { name: fake.do, parameters: fake.parameters ?? {} } };
}

export function createFakePlanner(routes: Record<string, FakeStep[]> = { help: [{ do: 'help' }] }): FakePlanner {
  const table = new Map(Object.entries(routes).map(([text, steps]) => [text.trim().toLowerCase(), steps]));
  const seen: string[] = [];
  return {
    seen,
    plan: async (request) => {
      const text = request.text.trim();
      seen.push(text);
      return { steps: (table.get(text.toLowerCase()) ?? []).map(step) };
    },
  };
}
