import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type DiscoveryResult,
  discoverClientMetadata,
  discoverServer,
} from '../../../src/main/cds/discovery/index';
import { HttpStatusError, NetworkError, OAuthError, ValidationError } from '../../../src/main/cds/errors';
import { createHttpClient, type HttpActivity, type HttpClient } from '../../../src/main/cds/http/index';
import {
  clientSecretKey,
  createTokenManager,
  type TokenClient,
  type TokenManager,
  type TokenServer,
} from '../../../src/main/cds/oauth/index';
import {
  buildRegistrationFields,
  validateRegistrationValues,
} from '../../../src/main/cds/registration-fields';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import type { Vault } from '../../../src/main/vault/vault';
import {
  CLIENT_ADMIN_SCOPE,
  CUSTOMER_DATA_SCOPE,
  FILES_SCOPE,
  GRANT_ADMIN_SCOPE,
  PROGRAM_SCOPE,
  type RunningSandbox,
  startSandbox,
} from '../../../src/sandbox/index';
import { programScopeValues } from '../program-scope-files';

// The engine's foundation against the real sandbox over loopback: discovery, registration fields,
// tokens (cache, 401 re-fetch, Grant Admin per grant), revocation with a failing endpoint, and the
// HTTP client's retries against injected faults.

const registrationResponse = z.looseObject({
  client_id: z.string(),
  client_secret: z.string(),
  scope: z.string(),
});
const clientListing = z.looseObject({
  clients: z.array(
    z.looseObject({ client_id: z.string(), scope: z.string(), cds_server_metadata: z.string() }),
  ),
  next: z.string().nullable().optional(),
});
const credentialListing = z.looseObject({
  credentials: z.array(
    z.looseObject({ credential_id: z.string(), client_id: z.string(), client_secret: z.string() }),
  ),
});
const anyJson = z.unknown();

let sandbox: RunningSandbox;
let http: HttpClient;
let vault: Vault;
let tokens: TokenManager;
let discovery: DiscoveryResult;
let server: TokenServer;
let admin: TokenClient;
let adminCredentialId: string;
const activity: HttpActivity[] = [];
const secrets: string[] = [];

const clientsApi = () => discovery.oauthMetadata.cds_clients_api;
const listClients = (token: string) =>
  http.getJson(clientsApi(), {
    server,
    step: 'listing Client Objects',
    schema: clientListing,
    what: 'the client listing',
    bearer: token,
  });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, pageSize: 2 });
  http = createHttpClient({
    userAgent: 'CDS-Companion/test',
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
    onActivity: (event) => activity.push(event),
  });
  vault = createMemoryVault();
  tokens = createTokenManager({ http, vault });
});

afterAll(async () => {
  await http?.close();
  await sandbox?.close();
});

describe('the engine against the sandbox', () => {
  it('discovers the sandbox from its bare origin, with every coverage page and scopes by type', async () => {
    discovery = await discoverServer(http, sandbox.baseUrl);
    expect(discovery.serverName).toBe('Sandbox Grid Utility');
    expect(discovery.metadataUrl).toBe(sandbox.metadataUrl);
    expect(discovery.coverage.complete).toBe(true);
    expect(discovery.coverage.entries.length).toBe(4);
    // pageSize 2: four entries come in two pages, both read.
    expect(sandbox.control.requestLog({ path: '/cds-coverage.json' }).length).toBe(2);
    expect(discovery.coverage.summary.commodityTypes).toEqual(['electricity', 'natural_gas']);
    const kinds = Object.fromEntries(discovery.scopes.map((s) => [s.id, s.kind]));
    expect(kinds).toMatchObject({
      [CLIENT_ADMIN_SCOPE]: 'clientAdmin',
      [GRANT_ADMIN_SCOPE]: 'grantAdmin',
      [FILES_SCOPE]: 'serverProvidedFiles',
      [CUSTOMER_DATA_SCOPE]: 'customerData',
      [PROGRAM_SCOPE]: 'unknown',
    });
    server = {
      id: 'sandbox',
      name: discovery.serverName,
      authorizationServer: discovery.oauthMetadata,
    };
  });

  it('validates every registration field by format and registers with real files', async () => {
    const scopes = [CLIENT_ADMIN_SCOPE, GRANT_ADMIN_SCOPE, FILES_SCOPE, CUSTOMER_DATA_SCOPE, PROGRAM_SCOPE];
    const fields = buildRegistrationFields(discovery.oauthMetadata, scopes);
    const inputs = fields.filter((f) => f.kind === 'input').map((f) => f.id);
    expect(inputs).toEqual(
      expect.arrayContaining(['company_name', 'contact_email', 'company_logo', 'insurance_certificate']),
    );
    expect(fields.filter((f) => f.kind === 'after-registration').length).toBeGreaterThanOrEqual(5);

    const dir = mkdtempSync(join(tmpdir(), 'cds-int-'));
    const { pdf, values } = programScopeValues(dir);
    const bad = await validateRegistrationValues(fields, {
      ...values,
      contact_email: 'not-an-email',
      company_website: 'acme.example',
      company_logo: { path: pdf },
    });
    expect(bad.errors.map((e) => e.fieldId).sort()).toEqual([
      'company_logo',
      'company_website',
      'contact_email',
    ]);

    const good = await validateRegistrationValues(fields, values);
    expect(good.errors).toEqual([]);
    const registration = await http.sendJson(
      'POST',
      discovery.oauthMetadata.registration_endpoint ?? '',
      { client_name: 'Acme Energy Audits', scope: scopes.join(' '), ...good.payload },
      { server, step: 'registering', schema: registrationResponse, what: 'the registration response' },
    );
    secrets.push(registration.client_secret);
    await vault.set(clientSecretKey(server.id, registration.client_id), registration.client_secret);
    admin = { clientId: registration.client_id, tokenEndpointAuthMethod: 'client_secret_basic' };
  });

  it('serves 100 API calls on one Client Object with exactly one token request', async () => {
    const before = sandbox.control.tokenCount(admin.clientId);
    const request = { kind: 'client' as const, server, client: admin, scope: CLIENT_ADMIN_SCOPE };
    for (let i = 0; i < 60; i += 1) await tokens.withToken(request, listClients);
    await Promise.all(Array.from({ length: 40 }, () => tokens.withToken(request, listClients)));
    expect(sandbox.control.tokenCount(admin.clientId) - before).toBe(1);
    expect(tokens.stats().tokenRequests).toBe(1);
  });

  it('re-fetches exactly once when the Server revokes the token, and does not loop when the secret dies', async () => {
    const request = { kind: 'client' as const, server, client: admin, scope: CLIENT_ADMIN_SCOPE };
    const start = tokens.stats().tokenRequests;
    sandbox.control.revokeAllTokens(admin.clientId);
    await expect(tokens.withToken(request, listClients)).resolves.toMatchObject({
      clients: expect.any(Array),
    });
    expect(tokens.stats().tokenRequests - start).toBe(1);

    const details = await tokens.introspect(request);
    expect(details).toMatchObject({ active: true, clientId: admin.clientId });
    expect(JSON.stringify(details)).not.toMatch(/access_token/);

    // Remember the admin credential for later, then let the Server expire it (§7.6).
    const token = await tokens.getClientToken(server, admin, { scope: CLIENT_ADMIN_SCOPE });
    const credentials = await http.getJson(discovery.oauthMetadata.cds_credentials_api, {
      server,
      step: 'listing credentials',
      schema: credentialListing,
      what: 'the credential listing',
      bearer: token,
    });
    for (const credential of credentials.credentials) {
      secrets.push(credential.client_secret);
      await vault.set(clientSecretKey(server.id, credential.client_id), credential.client_secret);
    }
    adminCredentialId =
      credentials.credentials.find((c) => c.client_id === admin.clientId)?.credential_id ?? '';
    expect(adminCredentialId).not.toBe('');
  });

  it('gets a Grant Admin token per grant and reads the files with it', async () => {
    const adminToken = await tokens.getClientToken(server, admin, { scope: CLIENT_ADMIN_SCOPE });
    // pageSize 2: follow every page of the listing.
    const clients: z.infer<typeof clientListing>['clients'] = [];
    for (let url: string | null | undefined = clientsApi(); url; ) {
      const page: z.infer<typeof clientListing> = await http.getJson(url, {
        server,
        step: 'listing Client Objects',
        schema: clientListing,
        what: 'the client listing',
        bearer: adminToken,
      });
      clients.push(...page.clients);
      url = page.next;
    }
    const typeOf = (scope: string) => discovery.scopes.find((s) => s.id === scope)?.type;
    const byKind = (type: string) =>
      clients.find((c) => c.scope.split(' ').some((scope) => typeOf(scope) === type));
    const files = byKind('cds_server_provided_files');
    const grantAdmin = byKind('cds_grant_admin');
    if (!files || !grantAdmin) throw new Error('the registration should have made both Client Objects');

    const own = await discoverClientMetadata(http, {
      server,
      client: files,
      publicDiscovery: discovery,
      withClientAdminToken: (use) =>
        tokens.withToken({ kind: 'client', server, client: admin, scope: CLIENT_ADMIN_SCOPE }, use),
    });
    expect(own.scopes.map((s) => s.id)).toEqual([FILES_SCOPE]);
    expect(own.authenticated).toBe(true);

    const grants = ['a', 'b'].map((n) =>
      sandbox.control.createFileGrant({
        clientId: files.client_id,
        files: [
          { name: `${n}.txt`, mimeType: 'text/plain', base64: Buffer.from(`file ${n}`).toString('base64') },
        ],
      }),
    );
    const gaClient: TokenClient = { clientId: grantAdmin.client_id };
    const before = sandbox.control.tokenCount(grantAdmin.client_id);
    const tokenFor = (grantId: string) =>
      tokens.getGrantAdminToken(server, gaClient, {
        grantAdminScope: GRANT_ADMIN_SCOPE,
        clientId: files.client_id,
        grantId,
      });
    const [ga, gb] = [String(grants[0]?.grant_id), String(grants[1]?.grant_id)];
    const tokenA = await tokenFor(ga);
    const tokenB = await tokenFor(gb);
    expect(tokenA).not.toBe(tokenB);
    expect(await tokenFor(ga)).toBe(tokenA);
    expect(sandbox.control.tokenCount(grantAdmin.client_id) - before).toBe(2);
    const listing = await tokens.withToken(
      {
        kind: 'grant-admin',
        server,
        client: gaClient,
        grantAdminScope: GRANT_ADMIN_SCOPE,
        clientId: files.client_id,
        grantId: ga,
      },
      (bearer) =>
        http.getJson(discovery.oauthMetadata.cds_server_provided_files_api ?? '', {
          server,
          step: 'listing files',
          schema: z.looseObject({ files: z.array(z.looseObject({ name: z.string() })) }),
          what: 'the file listing',
          bearer,
        }),
    );
    expect(listing.files.map((f) => f.name)).toEqual(['a.txt']);
  });

  it('retries idempotent requests on injected 503s and reports broken bodies as typed errors', async () => {
    sandbox.control.clearRequestLog();
    sandbox.control.injectFault({
      method: 'GET',
      path: '/.well-known/cds-server-metadata.json',
      status: 503,
      retryAfterSeconds: 0,
      times: 2,
    });
    const again = await discoverServer(http, sandbox.metadataUrl, { skipCoverage: true });
    expect(again.serverName).toBe('Sandbox Grid Utility');
    expect(
      sandbox.control.requestLog({ path: '/.well-known/cds-server-metadata.json' }).map((e) => e.status),
    ).toEqual([503, 503, 200]);

    sandbox.control.injectFault({ path: '/cds-coverage.json', truncate: true });
    const truncated = await http
      .getJson(`${sandbox.baseUrl}/cds-coverage.json`, {
        server,
        step: 'reading coverage',
        schema: anyJson,
        what: 'coverage',
      })
      .catch((e: unknown) => e);
    expect(truncated).toBeInstanceOf(NetworkError);
    expect((truncated as NetworkError).failure).toBe('truncated');

    sandbox.control.injectFault({ path: '/cds-coverage.json', malformedJson: true });
    await expect(
      http.getJson(`${sandbox.baseUrl}/cds-coverage.json`, {
        server,
        step: 'reading coverage',
        schema: anyJson,
        what: 'coverage',
      }),
    ).rejects.toBeInstanceOf(ValidationError);

    expect(
      activity
        .filter((a) => a.url === sandbox.metadataUrl)
        .slice(-3)
        .map((a) => [a.status, a.attempt]),
    ).toEqual([
      [503, 1],
      [503, 2],
      [200, 3],
    ]);
  });

  it('revokes every token on removal, forgetting them even when revocation answers 500', async () => {
    const revokePath = new URL(discovery.oauthMetadata.revocation_endpoint).pathname;
    const adminToken = await tokens.getClientToken(server, admin, { scope: CLIENT_ADMIN_SCOPE });
    sandbox.control.injectFault({ path: revokePath, status: 500, times: null });
    const failed = await tokens.revokeAll(server);
    sandbox.control.clearFaults();
    expect(failed.revoked).toBe(0);
    expect(failed.failed.length).toBeGreaterThanOrEqual(3);
    expect(failed.failed.every((f) => f.kind === 'http-status')).toBe(true);
    // The failed revocation left the token alive on the Server, but the app forgot it.
    await expect(listClients(adminToken)).resolves.toBeDefined();
    const before = tokens.stats().tokenRequests;
    const fresh = await tokens.getClientToken(server, admin, { scope: CLIENT_ADMIN_SCOPE });
    expect(tokens.stats().tokenRequests - before).toBe(1);

    const ok = await tokens.revokeAll(server);
    expect(ok).toEqual({ revoked: 1, failed: [] });
    const refused = await listClients(fresh).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OAuthError);
    expect((refused as OAuthError).status).toBe(401);
  });

  it('stops after one re-fetch when the Server expires the secret', async () => {
    const request = { kind: 'client' as const, server, client: admin, scope: CLIENT_ADMIN_SCOPE };
    await tokens.getToken(request);
    sandbox.control.expireCredential(adminCredentialId);
    const before = tokens.stats().tokenRequests;
    const error = await tokens.withToken(request, listClients).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('invalid_client');
    expect(tokens.stats().tokenRequests - before).toBe(1);
    expect(error).not.toBeInstanceOf(HttpStatusError);
  });

  it('never put a secret into an activity event', () => {
    const text = JSON.stringify(activity);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(activity.length).toBeGreaterThan(100);
  });
});
