import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import {
  allMessages,
  getJson,
  metadata,
  postForm,
  register,
  sendJson,
  sharedRegistration,
  start,
  token,
} from './support';

// The control surface (as methods and as the admin HTTP API), fault injection, the request log,
// --state persistence, --tls and rate limiting.

const r = sharedRegistration();

const admin = (name: string, body: unknown, bearer = r.sandbox.adminToken) =>
  sendJson('POST', `${r.sandbox.baseUrl}/sandbox-admin/${name}`, body, bearer);

describe('control surface', () => {
  it('the admin API needs the admin token', async () => {
    expect((await admin('registrations', {}, 'wrong')).status).toBe(401);
    const res = await admin('registrations', {});
    expect(res.body.map((x: { registrationId: string }) => x.registrationId)).toContain(r.clientId);
  });

  it('posts notifications and private messages; approves and rejects requests with request_update replies', async () => {
    await admin('notify', { registrationId: r.clientId, name: 'Maintenance', description: 'Tonight' });
    await admin('private-message', { registrationId: r.clientId, name: 'Hello', description: 'Just you' });
    const unread = await allMessages(r.as.cds_messages_api, r.admin, 'unread');
    expect(unread.map((m) => m.name)).toEqual(expect.arrayContaining(['Maintenance', 'Hello']));
    const support = await sendJson(
      'POST',
      r.as.cds_messages_api,
      { type: 'support_request', name: 'Help', description: '?', previous_uri: null },
      r.admin,
    );
    const rejected = await admin('reject', {
      messageId: support.body.message_id,
      reason: 'Please add details.',
    });
    expect(rejected.body).toMatchObject({
      type: 'request_update',
      status: 'rejected',
      description: 'Please add details.',
      previous_uri: support.body.uri,
    });
    const code = r.byScope('cds_accounts_1');
    const gr = await sendJson(
      'POST',
      r.as.cds_messages_api,
      {
        type: 'grant_request',
        name: 'g',
        description: '',
        previous_uri: null,
        related_uri: code.cds_client_uri,
        grants_requested: [{ scope: 'cds_accounts_1', authorization_details: [] }],
      },
      r.admin,
    );
    const approved = await admin('approve', { messageId: gr.body.message_id });
    expect(approved.body).toMatchObject({ status: 'complete', related_type: 'grant_list' });
    const grants = await getJson(approved.body.related_uri, r.admin);
    expect(grants.body.grants).toHaveLength(1);
    expect((await getJson(gr.body.uri, r.admin)).body.status).toBe('complete');
  });

  it('payment and online forms: submitting marks pending, approval completes with a receipt', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const p = await register(r.sandbox, 'cds_client_admin sandbox_demand_response_1', {
      cds_company_name: 'X',
      cds_contact_email: 'a@b.co',
      cds_company_website: 'https://x.example/',
      cds_accepts_terms: true,
      cds_company_logo: png,
      cds_insurance_certificate: Buffer.from('%PDF-1.4').toString('base64'),
    });
    const pay = (await allMessages(p.as.cds_messages_api, p.admin, 'outstanding')).find(
      (m) => m.type === 'payment_request',
    );
    expect((await fetch(pay?.related_uri, { method: 'POST' })).status).toBe(200);
    expect((await getJson(pay?.uri, p.admin)).body.status).toBe('pending');
    const done = r.sandbox.control.approve(pay?.message_id);
    expect(done).toMatchObject({ status: 'complete', related_type: 'payment_receipt' });
    expect(r.sandbox.control.pending(p.clientId).some((m) => m.message_id === pay?.message_id)).toBe(false);
  });

  it('changes grant statuses, expires credentials and moves the clock', async () => {
    const files = r.byScope('cds_server_provided_files_1');
    const g = (await getJson(`${r.as.cds_grants_api}?client_ids=${files.client_id}`, r.admin)).body.grants[0];
    expect(
      (await admin('grant-status', { grantId: g.grant_id, status: 'suspended' })).body.enabled_scope,
    ).toBe('');
    await admin('grant-status', { grantId: g.grant_id, status: 'active' });
    const t = await token(r.as, r.clientId, r.clientSecret, {
      grant_type: 'client_credentials',
      scope: 'cds_client_admin',
    });
    r.sandbox.control.advanceClock(3601_000);
    expect((await getJson(r.as.cds_clients_api, t.body.access_token)).status).toBe(401);
    const cred = (await getJson(`${r.as.cds_credentials_api}?client_ids=${r.clientId}`, r.admin)).status;
    expect(cred).toBe(401); // the admin token expired with the clock too
    const fresh = await token(r.as, r.clientId, r.clientSecret, { grant_type: 'client_credentials' });
    r.admin = fresh.body.access_token;
    const c = (await getJson(`${r.as.cds_credentials_api}?client_ids=${r.clientId}`, r.admin)).body
      .credentials[0];
    await admin('expire-credential', { credentialId: c.credential_id });
    expect((await getJson(r.as.cds_clients_api, r.admin)).status).toBe(401);
    expect((await token(r.as, r.clientId, r.clientSecret, { grant_type: 'client_credentials' })).status).toBe(
      401,
    );
  });
});

describe('fault injection and the request log', () => {
  it('injects status codes with Retry-After once, then answers normally; the log counts requests', async () => {
    const s = await start();
    try {
      const as = await metadata(s);
      s.control.clearRequestLog();
      s.control.injectFault({
        path: '/.well-known/oauth-authorization-server',
        status: 429,
        retryAfterSeconds: 2,
        times: 1,
      });
      const first = await fetch(`${s.baseUrl}/.well-known/oauth-authorization-server`);
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe('2');
      expect((await fetch(`${s.baseUrl}/.well-known/oauth-authorization-server`)).status).toBe(200);
      s.control.injectFault({ method: 'POST', path: '/oauth/token', status: 503, times: 2 });
      const reg = await sendJson('POST', as.registration_endpoint, { scope: 'cds_client_admin' });
      const ask = () =>
        token(as, reg.body.client_id, reg.body.client_secret, { grant_type: 'client_credentials' });
      expect((await ask()).status).toBe(503);
      expect((await ask()).status).toBe(503);
      expect((await ask()).status).toBe(200);
      expect(s.control.requestLog({ method: 'POST', path: '/oauth/token' })).toHaveLength(3);
      const log = (
        await sendJson(
          'POST',
          `${s.baseUrl}/sandbox-admin/request-log`,
          { path: '/oauth/token' },
          s.adminToken,
        )
      ).body;
      expect(log.map((e: { status: number }) => e.status)).toEqual([503, 503, 200]);
    } finally {
      await s.close();
    }
  });

  it('malformed JSON, truncated bodies, resets and delays', async () => {
    const s = await start();
    try {
      const url = `${s.baseUrl}/.well-known/oauth-authorization-server`;
      s.control.injectFault({ path: url.slice(s.baseUrl.length), malformedJson: true });
      await expect((await fetch(url)).json()).rejects.toThrow();
      s.control.injectFault({ path: '/.well-known/*', truncate: true });
      await expect(fetch(url).then((res) => res.text())).rejects.toThrow();
      s.control.injectFault({ path: '/.well-known/*', reset: true });
      await expect(fetch(url)).rejects.toThrow();
      s.control.injectFault({ path: '/.well-known/*', delayMs: 150 });
      const t0 = performance.now();
      expect((await fetch(url)).status).toBe(200);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
      s.control.injectFault({ path: '/.well-known/*', status: 500, times: null });
      expect((await fetch(url)).status).toBe(500);
      expect((await fetch(url)).status).toBe(500);
      s.control.clearFaults();
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('state, TLS and rate limiting', () => {
  it('--state keeps registrations across restarts (atomic JSON snapshot)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-state-')), 'state.json');
    const a = await start({ stateFile: file });
    const p = await register(a, 'cds_client_admin');
    await a.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
    const b = await start({ stateFile: file });
    try {
      const as = await metadata(b);
      const t = await token(as, p.clientId, p.clientSecret, { grant_type: 'client_credentials' });
      expect(t.status).toBe(200);
      const clients = await getJson(as.cds_clients_api, t.body.access_token);
      expect(clients.body.clients[0].cds_client_uri.startsWith(b.baseUrl)).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('--tls serves HTTPS trusted only through the explicit CA', async () => {
    const s = await start({ tls: true });
    try {
      expect(s.metadataUrl.startsWith('https://127.0.0.1:')).toBe(true);
      await expect(fetch(s.metadataUrl)).rejects.toThrow();
      const dispatcher = new Agent({ connect: { ca: readFileSync(s.caFile as string, 'utf8') } });
      const { request } = await import('undici');
      const res = await request(s.metadataUrl, { dispatcher });
      expect(res.statusCode).toBe(200);
      expect(
        ((await res.body.json()) as { oauth_metadata: string }).oauth_metadata.startsWith('https://'),
      ).toBe(true);
      await dispatcher.close();
    } finally {
      await s.close();
    }
  });

  it('§11.3: unauthenticated endpoints are rate limited when configured', async () => {
    const s = await start({ rateLimit: { max: 2, timeWindowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(s.metadataUrl)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const reg = await postForm(`${s.baseUrl}/oauth/register`, {});
      expect(reg.status).toBe(400);
    } finally {
      await s.close();
    }
  });
});
