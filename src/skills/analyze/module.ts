// The analyze skill as a module: list, count, break down and drill into recommendations; secure score.
import type { SkillModule } from '../../actions/skillModule';
import type { PostureEngine } from '../../posture/engine';
import type { Reply } from '../../views/reply';
import { createAnalyzeActions } from './analyzeActions';
import { createAnalyzeSkill } from './analyzeSkill';
import { createAnalyzeCardVerbs } from './cardVerbs';
import { createInsightActions } from './insightActions';
import { createInsightsSkill } from './insightsSkill';
import { createInsightFollowUps } from './insightFollowUps';
import { createHistoryActions } from './historyActions';
import { createHistorySkill } from './historySkill';
import type { HistoryReader } from '../../posture/history/openHistory';

export interface AnalyzeDeps {
  /** Read per step, so answers follow changes made in chat and reloads. */
  posture: { current(): PostureEngine };
  /** Posture history for "what changed"; without it those questions say nothing is recorded. */
  history?: HistoryReader;
}

export const analyzeModule: SkillModule<AnalyzeDeps, Reply> = {
  name: 'analyze',
  help: [
    {
      title: 'Find',
      description: 'List Defender for Cloud recommendations by risk level, severity, risk factor, resource type, subscription, owner or tag.',
      canDo: 'list your Defender for Cloud recommendations by risk, risk factor, severity, resource type, subscription, owner or tag',
      samples: [
        { ref: 'p1', title: 'Critical risks', prompt: 'Show critical risk recommendations', description: 'Unhealthy recommendations whose risk level is Critical, riskiest first.' },
        { ref: 'p5', title: 'Internet exposed', prompt: 'Show high risk recommendations on internet exposed resources', description: 'High-risk recommendations where the resource is exposed to the internet.' },
      ],
    },
    {
      title: 'Count and break down',
      description: 'Ask how many, or group the open recommendations by severity, risk level, resource type, owner and more.',
      canDo: 'count them or break them down by severity, owner and more',
      samples: [{ ref: 'p3', title: 'Breakdown by severity', prompt: 'Break down unhealthy recommendations by severity', description: 'How many open recommendations there are at each severity.' }],
    },
    {
      title: 'Vulnerabilities (CVEs)',
      description: 'Ask by CVE id or well-known name ("CVE-2021-44228", "log4shell"), for the top CVEs by affected resources, or which have a fix available.',
      canDo: 'find CVEs by id or name and rank them by the resources they affect',
      samples: [],
    },
    {
      title: 'Resources',
      description: 'See the riskiest resources ("top 5 riskiest resources") or ask what is wrong with one resource: its recommendations, ranked.',
      canDo: "rank resources by risk and say what's wrong with one",
      samples: [],
    },
    {
      title: 'Attack paths',
      description: 'Show attack paths ("show attack paths", "the attack path for <resource>"): entry point, steps, target, risk factors and the recommendations that break each; or which recommendations sit on one.',
      canDo: 'show attack paths and which recommendations sit on them',
      samples: [{ ref: 'p2', title: 'Attack paths', prompt: 'Which recommendations have attack paths?', description: 'Recommendations on resources that are part of an attack path.' }],
    },
    {
      title: 'Time and change',
      description: 'Ask what is due ("due this week", "in the next 7 days", "overdue by more than 30 days"), what changed ("since last week", "new critical risks since Monday", "what got fixed this month"), or for an executive summary.',
      canDo: 'say what is due, what changed since a date, and give an executive summary',
      // Teams shows at most 10 sample commands, all taken: this one is reached by typing.
      samples: [],
    },
    {
      title: 'Owners and due dates',
      description: 'Find overdue, unassigned or on-time recommendations from governance assignments.',
      canDo: 'find overdue or unassigned ones',
      samples: [{ ref: 'p4', title: 'Overdue', prompt: 'Show overdue recommendations', description: 'Recommendations with an owner whose due date has passed.' }],
    },
    {
      title: 'Secure score',
      description: "Your tenant's secure score: overall, per subscription, and the controls losing most points.",
      canDo: 'report your secure score',
      samples: [{ ref: 'p8', title: 'Secure score', prompt: 'What is our secure score?', description: 'The secure score overall and per subscription, and the controls losing most points.' }],
    },
    {
      title: 'Drill in',
      description: 'Open one recommendation for its affected resources, risk factors and remediation steps.',
      canDo: 'show the details of one',
      samples: [],
    },
  ],
  templates: ['recommendations', 'breakdown', 'details', 'vulnerabilities', 'resources', 'attackPaths', 'changes', 'executiveSummary', 'secureScore'],
  create: ({ posture, history }) => {
    const analyze = createAnalyzeSkill({ engine: () => posture.current() });
    const insights = createInsightsSkill({ engine: () => posture.current() });
    return {
      actions: [
        ...createAnalyzeActions(analyze, createInsightFollowUps(insights, analyze)),
        ...createInsightActions(insights),
        ...createHistoryActions(createHistorySkill({ engine: () => posture.current(), history })),
      ],
      cardVerbs: createAnalyzeCardVerbs(),
    };
  },
};
