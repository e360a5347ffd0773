import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccounts, MAX_ACCOUNTS_PAGE_BYTES } from '../../../src/main/cds/customer-data';
import { createHttpClient } from '../../../src/main/cds/http/http-client';
import { generateDeviceKey } from '../../../src/main/cds/jose/device-keys';
import type { TokenRequest } from '../../../src/main/cds/oauth/token-manager';
import type { ServerContext } from '../../../src/main/companion/server-context';
import { encryptCdsResponse } from '../../../src/sandbox/response-encryption';

// The Accounts API read over real HTTP on 127.0.0.1 from a small server that answers as a CDS Server
// encrypting for a device key would (the sandbox's own encryption, written independently of the
// engine's decryption). The context is a small fake: only what listAccounts uses.

type Mode = 'encrypted' | 'tampered' | 'plain' | 'huge' | 'paged';
let mode: Mode = 'encrypted';
let server: Server;
let base = '';
const http = createHttpClient({ userAgent: 'test', retry: { attempts: 1 } });
const deviceKey = await generateDeviceKey();
const otherKey = await generateDeviceKey();
const listing = (next: string | null) => ({ accounts: [], next, previous: null });

beforeAll(async () => {
  server = createServer(async (request, response) => {
    if (mode === 'huge') {
      response.writeHead(200, {
        'content-length': String(MAX_ACCOUNTS_PAGE_BYTES + 1),
        'x-cds-body-jwe-protected-header': 'x',
      });
      response.write('abc');
      return;
    }
    if (mode === 'plain') {
      response.writeHead(200, { 'content-type': 'application/json', 'x-log-id': 'plain-1' });
      response.end(JSON.stringify(listing(null)));
      return;
    }
    const next = mode === 'paged' && !request.url?.includes('page=2') ? `${base}/accounts?page=2` : null;
    const encrypted = await encryptCdsResponse({
      headers: {
        'Content-Type': 'application/json',
        'X-Log-ID': `log-${request.url?.includes('page=2') ? 2 : 1}`,
      },
      body: Buffer.from(JSON.stringify(listing(next))),
      recipientJwk: deviceKey.publicJwk,
    });
    const body = Buffer.from(encrypted.body);
    if (mode === 'tampered') body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 0xff;
    response.writeHead(200, { 'content-type': 'application/octet-stream', ...encrypted.headers });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await http.close();
});

const context = () =>
  ({
    ref: { id: 's1', name: 'Test utility' },
    oauth: { cds_customerdata_accounts_api: `${base}/accounts` },
    cdsMetadata: null,
    http,
    tokens: {
      withToken: (_request: TokenRequest, use: (token: string) => Promise<unknown>) =>
        use('access-token-value'),
    },
  }) as unknown as ServerContext;

const access = {} as TokenRequest;
const keysOf =
  (...keys: (typeof deviceKey)[]) =>
  async () =>
    keys.map((key) => ({ kid: key.kid, privateJwk: key.privateJwk }));

describe('listAccounts', () => {
  it('decrypts every page with the device key and keeps the decrypted headers', async () => {
    mode = 'paged';
    const result = await listAccounts(context(), access, {}, keysOf(otherKey, deviceKey), null);
    expect(result.encrypted).toBe(true);
    expect(result.kid).toBe(deviceKey.kid);
    expect(result.pages.map((page) => page.headers['X-Log-ID'])).toEqual(['log-1', 'log-2']);
  });

  it('a tampered body is a typed DecryptionError with no plaintext', async () => {
    mode = 'tampered';
    const error = (await listAccounts(context(), access, {}, keysOf(deviceKey), deviceKey.kid).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toMatchObject({ name: 'DecryptionError', code: 'authentication_failed' });
    expect(error.message).toMatch(
      /^Test utility: the encrypted response could not be decrypted on this device/,
    );
    expect(error.message).not.toContain('{"accounts"');
    expect(error.message).not.toContain('"previous"');
  });

  it('no key of this device fits: a typed error', async () => {
    mode = 'encrypted';
    await expect(listAccounts(context(), access, {}, keysOf(otherKey), null)).rejects.toMatchObject({
      name: 'DecryptionError',
      code: 'authentication_failed',
    });
    await expect(listAccounts(context(), access, {}, keysOf(), null)).rejects.toMatchObject({
      code: 'invalid_key',
    });
  });

  it('a body declared over the cap is refused before it is buffered', async () => {
    mode = 'huge';
    await expect(listAccounts(context(), access, {}, keysOf(deviceKey), null)).rejects.toMatchObject({
      kind: 'network',
      failure: 'too-large',
    });
  });

  it('a plain response is read as it is, under either metadata name', async () => {
    mode = 'plain';
    const result = await listAccounts(
      context(),
      access,
      { q: 'x', accountNumbers: ['1', '2'] },
      keysOf(),
      null,
    );
    expect(result.encrypted).toBe(false);
    expect(result.pages[0]?.headers['x-log-id']).toBe('plain-1');
    expect(result.pages[0]?.url).toContain('account_numbers=1+2');
  });
});
