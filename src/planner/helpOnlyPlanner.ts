// TEMPORARY stand-in until src/planner/keylessPlanner.ts lands: plans `help` for help-like messages and answers
// everything else with a pointer to help. The lead replaces it in src/index.ts.
import type { Plan, Planner, PredictedDoCommand, PredictedSayCommand, TurnState } from '@microsoft/teams-ai';

const HELP_WORDS = /^\s*(help|\?|what can you do\??|hi|hello|start)\s*[.!]?\s*$/i;

export function createHelpOnlyPlanner(): Planner<TurnState> {
  const plan = (text: string): Plan => {
    const help: PredictedDoCommand = { type: 'DO', action: 'help', parameters: {} };
    const pointer: PredictedSayCommand = { type: 'SAY', response: { role: 'assistant', content: 'I cannot answer that yet. Type "help" to see what I can do.' } };
    return { type: 'plan', commands: [HELP_WORDS.test(text) ? help : pointer] };
  };
  return {
    beginTask: async (context) => plan(context.activity.text ?? ''),
    continueTask: async () => ({ type: 'plan', commands: [] }),
  };
}
