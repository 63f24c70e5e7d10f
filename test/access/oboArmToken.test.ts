// The on-behalf-of exchange through @azure/identity's OnBehalfOfCredential, against a loopback Entra over HTTPS.
import { createOboArmTokenExchange, OboExchangeError } from '../../src/access/oboArmToken';
import { fakeJwt, startFakeEntra, type FakeEntra } from '../support/fakeEntra';

const CLIENT = { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '00000000-0000-4000-8000-00000000b07a', clientSecret: 'bot-secret' };

describe('on-behalf-of ARM token', () => {
  let entra: FakeEntra;
  beforeAll(async () => {
    entra = await startFakeEntra(CLIENT);
  });
  afterAll(() => entra.close());

  const exchange = (secret = CLIENT.clientSecret) => createOboArmTokenExchange({ ...CLIENT, clientSecret: secret, authorityHost: entra.authorityHost, caPem: entra.caPem });

  it('exchanges the user SSO token for their Resource Manager token with the bot credentials', async () => {
    const sso = fakeJwt({ oid: 'alice', tid: CLIENT.tenantId, aud: `api://${CLIENT.clientId}` });
    entra.exchanges.set(sso, 'arm-token-alice');
    await expect(exchange()(sso)).resolves.toBe('arm-token-alice');
    expect(entra.grants.at(-1)).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', assertion: sso, client_id: CLIENT.clientId });
  });

  it('says consent is needed again when Entra answers AADSTS65001, and fails plainly otherwise', async () => {
    const revoked = fakeJwt({ oid: 'bob', tid: CLIENT.tenantId });
    entra.consentRevoked.add(revoked);
    await expect(exchange()(revoked)).rejects.toMatchObject({ reason: 'consentRequired' });
    const failure = await exchange('wrong-secret')(fakeJwt({ oid: 'carol' })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OboExchangeError);
    expect((failure as OboExchangeError).reason).toBe('failed');
    expect((failure as Error).message).not.toContain('wrong-secret');
  });
});
