// Only https links on the exact Azure portal hosts become buttons; every other link from data is dropped (issue 9 item 4).
import { AZURE_PORTAL_HOSTS, safePortalLink, withoutLinks } from '../../src/views/portalLinks';

describe('safePortalLink', () => {
  it.each(AZURE_PORTAL_HOSTS)('keeps https://%s links', (host) => {
    expect(safePortalLink(`https://${host}/#blade/Microsoft_Azure_Security/RecommendationsBlade`)).toBe(`https://${host}/#blade/Microsoft_Azure_Security/RecommendationsBlade`);
  });

  it.each([
    ['a host anyone can register under azure.com', 'https://evil.cloudapp.azure.com/#blade/x'],
    ['a look-alike suffix', 'https://portal.azure.com.evil.example/x'],
    ['another Microsoft host', 'https://login.microsoftonline.com/x'],
    ['a subdomain of the portal', 'https://x.portal.azure.com/x'],
    ['http', 'http://portal.azure.com/x'],
    ['credentials in the URL', 'https://user:pw@portal.azure.com/x'],
    ['a port', 'https://portal.azure.com:8443/x'],
    ['javascript:', 'javascript:alert(1)'],
    ['not a URL', 'portal.azure.com/#blade'],
  ])('drops %s', (_label, link) => {
    expect(safePortalLink(link)).toBe('');
  });
});

describe('withoutLinks', () => {
  it('keeps the label of a markdown link and drops its target', () => {
    expect(withoutLinks('See [the fix guide](https://evil.cloudapp.azure.com/fix) for steps.')).toBe('See the fix guide for steps.');
  });

  it('drops bare and <auto> links, keeping the text around them', () => {
    expect(withoutLinks('Go to https://evil.cloudapp.azure.com/x now')).toBe('Go to now');
    expect(withoutLinks('Mail <mailto:a@b.example> or visit www.evil.example today')).toBe('Mail or visit today');
  });

  it('leaves text without links alone, including ARM ids and ARNs', () => {
    for (const text of ['/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm', 'arn:aws:s3:::bucket', 'Enable MFA (recommended)']) {
      expect(withoutLinks(text)).toBe(text);
    }
  });
});
