// The remediate intents the keyless planner recognises, and the messages it must leave to other intents.
import { planMessage } from '../../src/planner/planMessage';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import type { PostureEngine } from '../../src/posture/engine';
import { loadDemoEngine } from './support/demoTenant';

let engine: PostureEngine;
beforeAll(async () => {
  engine = await loadDemoEngine();
});
const plan = (text: string) => planMessage(text, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: true, activeList: { filter: {}, shown: 10, total: 40 } });

describe('remediate intents', () => {
  it.each([
    ['summarize the first one', 'summarize', { ordinal: 1 }],
    ['summarise the second one', 'summarize', { ordinal: 2 }],
    ['summarize it', 'summarize', {}],
    ['Summarize the SQL public network access one', 'summarize', { name: 'sql public network access' }],
    ["what does 'Storage accounts should restrict network access' mean?", 'summarize', { name: 'storage accounts should restrict network access' }],
    ['what does this mean?', 'summarize', {}],
    ['how do I fix this?', 'remediate', {}],
    ['How do I fix the first one?', 'remediate', { ordinal: 1 }],
    ['how do I fix the last one', 'remediate', { ordinal: 10 }],
    ['help me remediate', 'remediate', {}],
    ['remediate #3', 'remediate', { ordinal: 3 }],
    ['apply the fix', 'applyFix', {}],
    ['apply fix to the second one', 'applyFix', { ordinal: 2 }],
    ['undo the fix', 'undoFix', {}],
    ['undo', 'undoFix', {}],
    ['revert the simulated fix on the second one', 'undoFix', { ordinal: 2 }],
    ['roll back the fix', 'undoFix', {}],
  ])('%s', (text, name, parameters) => {
    expect(plan(text)).toEqual([{ name, parameters }]);
  });

  it.each(['show critical risks', 'details of the second one', 'assign the first one', 'what is our secure score?', 'how many are overdue?', 'undo the filter on storage', 'revert to the previous list'])('leaves "%s" to other intents', (text) => {
    expect(['summarize', 'remediate', 'applyFix', 'undoFix']).not.toContain(plan(text)[0]?.name);
  });
});
