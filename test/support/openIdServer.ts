// A loopback stand-in for the Bot Framework's token signing: OpenID metadata and a JWKS with our own RSA key
// (endorsed for msteams), and a signer issuing tokens shaped like the channel's. Lets authentication be proven
// offline with the SDK's own validation.
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface OpenIdServer {
  metadataUrl: string;
  /** Requests served, by path. */
  hits: Record<string, number>;
  sign(claims: Record<string, unknown>, options?: { alg?: 'RS256' | 'HS256' | 'none'; key?: KeyObject; kid?: string }): string;
  /** A second key pair the server does not publish (for bad signatures). */
  strangerKey: KeyObject;
  publicKeyPem: string;
  close(): Promise<void>;
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export async function startOpenIdServer(): Promise<OpenIdServer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'loopback-key-1';
  const jwk = publicKey.export({ format: 'jwk' });
  const hits: Record<string, number> = {};
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '';
    hits[path] = (hits[path] ?? 0) + 1;
    const body =
      path === '/openid'
        ? { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] }
        : path === '/keys'
          ? { keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }
          : undefined;
    res.statusCode = body ? 200 : 404;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  return {
    metadataUrl: `${base}/openid`,
    hits,
    strangerKey: stranger,
    publicKeyPem,
    sign(claims, options = {}) {
      const alg = options.alg ?? 'RS256';
      const head = `${b64url({ alg, typ: 'JWT', kid: options.kid ?? kid })}.${b64url(claims)}`;
      if (alg === 'none') return `${head}.`;
      if (alg === 'HS256') return `${head}.${createHmac('sha256', publicKeyPem).update(head).digest('base64url')}`; // the classic key confusion
      const signer = createSign('RSA-SHA256');
      signer.update(head);
      return `${head}.${signer.sign(options.key ?? privateKey).toString('base64url')}`;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
