import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpStatusError, OAuthError, VaultError } from '../../../src/main/cds/errors';
import { createHttpClient, type HttpClient } from '../../../src/main/cds/http/index';
import {
  clientSecretKey,
  createTokenManager,
  refreshTokenKey,
  type TokenManager,
  type TokenServer,
} from '../../../src/main/cds/oauth/index';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import type { Vault } from '../../../src/main/vault/vault';
import { json, type LocalServer, startLocalServer } from './support/local-server';

// A small authorization server: client_credentials, refresh_token, revocation, introspection,
// and a protected resource that accepts only the tokens it has not been told to refuse.

const SECRET = 'client-SECRET-value-123';
let local: LocalServer;
let http: HttpClient;
let vault: Vault;
let now: number;
let manager: TokenManager;
let issued: { token: string; form: URLSearchParams }[];
let refused: Set<string>;
let revokeStatus: number;
let server: TokenServer;
const client = { clientId: 'client-1' };

// RFC 6749 §2.3.1: id and secret are form-urlencoded before Base64 (oauth4webapi also encodes "-").
const basicSecret = (req: IncomingMessage) => {
  const decoded = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
  const [id = '', secret = ''] = decoded.split(':').map((part) => decodeURIComponent(part));
  return id === 'client-1' ? secret : '';
};
const basicOk = (req: IncomingMessage) => basicSecret(req) === SECRET;

beforeAll(async () => {
  local = await startLocalServer();
  http = createHttpClient({ userAgent: 'CDS-Companion/test', retry: { attempts: 1 } });
  local.route('/token', (req, res) => {
    // A careless Server echoing the secret it got: the app must still never show it.
    if (!basicOk(req))
      return json(res, 401, { error: 'invalid_client', error_description: `bad ${basicSecret(req)}` });
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') !== 'refresh-1') {
      return json(res, 400, { error: 'invalid_grant' });
    }
    const token = `at-${issued.length + 1}`;
    issued.push({ token, form });
    json(res, 200, {
      access_token: token,
      token_type: 'Bearer',
      expires_in: 600,
      ...(form.get('grant_type') === 'refresh_token' ? { refresh_token: 'refresh-2' } : {}),
    });
  });
  local.route('/revoke', (req, res) => {
    if (!basicOk(req)) return json(res, 401, { error: 'invalid_client' });
    res.writeHead(revokeStatus, { 'content-type': 'application/json' });
    res.end(revokeStatus === 200 ? '' : '{"error":"server_error"}');
  });
  local.route('/introspect', (req, res) => {
    const form = new URLSearchParams(req.body);
    json(res, 200, {
      active: true,
      client_id: 'client-1',
      scope: 'cds_client_admin',
      exp: 2_000_000_000,
      token_type: 'Bearer',
      echo: form.get('token'),
    });
  });
  local.route('/resource', (req, res) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (refused.has(token) || refused.has('*')) return json(res, 401, {});
    json(res, 200, { name: token });
  });
  server = {
    id: 'srv',
    name: 'Local Utility',
    authorizationServer: {
      issuer: local.url,
      token_endpoint: `${local.url}/token`,
      revocation_endpoint: `${local.url}/revoke`,
      introspection_endpoint: `${local.url}/introspect`,
    },
  };
});

afterAll(async () => {
  await http.close();
  await local.close();
});

beforeEach(async () => {
  issued = [];
  refused = new Set();
  revokeStatus = 200;
  now = 1_700_000_000_000;
  local.requests.length = 0;
  vault = createMemoryVault();
  await vault.set(clientSecretKey('srv', 'client-1'), SECRET);
  manager = createTokenManager({ http, vault, clock: { now: () => now } });
});

const resource = (token: string) =>
  http.getJson(`${local.url}/resource`, {
    server,
    step: 'reading a resource',
    schema: z.object({ name: z.string() }),
    what: 'the resource',
    bearer: token,
  });

describe('client_credentials tokens', () => {
  it('costs one token request for 100 calls, sequential and concurrent, and sends the scope', async () => {
    for (let i = 0; i < 50; i += 1)
      await manager.getClientToken(server, client, { scope: 'cds_client_admin' });
    await Promise.all(
      Array.from({ length: 50 }, () => manager.getClientToken(server, client, { scope: 'cds_client_admin' })),
    );
    expect(manager.stats().tokenRequests).toBe(1);
    expect(issued).toHaveLength(1);
    expect(issued[0]?.form.get('grant_type')).toBe('client_credentials');
    expect(issued[0]?.form.get('scope')).toBe('cds_client_admin');
  });

  it('refreshes ahead of expiry', async () => {
    expect(await manager.getClientToken(server, client)).toBe('at-1');
    now += 530_000; // 70 s before the 600 s expiry: still inside the 60 s margin? no, outside
    expect(await manager.getClientToken(server, client)).toBe('at-1');
    now += 20_000; // 50 s before expiry: inside the margin
    expect(await manager.getClientToken(server, client)).toBe('at-2');
    expect(manager.stats().tokenRequests).toBe(2);
  });

  it('re-fetches exactly once on a 401, and never loops', async () => {
    const first = await manager.getClientToken(server, client);
    refused.add(first);
    await expect(manager.withToken({ kind: 'client', server, client }, resource)).resolves.toEqual({
      name: 'at-2',
    });
    expect(manager.stats().tokenRequests).toBe(2);

    refused.add('*');
    const error = await manager
      .withToken({ kind: 'client', server, client }, resource)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(401);
    expect(manager.stats().tokenRequests).toBe(3);
  });

  it('shares one re-fetch among concurrent callers refused at once', async () => {
    const first = await manager.getClientToken(server, client);
    refused.add(first);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => manager.withToken({ kind: 'client', server, client }, resource)),
    );
    expect(new Set(results.map((r) => r.name))).toEqual(new Set(['at-2']));
    expect(manager.stats().tokenRequests).toBe(2);
  });

  it('reports a refused client secret as an OAuthError without the secret', async () => {
    await vault.set(clientSecretKey('srv', 'client-1'), 'wrong-secret-value');
    const error = await manager.getClientToken(server, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('invalid_client');
    expect((error as OAuthError).userMessage).toContain('Local Utility');
    const text = JSON.stringify((error as OAuthError).toJSON()) + (error as Error).stack;
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('wrong-secret-value');
  });

  it('reports a missing secret as a VaultError', async () => {
    await vault.delete(clientSecretKey('srv', 'client-1'));
    await expect(manager.getClientToken(server, client)).rejects.toMatchObject({
      constructor: VaultError,
      code: 'missing',
    });
  });
});

describe('Grant Admin tokens', () => {
  it('sends authorization_details with client_id and grant_id and caches per grant', async () => {
    const grant = (grantId: string) =>
      manager.getGrantAdminToken(server, client, {
        grantAdminScope: 'cds_grant_admin_1',
        clientId: 'c-data',
        grantId,
      });
    expect(await grant('g1')).toBe('at-1');
    expect(await grant('g2')).toBe('at-2');
    expect(await grant('g1')).toBe('at-1');
    expect(manager.stats().tokenRequests).toBe(2);
    expect(JSON.parse(issued[0]?.form.get('authorization_details') ?? '')).toEqual([
      { type: 'cds_grant_admin_1', client_id: 'c-data', grant_id: 'g1' },
    ]);
    expect(issued[0]?.form.get('scope')).toBeNull();
  });
});

describe('user tokens (authorization-code flow)', () => {
  it('keeps the refresh token in the vault, refreshes with it and stores the rotated one', async () => {
    await manager.storeUserTokens(server, client, 'grant-9', {
      access_token: 'user-at',
      token_type: 'bearer',
      expires_in: 120,
      refresh_token: 'refresh-1',
    });
    expect(await manager.getUserToken(server, client, 'grant-9')).toBe('user-at');
    expect(manager.stats().tokenRequests).toBe(0);
    now += 100_000;
    expect(await manager.getUserToken(server, client, 'grant-9')).toBe('at-1');
    expect(issued[0]?.form.get('grant_type')).toBe('refresh_token');
    expect(await vault.get(refreshTokenKey('srv', 'client-1', 'grant-9'))).toBe('refresh-2');
    expect(manager.stats().refreshRequests).toBe(1);
  });
});

describe('revocation and introspection', () => {
  it('revokes every token of a Server and forgets them, also when the Server answers 500', async () => {
    await manager.getClientToken(server, client);
    await manager.storeUserTokens(server, client, 'g', {
      access_token: 'u',
      token_type: 'bearer',
      refresh_token: 'refresh-1',
    });
    revokeStatus = 500;
    const report = await manager.revokeAll(server);
    expect(report.revoked).toBe(0);
    expect(report.failed.length).toBe(3);
    expect(report.failed[0]).toMatchObject({ kind: 'http-status', server: 'Local Utility' });
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect(await vault.get(refreshTokenKey('srv', 'client-1', 'g'))).toBeNull();
    // Forgotten: the next use asks for a new token.
    expect(await manager.getClientToken(server, client)).toBe('at-2');

    revokeStatus = 200;
    const ok = await manager.revokeAll(server);
    expect(ok).toEqual({ revoked: 1, failed: [] });
    const revocations = local.requests
      .filter((r) => r.path === '/revoke')
      .map((r) => new URLSearchParams(r.body));
    expect(revocations.at(-1)?.get('token')).toBe('at-2');
    expect(revocations.at(-1)?.get('token_type_hint')).toBe('access_token');
  });

  it('introspects the cached token without ever returning it', async () => {
    const details = await manager.introspect({ kind: 'client', server, client });
    expect(details).toMatchObject({ active: true, clientId: 'client-1', scope: 'cds_client_admin' });
    expect(details.expiresAt).toBe(new Date(2_000_000_000_000).toISOString());
    expect(JSON.stringify(details)).not.toContain('at-1');
    expect(manager.stats().introspectionRequests).toBe(1);
  });

  it('invalidates by request, by client and by Server', async () => {
    await manager.getClientToken(server, client);
    manager.invalidate({ serverId: 'srv', clientId: 'client-1' });
    await manager.getClientToken(server, client);
    manager.invalidate({ kind: 'client', server, client });
    await manager.getClientToken(server, client);
    manager.invalidate({ serverId: 'srv' });
    await manager.getClientToken(server, client);
    expect(manager.stats().tokenRequests).toBe(4);
  });
});
