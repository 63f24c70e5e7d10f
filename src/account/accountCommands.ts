// Requests about the bot itself rather than posture: usage, the feedback report, and what the bot keeps about the
// person asking. They are matched on the whole message (typed exactly or nearly), before any planner: they cost
// nothing and carry no feedback buttons.
import type { PlannedAction } from '../actions/registry';

interface CommandPattern {
  pattern: RegExp;
  action: (match: RegExpExecArray) => PlannedAction;
}

const COMMANDS: readonly CommandPattern[] = [
  { pattern: /^(?:show )?(?:my )?usage(?: please)?$|^how much (?:have i|did i) use(?:d)?$/, action: () => ({ name: 'usage', parameters: {} }) },
  {
    pattern: /^feedback report(?: (?:for |over )?(?:the )?(?:last|past) (\d{1,3}) days?)?$/,
    action: (m) => ({ name: 'feedbackReport', parameters: m[1] ? { days: Number(m[1]) } : {} }),
  },
  { pattern: /^what (?:do|did) you (?:keep|store|know|have|save) (?:about|on) me$|^(?:show )?my data$|^what data do you (?:keep|store|have) about me$/, action: () => ({ name: 'myData', parameters: {} }) },
  { pattern: /^(?:please )?(?:delete|erase|remove|forget) (?:all )?my data$|^forget me$/, action: () => ({ name: 'deleteMyData', parameters: {} }) },
  { pattern: /^(?:please )?(?:export|download|give me|send me) (?:all )?(?:of )?my data(?: please)?$/, action: () => ({ name: 'exportMyData', parameters: {} }) },
  { pattern: /^(?:please )?(?:allow|enable|turn on|start using|use) (?:the )?(?:language model|llm|ai model|model)(?: please)?$/, action: () => ({ name: 'allowModel', parameters: {} }) },
  { pattern: /^(?:please )?(?:stop using|disable|turn off|withdraw consent (?:for|to)|do not use|don't use) (?:the )?(?:language model|llm|ai model|model)(?: please)?$/, action: () => ({ name: 'stopModel', parameters: {} }) },
  { pattern: /^(?:(?:language )?model|llm|ai) status$|^which (?:language )?model (?:answers|is (?:used|active|answering))$/, action: () => ({ name: 'modelStatus', parameters: {} }) },
  { pattern: /^(?:please )?(?:refresh|reload|re-?read) (?:the )?(?:posture|security|defender)(?: data)?(?: now)?(?: please)?$/, action: () => ({ name: 'refreshPosture', parameters: {} }) },
];

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[?.!]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export function matchAccountCommand(text: string): PlannedAction | undefined {
  if (text.length > 200) return undefined;
  const normalized = normalize(text);
  for (const command of COMMANDS) {
    const match = command.pattern.exec(normalized);
    if (match) return command.action(match);
  }
  return undefined;
}
