// The plain check that lets well-formed activities through without zod must accept exactly what the schema
// accepts: every variant below (valid, and each rule broken once) gets the same verdict and the same activity.
import { checkActivity, checkActivityBySchema, MAX_KEPT_SERVICE_URLS } from '../../src/teams/activitySchema';

const valid = {
  type: 'message',
  id: 'act-1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/teams/',
  conversation: { id: 'a:1', conversationType: 'personal', tenantId: 't1', isGroup: false },
  from: { id: '29:ada', aadObjectId: 'x' },
  recipient: { id: '28:bot' },
  text: 'show critical risks',
  channelData: { tenant: { id: 't1' } },
};

const variants: Array<[string, unknown]> = [
  ['valid', valid],
  ['an invoke with a name', { ...valid, type: 'invoke', name: 'adaptiveCard/action' }],
  ['an invoke without a name', { ...valid, type: 'invoke' }],
  ['an invoke with an empty name', { ...valid, type: 'invoke', name: '' }],
  ['a name over 256', { ...valid, name: 'n'.repeat(257) }],
  ['a null name and text', { ...valid, name: null, text: null }],
  ['no id', { ...valid, id: undefined }],
  ['a null id', { ...valid, id: null }],
  ['an empty id', { ...valid, id: '' }],
  ['an id over 1024', { ...valid, id: 'i'.repeat(1025) }],
  ['an id with a control character', { ...valid, id: 'a\u0007b' }],
  ['an id with a lone surrogate', { ...valid, id: 'a\ud800b' }],
  ['an ignored type', { ...valid, type: 'typing' }],
  ['no type', { ...valid, type: undefined }],
  ['an empty channel', { ...valid, channelId: '' }],
  ['a channel over 64', { ...valid, channelId: 'c'.repeat(65) }],
  ['an ftp service url', { ...valid, serviceUrl: 'ftp://x/' }],
  ['a service url that is no URL', { ...valid, serviceUrl: 'http://' }],
  ['an http service url', { ...valid, serviceUrl: 'HTTP://localhost:3978/' }],
  ['no conversation', { ...valid, conversation: undefined }],
  ['a conversation without an id', { ...valid, conversation: { conversationType: 'personal' } }],
  ['a conversation type over 64', { ...valid, conversation: { ...valid.conversation, conversationType: 'p'.repeat(65) } }],
  ['a null tenant', { ...valid, conversation: { ...valid.conversation, tenantId: null } }],
  ['a numeric tenant', { ...valid, conversation: { ...valid.conversation, tenantId: 7 } }],
  ['an array for from', { ...valid, from: [] }],
  ['a recipient without an id', { ...valid, recipient: { name: 'bot' } }],
  ['a numeric text', { ...valid, text: 5 }],
  ['an array body', [valid]],
  ['null', null],
  ['a string', 'message'],
];

describe('checkActivity', () => {
  it.each(variants)('agrees with the schema on %s', (_what, raw) => {
    // As the endpoint sees it: parsed JSON (undefined fields dropped).
    const body: unknown = raw === undefined ? raw : JSON.parse(JSON.stringify(raw));
    const plain = checkActivity(body);
    const schema = checkActivityBySchema(body);
    expect(plain).toEqual(schema);
  });

  it('accepts the valid activity without zod copying it', () => {
    const body = JSON.parse(JSON.stringify(valid)) as unknown;
    const check = checkActivity(body);
    expect(check.kind).toBe('handled');
    expect(check.kind === 'handled' && check.activity).toBe(body);
  });

  it('parses a service URL once while it is kept (at most MAX_KEPT_SERVICE_URLS of them), and still refuses bad ones', () => {
    const parsed: string[] = [];
    const Real = globalThis.URL;
    class CountingURL extends Real {
      constructor(url: string | URL, base?: string | URL) {
        super(url, base);
        parsed.push(String(url));
      }
    }
    globalThis.URL = CountingURL as typeof URL;
    try {
      const at = (serviceUrl: string) => checkActivity({ ...valid, serviceUrl }).kind;
      expect([at('https://kept.example/a/'), at('https://kept.example/a/')]).toEqual(['handled', 'handled']);
      expect(parsed).toEqual(['https://kept.example/a/']);
      for (let i = 0; i < MAX_KEPT_SERVICE_URLS; i += 1) at(`https://kept.example/${i}/`);
      parsed.length = 0;
      expect(at('https://kept.example/a/')).toBe('handled');
      expect(parsed).toEqual(['https://kept.example/a/']);
      expect([at('http://'), at('ftp://kept.example/a/'), at('https://exa mple.com/')]).toEqual(['invalid', 'invalid', 'invalid']);
    } finally {
      globalThis.URL = Real;
    }
  });
});
