import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discoverClientMetadata, discoverServer } from '../../../src/main/cds/discovery/index';
import {
  CdsError,
  DiscoveryError,
  HttpStatusError,
  InsecureUrlError,
  ValidationError,
} from '../../../src/main/cds/errors';
import { createHttpClient, type HttpClient } from '../../../src/main/cds/http/index';
import { type Handler, json, type LocalServer, startLocalServer } from './support/local-server';
import { specFixture } from './support/spec-fixtures';

let local: LocalServer;
let http: HttpClient;
const routes = new Map<string, Handler>();

const serve = (path: string, handler: Handler | unknown) => {
  routes.set(
    path,
    typeof handler === 'function' ? (handler as Handler) : (_req, res) => json(res, 200, handler),
  );
};

beforeAll(async () => {
  local = await startLocalServer();
  http = createHttpClient({
    userAgent: 'CDS-Companion/test',
    retry: { attempts: 1 },
    timeouts: { headersMs: 2_000, bodyMs: 2_000 },
  });
});

afterAll(async () => {
  await http.close();
  await local.close();
});

beforeEach(() => {
  routes.clear();
  local.requests.length = 0;
  // One dispatcher so tests can swap routes without re-registering on the server.
  for (const path of [
    '/.well-known/cds-server-metadata.json',
    '/.well-known/carbon-data-spec.json',
    '/.well-known/oauth-authorization-server',
    '/cds-coverage.json',
    '/coverage-2',
    '/client-meta',
    '/client-oauth',
    '/custom/meta.json',
  ]) {
    local.route(path, (req, res) => {
      const handler = routes.get(path);
      if (handler) return handler(req, res);
      json(res, 404, { message: 'nothing here' });
    });
  }
});

const current = () => ({
  cds: specFixture('wg1-02-12.1-cds-server-metadata', local.url),
  oauth: specFixture('wg1-02-12.2-authorization-server-metadata', local.url),
  coverage: specFixture('wg1-01-7-coverage-listing', local.url),
});

describe('discoverServer', () => {
  it('follows the metadata URL to the authorization server, classifies scopes by type and reads every coverage page', async () => {
    const { cds, oauth, coverage } = current();
    const entry = (coverage.coverage_entries as Record<string, unknown>[])[0] ?? {};
    serve('/.well-known/cds-server-metadata.json', cds);
    serve('/.well-known/oauth-authorization-server', oauth);
    serve('/cds-coverage.json', { ...coverage, next: `${local.url}/coverage-2` });
    serve('/coverage-2', {
      coverage_entries: [
        { ...entry, id: 'gas', type: 'logical', commodity_types: ['natural_gas'], country: 'US' },
      ],
      next: null,
      previous: `${local.url}/cds-coverage.json`,
    });
    const result = await discoverServer(http, `${local.url}/.well-known/cds-server-metadata.json`);
    expect(result.serverName).toBe('Example Data Hub');
    expect(result.cdsMetadata?.name).toBe('Example Data Hub');
    expect(result.oauthMetadataUrl).toBe(`${local.url}/.well-known/oauth-authorization-server`);
    expect(result.oauthMetadata.issuer).toBe(local.url);
    expect(result.legacyDraft).toBe(false);
    const kinds = Object.fromEntries(result.scopes.map((s) => [s.id, [s.kind, s.compatible]]));
    expect(kinds).toEqual({
      cds_client_admin: ['clientAdmin', true],
      cds_grant_admin_1: ['grantAdmin', true],
      cds_server_provided_files_01: ['serverProvidedFiles', true],
      example_custom: ['unknown', false],
    });
    expect(result.coverage.complete).toBe(true);
    expect(result.coverage.entries.map((e) => e.id)).toEqual(['dge_elec_west', 'gas']);
    expect(result.coverage.summary).toMatchObject({
      entryCount: 2,
      entities: ['Demo Gas & Electric (DG&E)'],
      commodityTypes: ['electricity', 'natural_gas'],
      geographicCount: 1,
      logicalCount: 1,
    });
  });

  it('decides compatibility by type, never by id', async () => {
    const { cds, oauth } = current();
    const descriptions = oauth.cds_scope_descriptions as Record<string, Record<string, unknown>>;
    // A grant admin scope under an id that says nothing, and a custom scope whose id looks like ours.
    const renamed = { ...descriptions.cds_grant_admin_1, id: 'zz_9' };
    const impostor = { ...descriptions.example_custom, id: 'cds_client_admin_2', type: 'acme_custom' };
    serve('/.well-known/cds-server-metadata.json', { ...cds, capabilities: ['oauth'] });
    serve('/.well-known/oauth-authorization-server', {
      ...oauth,
      scopes_supported: [...(oauth.scopes_supported as string[]), 'zz_9', 'cds_client_admin_2'],
      cds_scope_descriptions: { ...descriptions, zz_9: renamed, cds_client_admin_2: impostor },
    });
    const result = await discoverServer(http, local.url);
    const byId = Object.fromEntries(result.scopes.map((s) => [s.id, s.kind]));
    expect(byId.zz_9).toBe('grantAdmin');
    expect(byId.cds_client_admin_2).toBe('unknown');
    expect(local.hits('/cds-coverage.json')).toBe(0);
  });

  it('tries the older well-known address for a bare origin and accepts the previous draft', async () => {
    serve(
      '/.well-known/carbon-data-spec.json',
      specFixture('previous-draft-12.1-cds-server-metadata', local.url),
    );
    serve(
      '/.well-known/oauth-authorization-server',
      specFixture('previous-draft-12.2-authorization-server-metadata', local.url),
    );
    serve('/cds-coverage.json', current().coverage);
    const result = await discoverServer(http, local.url.replace('http://', 'http://'));
    expect(result.metadataUrl).toBe(`${local.url}/.well-known/carbon-data-spec.json`);
    expect(result.legacyDraft).toBe(true);
    const kinds = Object.fromEntries(result.scopes.map((s) => [s.id, s.kind]));
    expect(kinds).toMatchObject({
      client_admin: 'clientAdmin',
      grant_admin: 'grantAdmin',
      server_provided_files: 'serverProvidedFiles',
    });
    expect(local.hits('/.well-known/cds-server-metadata.json')).toBe(1);
  });

  it('accepts the authorization server metadata URL directly', async () => {
    serve('/.well-known/oauth-authorization-server', current().oauth);
    const result = await discoverServer(http, `${local.url}/.well-known/oauth-authorization-server`);
    expect(result.cdsMetadata).toBeNull();
    expect(result.metadataUrl).toBeNull();
    expect(result.serverName).toBe(new URL(local.url).host);
    expect(result.scopes.length).toBe(4);
  });

  it('explains when neither well-known address answers', async () => {
    const error = await discoverServer(http, local.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect((error as DiscoveryError).userMessage).toContain('/.well-known/cds-server-metadata.json');
    expect((error as DiscoveryError).userMessage).toContain('/.well-known/carbon-data-spec.json');
  });

  it('refuses http:// to a non-loopback Server, before any request', async () => {
    await expect(discoverServer(http, 'http://utility.example.com')).rejects.toBeInstanceOf(InsecureUrlError);
    const { cds } = current();
    serve('/.well-known/cds-server-metadata.json', {
      ...cds,
      oauth_metadata: 'http://evil.example.com/meta',
    });
    await expect(discoverServer(http, local.url)).rejects.toBeInstanceOf(InsecureUrlError);
  });

  it('refuses an issuer that does not match its well-known address', async () => {
    const { cds, oauth } = current();
    serve('/.well-known/cds-server-metadata.json', cds);
    serve('/.well-known/oauth-authorization-server', { ...oauth, issuer: 'https://other.example.com' });
    const error = await discoverServer(http, local.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect((error as DiscoveryError).userMessage).toContain('Example Data Hub');
    expect((error as DiscoveryError).userMessage).toContain('https://other.example.com');
  });

  it('refuses metadata without the oauth capability, listing related metadata', async () => {
    const { cds } = current();
    serve('/.well-known/cds-server-metadata.json', {
      ...cds,
      capabilities: ['coverage'],
      related_metadata: ['https://a.example.com/m.json'],
    });
    const error = await discoverServer(http, local.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect((error as DiscoveryError).userMessage).toContain('https://a.example.com/m.json');
  });

  it('names the JSON path of an invalid authorization server metadata', async () => {
    const { cds, oauth } = current();
    serve('/.well-known/cds-server-metadata.json', cds);
    serve('/.well-known/oauth-authorization-server', { ...oauth, token_endpoint: 42 });
    const error = await discoverServer(http, local.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('$.token_endpoint');
  });

  it('reports a failing coverage page beside a successful discovery, and stops on a next-link loop', async () => {
    const { cds, oauth, coverage } = current();
    serve('/.well-known/cds-server-metadata.json', cds);
    serve('/.well-known/oauth-authorization-server', oauth);
    serve('/cds-coverage.json', { ...coverage, next: `${local.url}/coverage-2` });
    serve('/coverage-2', (_req: unknown, res: import('node:http').ServerResponse) => json(res, 500, {}));
    const failed = await discoverServer(http, local.url);
    expect(failed.coverage.complete).toBe(false);
    expect(failed.coverage.entries).toHaveLength(1);
    expect(failed.coverage.error?.kind).toBe('http-status');

    serve('/cds-coverage.json', { ...coverage, next: `${local.url}/cds-coverage.json` });
    const looped = await discoverServer(http, local.url);
    expect(looped.coverage.entries).toHaveLength(1);
    expect(looped.coverage.complete).toBe(true);
  });

  it('never throws anything but a CdsError for hostile documents', async () => {
    const { cds, oauth } = current();
    const hostileDocument = fc.oneof(
      fc.jsonValue(),
      fc
        .dictionary(fc.constantFrom(...Object.keys(oauth)), fc.jsonValue())
        .map((patch) => ({ ...oauth, ...patch })),
      fc
        .record({ key: fc.constantFrom(...Object.keys(oauth)), value: fc.jsonValue() })
        .map(({ key, value }) => ({ ...oauth, [key]: value })),
    );
    const hostileCds = fc.oneof(
      fc.constant(cds),
      fc.jsonValue(),
      fc
        .record({ key: fc.constantFrom(...Object.keys(cds)), value: fc.jsonValue() })
        .map(({ key, value }) => ({ ...cds, [key]: value })),
    );
    const rawBody = fc.oneof(fc.string(), fc.constant('{"a":'), fc.constant(''));
    await fc.assert(
      fc.asyncProperty(
        hostileCds,
        hostileDocument,
        fc.option(rawBody, { nil: undefined }),
        async (c, o, raw) => {
          serve('/.well-known/cds-server-metadata.json', c);
          serve(
            '/.well-known/oauth-authorization-server',
            raw === undefined
              ? o
              : (_req: unknown, res: import('node:http').ServerResponse) => {
                  res.writeHead(200, { 'content-type': 'application/json' });
                  res.end(raw);
                },
          );
          serve('/cds-coverage.json', o);
          try {
            const result = await discoverServer(http, local.url);
            expect(result.scopes.some((s) => s.kind === 'clientAdmin')).toBe(true);
          } catch (error) {
            if (!(error instanceof CdsError)) throw error;
            expect(error.userMessage.length).toBeGreaterThan(10);
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('discoverClientMetadata', () => {
  const adminToken = 'admin-access-TOKEN';

  const setUp = async () => {
    const { cds, oauth } = current();
    serve('/.well-known/cds-server-metadata.json', { ...cds, capabilities: ['oauth'] });
    serve('/.well-known/oauth-authorization-server', oauth);
    const publicDiscovery = await discoverServer(http, local.url);
    const descriptions = oauth.cds_scope_descriptions as Record<string, Record<string, unknown>>;
    const narrowed = {
      ...oauth,
      registration_endpoint: undefined,
      cds_scope_descriptions: {
        cds_server_provided_files_01: { ...descriptions.cds_server_provided_files_01, name: 'Narrow files' },
        cds_grant_admin_1: descriptions.cds_grant_admin_1,
      },
    };
    const protectedRoute =
      (body: unknown): Handler =>
      (req, res) =>
        req.headers.authorization === `Bearer ${adminToken}` ? json(res, 200, body) : json(res, 401, {});
    serve('/client-meta', protectedRoute({ ...cds, oauth_metadata: `${local.url}/client-oauth` }));
    serve('/client-oauth', protectedRoute(narrowed));
    return publicDiscovery;
  };

  it('retries with the Client Admin token on 401 and uses the narrower scopes', async () => {
    const publicDiscovery = await setUp();
    let tokenUses = 0;
    const result = await discoverClientMetadata(http, {
      server: { id: 's', name: 'Example Data Hub' },
      client: {
        client_id: 'c1',
        scope: 'cds_server_provided_files_01',
        cds_server_metadata: `${local.url}/client-meta`,
      },
      publicDiscovery,
      withClientAdminToken: async (use) => {
        tokenUses += 1;
        return use(adminToken);
      },
    });
    expect(result.authenticated).toBe(true);
    expect(result.scopes.map((s) => [s.id, s.name])).toEqual([
      ['cds_server_provided_files_01', 'Narrow files'],
    ]);
    expect(tokenUses).toBe(2);
    const meta = local.requests.filter((r) => r.path === '/client-meta').map((r) => r.headers.authorization);
    expect(meta).toEqual([undefined, `Bearer ${adminToken}`]);
  });

  it('does not fetch anything when the client points at the public metadata', async () => {
    const publicDiscovery = await setUp();
    local.requests.length = 0;
    const result = await discoverClientMetadata(http, {
      server: { name: 'Example Data Hub' },
      client: {
        client_id: 'c0',
        scope: 'cds_client_admin',
        cds_server_metadata: publicDiscovery.metadataUrl ?? '',
      },
      publicDiscovery,
      withClientAdminToken: async () => {
        throw new Error('not needed');
      },
    });
    expect(result.samePublicMetadata).toBe(true);
    expect(result.scopes.map((s) => s.kind)).toEqual(['clientAdmin']);
    expect(local.requests).toHaveLength(0);
  });

  it('refuses client metadata naming another authorization server, and surfaces a refused token', async () => {
    const publicDiscovery = await setUp();
    const { cds, oauth } = current();
    serve('/client-meta', { ...cds, oauth_metadata: `${local.url}/client-oauth` });
    serve('/client-oauth', { ...oauth, issuer: `${local.url}/elsewhere` });
    const input = {
      server: { name: 'Example Data Hub' },
      client: { client_id: 'c1', scope: 'x', cds_server_metadata: `${local.url}/client-meta` },
      publicDiscovery,
      withClientAdminToken: async <T>(use: (token: string) => Promise<T>) => use('wrong'),
    };
    await expect(discoverClientMetadata(http, input)).rejects.toBeInstanceOf(DiscoveryError);
    serve('/client-meta', (_req: unknown, res: import('node:http').ServerResponse) => json(res, 401, {}));
    const error = await discoverClientMetadata(http, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(401);
  });
});
