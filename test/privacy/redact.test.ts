// Secrets in typed text are replaced before anything is stored or logged; ordinary text is left alone.
import { REDACTED, redactSecrets } from '../../src/privacy/redact';

describe('redactSecrets', () => {
  const samples: Array<[string, string, string]> = [
    ['storage connection string', 'DefaultEndpointsProtocol=https;AccountName=stprod;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmE=;EndpointSuffix=core.windows.net', `AccountKey=${REDACTED};EndpointSuffix`],
    ['service bus key', 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc123def456ghi789jkl=', `SharedAccessKey=${REDACTED}`],
    ['SQL password', 'Server=tcp:db.database.windows.net;User ID=admin;Password=Hunter2!pass;', `Password=${REDACTED};`],
    ['SAS URL', 'https://st.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&sig=AbCdEf%2BgHiJ%3D&se=2027-01-01', `&sig=${REDACTED}&se=2027-01-01`],
    ['bearer token', 'Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl', `Bearer ${REDACTED}`],
    ['bare JWT', 'token is eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl ok', `token is ${REDACTED} ok`],
    ['GitHub token', 'use ghp_abcdefghijklmnopqrstuvwxyz0123456789AB please', `use ${REDACTED} please`],
    ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE is mine', `${REDACTED} is mine`],
    ['client secret', 'client_secret=Q~abcdefghijklmnopqrstuvwxyz123456', `client_secret=${REDACTED}`],
    ['private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', REDACTED],
  ];

  it.each(samples)('redacts a %s', (_name, text, expected) => {
    const result = redactSecrets(text);
    expect(result.text).toContain(expected);
    expect(result.found.length).toBeGreaterThan(0);
  });

  it('leaves ordinary questions alone', () => {
    for (const text of ['show critical risks for publicly exposed resources', 'what does "Storage accounts should restrict network access" mean?', 'assign the first one to ops@contoso.com by 2027-01-31', 'CVE-2021-44228 on vm-web-01']) {
      expect(redactSecrets(text)).toEqual({ text, found: [] });
    }
  });
});
