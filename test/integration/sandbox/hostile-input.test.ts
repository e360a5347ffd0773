import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../src/sandbox/server';
import { type Registered, register, start } from './support';

// Hostile input against every endpoint: malformed JSON, wrong content types, huge bodies, bad tokens.
// Never a 500; always a 4xx with an OAuth-style error body.

let sandbox: RunningSandbox;
let r: Registered;
let endpoints: Array<{ method: string; url: string }>;

beforeAll(async () => {
  sandbox = await start({ attachmentLimitBytes: 10 * 1024 * 1024 });
  r = await register(sandbox);
  const a = r.as;
  const some = r.clients[0] as { cds_client_uri: string };
  endpoints = [
    { method: 'POST', url: a.registration_endpoint },
    { method: 'POST', url: a.token_endpoint },
    { method: 'POST', url: a.pushed_authorization_request_endpoint },
    { method: 'POST', url: a.revocation_endpoint },
    { method: 'POST', url: a.introspection_endpoint },
    { method: 'GET', url: a.cds_clients_api },
    { method: 'PUT', url: some.cds_client_uri },
    { method: 'GET', url: a.cds_messages_api },
    { method: 'POST', url: a.cds_messages_api },
    { method: 'PATCH', url: `${a.cds_messages_api}/nope` },
    { method: 'GET', url: a.cds_credentials_api },
    { method: 'POST', url: a.cds_credentials_api },
    { method: 'PATCH', url: `${a.cds_credentials_api}/nope` },
    { method: 'GET', url: a.cds_grants_api },
    { method: 'PATCH', url: `${a.cds_grants_api}/nope` },
    { method: 'GET', url: a.cds_server_provided_files_api },
    { method: 'GET', url: a.cds_accounts_api },
    { method: 'POST', url: `${sandbox.baseUrl}/sandbox-admin/approve` },
  ];
});
afterAll(async () => {
  await sandbox.close();
});

async function expectClean(res: Response): Promise<void> {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const body = (await res.json()) as { error?: unknown };
  expect(typeof body.error).toBe('string');
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
);
const bodies = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '{',
    '{"a":',
    '[]',
    'null',
    '{"scope": 5}',
    '{"type":"private_message"}',
    'grant_type=client_credentials',
  ),
);
const bearers = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
  fc.constantFrom('Basic Zm9vOmJhcg==', 'Bearer', 'bearer  x y', 'Basic !!!'),
);

describe('hostile input', () => {
  it('malformed bodies, wrong content types and bad credentials never cause a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), contentTypes, bodies, bearers, async (i, type, body, auth) => {
        const e = endpoints[i % endpoints.length] as { method: string; url: string };
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        if (auth) headers.authorization = auth;
        const res = await fetch(e.url, {
          method: e.method,
          headers,
          body: e.method === 'GET' ? undefined : body,
        });
        await expectClean(res);
      }),
      { numRuns: 150 },
    );
  });

  it('authenticated endpoints: random JSON with a valid admin token gets 4xx, never 500', async () => {
    const writable = () => endpoints.filter((e) => e.method !== 'GET' && e.url.includes('/cds-api/'));
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.json({ maxDepth: 4 }), async (i, body) => {
        const list = writable();
        const e = list[i % list.length] as { method: string; url: string };
        const res = await fetch(e.url, {
          method: e.method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${r.admin}` },
          body,
        });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400)
          expect(typeof ((await res.json()) as { error?: unknown }).error).toBe('string');
        else await res.arrayBuffer();
      }),
      { numRuns: 100 },
    );
  });

  it('random query strings on listings never cause a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'offset',
          'client_ids',
          'after',
          'before',
          'section',
          'message_ids',
          'statuses',
          'q',
          'unread_offset',
        ),
        fc.string({ maxLength: 40 }),
        async (key, value) => {
          for (const base of [
            r.as.cds_clients_api,
            r.as.cds_messages_api,
            r.as.cds_grants_api,
            r.as.cds_credentials_api,
          ]) {
            const res = await fetch(`${base}?${new URLSearchParams({ [key]: value })}`, {
              headers: { authorization: `Bearer ${r.admin}` },
            });
            expect(res.status === 200 || res.status === 400).toBe(true);
            await res.arrayBuffer();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a body above the size limit gets 413 with an error body', async () => {
    const res = await fetch(r.as.registration_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(16 * 1024 * 1024, 0x61),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('content_too_large');
  });

  it('random authorization requests never cause a 500', async () => {
    const code = r.clients.find((c) => c.scope === 'cds_accounts_1') as { client_id: string };
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'response_type',
            'scope',
            'redirect_uri',
            'state',
            'code_challenge',
            'code_challenge_method',
            'authorization_details',
            'cds_grant_id',
            'prompt',
            'request_uri',
          ),
          fc.string({ maxLength: 30 }),
        ),
        async (params) => {
          const q = new URLSearchParams({ client_id: code.client_id, ...params });
          const res = await fetch(`${r.as.authorization_endpoint}?${q}`, { redirect: 'manual' });
          expect([200, 303, 400]).toContain(res.status);
          await res.arrayBuffer();
        },
      ),
      { numRuns: 80 },
    );
  });
});
