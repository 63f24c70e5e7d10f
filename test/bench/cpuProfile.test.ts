import { areaOf, shortPath, summarizeProfile } from '../../bench/cpuProfile';

const node = (id: number, functionName: string, url: string, hitCount: number) => ({ id, callFrame: { functionName, url, lineNumber: 9 }, hitCount });

describe('CPU profile summary', () => {
  it('sums self time per function and per area, largest first', () => {
    const profile = {
      nodes: [
        node(1, '(root)', '', 0),
        node(2, 'search', 'file:///repo/dist/src/posture/store/engine.js', 30),
        node(3, 'search', 'file:///repo/dist/src/posture/store/engine.js', 10),
        node(4, 'expand', 'file:///repo/node_modules/adaptivecards-templating/lib/template.js', 40),
        node(5, '(garbage collector)', '', 20),
      ],
    };
    const summary = summarizeProfile(JSON.stringify(profile), 5);
    expect(summary.samples).toBe(100);
    expect(summary.byFunction[0]).toEqual({ fn: 'search', where: 'dist/src/posture/store/engine.js:10', selfPct: 40 });
    expect(summary.byArea).toEqual([
      { area: 'src/posture/store', selfPct: 40 },
      { area: 'adaptivecards-templating', selfPct: 40 },
      { area: '(garbage collector)', selfPct: 20 },
    ]);
  });

  it('charges a native function to the nearest caller with a script', () => {
    const profile = {
      nodes: [
        { ...node(1, '(root)', '', 0), children: [2] },
        { ...node(2, 'save', 'file:///repo/dist/src/storage/sqliteConversationStorage.js', 1), children: [3] },
        { ...node(3, 'run', '', 3), children: [] },
      ],
    };
    const summary = summarizeProfile(JSON.stringify(profile));
    expect(summary.byFunction[0]).toEqual({ fn: 'run', where: 'native, called from dist/src/storage/sqliteConversationStorage.js:10', selfPct: 75 });
    expect(summary.byArea).toEqual([{ area: 'src/storage', selfPct: 100 }]);
  });

  it("looks through the bench's statement counter to the product code that ran the statement", () => {
    const profile = {
      nodes: [
        { ...node(1, '(root)', '', 0), children: [2] },
        { ...node(2, 'save', 'file:///repo/dist/src/storage/sqliteConversationStorage.js', 1), children: [3] },
        { ...node(3, 'counted', 'file:///repo/dist/bench/servers/sqliteCounter.js', 1), children: [4] },
        { ...node(4, 'run', '', 2), children: [] },
      ],
    };
    const summary = summarizeProfile(JSON.stringify(profile));
    expect(summary.byFunction[0]).toEqual({ fn: 'run', where: 'native, called from dist/src/storage/sqliteConversationStorage.js:10', selfPct: 50 });
    expect(summary.byArea).toEqual([
      { area: 'src/storage', selfPct: 75 },
      { area: 'bench/servers', selfPct: 25 },
    ]);
  });

  it('names scoped packages, project folders and node internals', () => {
    expect(areaOf('file:///r/dist/src/teams/messagesEndpoint.js', 'f')).toBe('src/teams');
    expect(areaOf('file:///r/dist/src/posture/load/armId.js', 'f')).toBe('src/posture/load');
    expect(areaOf('file:///x/node_modules/@microsoft/teams-ai/lib/Application.js', 'run')).toBe('@microsoft/teams-ai');
    expect(areaOf('node:internal/streams/readable', 'read')).toBe('node internals');
    expect(areaOf('', 'parse')).toBe('(native)');
  });

  it('refuses a file that is not a profile', () => {
    expect(() => summarizeProfile('{"samples": []}')).toThrow(/not a V8 CPU profile/);
  });
});

describe('profile paths', () => {
  it('keeps the package name of a dependency and the project-relative path of our code', () => {
    expect(shortPath('file:///w/node_modules/@typespec/ts-http-runtime/dist/commonjs/util/sanitizer.js')).toBe('node_modules/@typespec/ts-http-runtime/dist/commonjs/util/sanitizer.js');
    expect(shortPath('file:///w/main/dist/src/teams/messagesEndpoint.js')).toBe('dist/src/teams/messagesEndpoint.js');
    expect(shortPath('node:internal/streams/writable')).toBe('node:internal/streams/writable');
  });
});

describe('several thread profiles', () => {
  it('sums them, leaving idle samples out', () => {
    const main = { nodes: [node(1, '(idle)', '', 50), node(2, 'read', 'file:///r/dist/src/posture/load/exportFileLoader.js', 10)] };
    const worker = { nodes: [node(1, 'parse', 'file:///r/dist/src/posture/load/normalizeRow.js', 30)] };
    const summary = summarizeProfile([JSON.stringify(main), JSON.stringify(worker)]);
    expect(summary.samples).toBe(40);
    expect(summary.byArea).toEqual([{ area: 'src/posture/load', selfPct: 100 }]);
    expect(summary.byFunction.map((f) => f.fn)).toEqual(['parse', 'read']);
  });
});
