import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokenKey } from '../../../src/main/cds/oauth/vault-keys';
import { CUSTOMER_DATA_SCOPE } from '../../../src/sandbox/index';
import {
  type AuthWorld,
  approveInBrowser,
  authWorld,
  deliver,
  openedUrl,
  portRefused,
  receiptConfirmation,
  refreshTokensStored,
  tokenRequests,
} from './support';

// Issue #5 end to end against the sandbox: the browser opener is replaced by an HTTP client that
// signs in and approves on the sandbox's forms.

let world: AuthWorld;
beforeAll(async () => {
  world = await authWorld(2);
});
afterAll(async () => {
  await world?.close();
});

const portOf = (redirectUri: string) => Number(new URL(redirectUri).port);

describe('loopback redirect (RFC 8252) with PAR and a device key', () => {
  it('produces a Grant and accounts decrypted on this device', async () => {
    const before = world.opened.length;
    const flow = await world.api['authorization.begin'](world.serverId, {
      scopeId: CUSTOMER_DATA_SCOPE,
      encrypt: true,
      details: { max_accounts: 10, min_balance: '0.00' },
    });
    expect(flow.usedPar).toBe(true);
    expect(flow.redirectUri).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/cds/${world.serverId}/callback$`),
    );
    expect(flow.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const url = await openedUrl(world, before + 1);
    expect(url).toBe(flow.url);
    // RFC 9126 §4: the browser URL carries only client_id and request_uri ...
    expect([...new URL(url).searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);

    const run = await approveInBrowser(url, 'bob');
    expect(run.redirect.startsWith(flow.redirectUri)).toBe(true);
    const page = await deliver(run.redirect);
    expect(page.status).toBe(200);
    const done = await world.api['authorization.complete'](world.serverId, flow.flowId);
    expect(done.status).toBe('active');
    expect(done.access).toBe('user-token');
    expect(done.kid).toBe(flow.kid);

    // ... as the sandbox saw it.
    const authorizeRequests = world.sandbox.control.requestLog({ method: 'GET', path: '/oauth/authorize' });
    const seen = new URL(authorizeRequests.at(-1)?.url ?? '', 'http://x').searchParams;
    expect([...seen.keys()].sort()).toEqual(['client_id', 'request_uri']);

    // The listener is gone; the refresh token is in the vault under the Grant.
    expect(await portRefused(portOf(flow.redirectUri))).toBe(true);
    expect(
      await world.vault.get(refreshTokenKey(world.serverId, done.clientId, done.grantId)),
    ).not.toBeNull();
    // The port-less loopback URI was registered on the Client Object (RFC 8252 §7.3).
    const client = world.companion.core.clients.read(world.serverId)?.clients[done.clientId]?.object;
    expect(client?.redirect_uris).toContain(`http://127.0.0.1/cds/${world.serverId}/callback`);

    const data = await world.api['data.accounts'](world.serverId, { grantId: done.grantId });
    expect(data.encrypted).toBe(true);
    expect(data.kid).toBe(flow.kid);
    expect(data.protection).toBe(`Decrypted on this device with key ${flow.kid}.`);
    expect(data.accounts).toHaveLength(4);
    expect(data.pages.length).toBe(2);
    for (const p of data.pages) {
      expect(p.encrypted).toBe(true);
      expect(p.headers['Content-Type']).toBe('application/json');
      expect(p.headers['X-Log-ID']).toMatch(/.+/);
    }
    const filtered = await world.api['data.accounts'](world.serverId, { grantId: done.grantId, q: 'bakery' });
    expect(filtered.accounts.length).toBeGreaterThan(0);
    expect(filtered.accounts.length).toBeLessThanOrEqual(4);

    // A replayed callback finds no listener and makes no token request.
    const tokensBefore = tokenRequests(world);
    await expect(deliver(run.redirect)).rejects.toThrow();
    expect(tokenRequests(world)).toBe(tokensBefore);

    const keys = await world.api['keys.show'](world.serverId);
    expect(keys.current.kid).toBe(flow.kid);
    expect(keys.current.grantIds).toContain(done.grantId);
    expect(JSON.stringify(keys)).not.toContain('"d"');
  });
});

describe('failed flows leave no listener and no token', () => {
  const failing = async (tamper: (redirect: URL) => void, expectedFailure: string): Promise<void> => {
    const count = world.opened.length;
    const flow = await world.api['authorization.begin'](world.serverId, { scopeId: CUSTOMER_DATA_SCOPE });
    const outcome = world.api['authorization.complete'](world.serverId, flow.flowId);
    outcome.catch(() => undefined);
    const tokensBefore = tokenRequests(world);
    const refreshBefore = refreshTokensStored(world);
    const run = await approveInBrowser(await openedUrl(world, count + 1), 'alice');
    const redirect = new URL(run.redirect);
    tamper(redirect);
    const page = await deliver(redirect.href);
    expect(page.status).toBe(400);
    await expect(outcome).rejects.toMatchObject({ failure: expectedFailure });
    expect(await portRefused(portOf(flow.redirectUri))).toBe(true);
    expect(tokenRequests(world)).toBe(tokensBefore);
    expect(refreshTokensStored(world)).toBe(refreshBefore);
  };

  it('a wrong state is refused', async () => {
    await failing((redirect) => redirect.searchParams.set('state', 'x'.repeat(43)), 'state-mismatch');
  });

  it('an iss from another server is refused (RFC 9207)', async () => {
    await failing((redirect) => redirect.searchParams.set('iss', 'https://evil.example'), 'issuer-mismatch');
  });

  it('a callback replayed from an earlier flow is refused by the new one', async () => {
    const count = world.opened.length;
    const first = await world.api['authorization.begin'](world.serverId, { scopeId: CUSTOMER_DATA_SCOPE });
    const earlier = await approveInBrowser(await openedUrl(world, count + 1), 'alice');
    await world.api['authorization.cancel'](world.serverId, first.flowId);
    const second = await world.api['authorization.begin'](world.serverId, { scopeId: CUSTOMER_DATA_SCOPE });
    const outcome = world.api['authorization.complete'](world.serverId, second.flowId);
    outcome.catch(() => undefined);
    const tokensBefore = tokenRequests(world);
    const refreshBefore = refreshTokensStored(world);
    const replay = new URL(earlier.redirect);
    replay.port = String(portOf(second.redirectUri));
    expect((await deliver(replay.href)).status).toBe(400);
    await expect(outcome).rejects.toMatchObject({ failure: 'state-mismatch' });
    expect(await portRefused(portOf(second.redirectUri))).toBe(true);
    expect(tokenRequests(world)).toBe(tokensBefore);
    expect(refreshTokensStored(world)).toBe(refreshBefore);
  });

  it('a timeout closes the listener', async () => {
    const tokensBefore = tokenRequests(world);
    const refreshBefore = refreshTokensStored(world);
    const flow = await world.api['authorization.begin'](world.serverId, {
      scopeId: CUSTOMER_DATA_SCOPE,
      timeoutSeconds: 1,
    });
    await expect(world.api['authorization.complete'](world.serverId, flow.flowId)).rejects.toMatchObject({
      failure: 'timeout',
    });
    expect(await portRefused(portOf(flow.redirectUri))).toBe(true);
    expect(tokenRequests(world)).toBe(tokensBefore);
    expect(refreshTokensStored(world)).toBe(refreshBefore);
  });

  it('a cancelled flow closes the listener', async () => {
    const tokensBefore = tokenRequests(world);
    const flow = await world.api['authorization.begin'](world.serverId, {
      scopeId: CUSTOMER_DATA_SCOPE,
      openBrowser: false,
    });
    const outcome = world.api['authorization.complete'](world.serverId, flow.flowId);
    expect(await world.api['authorization.cancel'](world.serverId, flow.flowId)).toEqual({ cancelled: true });
    await expect(outcome).rejects.toMatchObject({ failure: 'cancelled' });
    expect(await portRefused(portOf(flow.redirectUri))).toBe(true);
    expect(tokenRequests(world)).toBe(tokensBefore);
  });

  it('details outside the Server’s bounds are refused before anything is sent', async () => {
    const parBefore = world.sandbox.control.requestLog({ method: 'POST', path: '/oauth/par' }).length;
    const refused = await world.api['authorization.begin'](world.serverId, {
      scopeId: CUSTOMER_DATA_SCOPE,
      details: { max_accounts: 1000, sync_until: 'P4Y' },
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ failure: 'invalid-details' });
    expect((refused as Error).message).toMatch(
      /Sync until must not be later than P3Y \(in America\/Chicago\)/,
    );
    expect((refused as Error).message).toMatch(/Maximum accounts must be from 1 to 100/);
    expect(world.sandbox.control.requestLog({ method: 'POST', path: '/oauth/par' }).length).toBe(parBefore);
  });

  it('a declined authorization reports the Server’s access_denied', async () => {
    const count = world.opened.length;
    const flow = await world.api['authorization.begin'](world.serverId, { scopeId: CUSTOMER_DATA_SCOPE });
    const outcome = world.api['authorization.complete'](world.serverId, flow.flowId);
    outcome.catch(() => undefined);
    const tokensBefore = tokenRequests(world);
    const run = await approveInBrowser(await openedUrl(world, count + 1), 'alice');
    // Turn the approval into the denial the Server would have sent (same state and iss).
    const denied = new URL(run.redirect);
    denied.searchParams.delete('code');
    denied.searchParams.set('error', 'access_denied');
    expect((await deliver(denied.href)).status).toBe(400);
    await expect(outcome).rejects.toMatchObject({ error: 'access_denied' });
    expect(await portRefused(portOf(flow.redirectUri))).toBe(true);
    expect(tokenRequests(world)).toBe(tokensBefore);
  });
});

describe('the Server’s receipt page and the Grant Admin path', () => {
  it('finds the Grant by the pasted confirmation and reads encrypted accounts', async () => {
    const count = world.opened.length;
    const flow = await world.api['authorization.begin'](world.serverId, {
      scopeId: CUSTOMER_DATA_SCOPE,
      path: 'receipt',
      encrypt: true,
    });
    expect(flow.redirectUri).toMatch(/\/receipt$/);
    const run = await approveInBrowser(await openedUrl(world, count + 1), 'alice');
    expect(run.redirect).toMatch(/\/receipts\//);
    const confirmation = await receiptConfirmation(run.redirect);
    const done = await world.api['authorization.complete'](world.serverId, flow.flowId, { confirmation });
    expect(done.access).toBe('grant-admin');
    expect(done.grant.receipt_confirmations).toContain(confirmation);
    const data = await world.api['data.accounts'](world.serverId, { grantId: done.grantId });
    expect(data.access).toBe('grant-admin');
    expect(data.encrypted).toBe(true);
    expect(data.accounts).toHaveLength(2);
  });

  it('finds the newest Grant of the Client Object when no confirmation is given', async () => {
    const count = world.opened.length;
    const flow = await world.api['authorization.begin'](world.serverId, {
      scopeId: CUSTOMER_DATA_SCOPE,
      path: 'receipt',
    });
    await approveInBrowser(await openedUrl(world, count + 1), 'carol');
    const done = await world.api['authorization.complete'](world.serverId, flow.flowId);
    const data = await world.api['data.accounts'](world.serverId, { grantId: done.grantId });
    expect(data.encrypted).toBe(false);
    expect(data.protection).toMatch(/without device encryption/);
    expect(data.pages[0]?.headers['x-log-id']).toMatch(/.+/);
  });
});

describe('Grants that need authorization (cds-wg1-02 §8.3)', () => {
  it('authorizes a needs_authorization Grant with cds_grant_id and prompt=login, by loopback', async () => {
    const { clientId } = await world.api['authorization.form'](world.serverId, CUSTOMER_DATA_SCOPE);
    expect(clientId).toBeTruthy();
    const created = world.sandbox.control.createGrant({
      clientId: String(clientId),
      status: 'needs_authorization',
      customer: 'carol',
    });
    const grantId = String(created.grant_id);
    // A live sign-in first: without prompt=login the Server goes straight to consent.
    const warm = await world.api['authorization.begin'](world.serverId, { scopeId: CUSTOMER_DATA_SCOPE });
    const session = await approveInBrowser(await openedUrl(world, world.opened.length), 'carol', {
      approve: false,
    });
    const again = await approveInBrowser(warm.url, 'carol', { cookie: session.cookie, approve: false });
    expect(again.signedIn).toBe(false);
    await world.api['authorization.cancel'](world.serverId, warm.flowId);

    const count = world.opened.length;
    const flow = await world.api['authorization.begin'](world.serverId, {
      scopeId: CUSTOMER_DATA_SCOPE,
      grantId,
      promptLogin: true,
      encrypt: true,
    });
    expect(flow.grantId).toBe(grantId);
    // §8.3 prompt=login (carried inside the PAR request): the customer must sign in again.
    const run = await approveInBrowser(await openedUrl(world, count + 1), 'carol', {
      cookie: session.cookie,
    });
    expect(run.signedIn).toBe(true);
    await deliver(run.redirect);
    const done = await world.api['authorization.complete'](world.serverId, flow.flowId);
    expect(done.grantId).toBe(grantId);
    expect(done.status).toBe('active');
    const data = await world.api['data.accounts'](world.serverId, { grantId });
    expect(data.encrypted).toBe(true);
    expect(data.accounts).toHaveLength(2);
  });

  it('authorizes a needs_authorization Grant through the receipt page', async () => {
    const { clientId } = await world.api['authorization.form'](world.serverId, CUSTOMER_DATA_SCOPE);
    const created = world.sandbox.control.createGrant({
      clientId: String(clientId),
      status: 'needs_authorization',
      customer: 'alice',
    });
    const grantId = String(created.grant_id);
    const count = world.opened.length;
    const flow = await world.api['authorization.begin'](world.serverId, {
      scopeId: CUSTOMER_DATA_SCOPE,
      grantId,
      path: 'receipt',
    });
    await approveInBrowser(await openedUrl(world, count + 1), 'alice');
    const done = await world.api['authorization.complete'](world.serverId, flow.flowId);
    expect(done.grantId).toBe(grantId);
    expect(done.status).toBe('active');
    const data = await world.api['data.accounts'](world.serverId, { grantId });
    expect(data.access).toBe('grant-admin');
    expect(data.accounts).toHaveLength(2);
  });
});

describe('replacing the device key', () => {
  it('keeps old Grants readable with their key and uses the new key for new authorizations', async () => {
    const list = await world.api['authorization.list'](world.serverId);
    const encrypted = list.find((entry) => entry.kid !== null && entry.access === 'user-token');
    expect(encrypted).toBeDefined();
    const before = await world.api['keys.show'](world.serverId);
    const rotated = await world.api['keys.rotate'](world.serverId);
    expect(rotated.current.kid).not.toBe(before.current.kid);
    const old = rotated.keys.find((key) => key.kid === before.current.kid);
    expect(old?.retiredAt).not.toBeNull();
    expect(old?.grantIds).toContain(encrypted?.grantId);
    const data = await world.api['data.accounts'](world.serverId, { grantId: String(encrypted?.grantId) });
    expect(data.kid).toBe(before.current.kid);

    // A sync refreshes the recorded Grants' statuses.
    world.sandbox.control.setGrantStatus(String(encrypted?.grantId), 'suspended');
    await world.api['servers.sync'](world.serverId);
    const refreshed = await world.api['authorization.list'](world.serverId);
    expect(refreshed.find((entry) => entry.grantId === encrypted?.grantId)?.status).toBe('suspended');

    // No secret in the JSON store, caches included once written (ADR 0003).
    await world.companion.flush();
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const stateDir = join(world.dataDir, 'state');
    const stored = readdirSync(stateDir)
      .map((name) => readFileSync(join(stateDir, name), 'utf8'))
      .join('\n');
    for (const secret of world.vault.valuesSet) expect(stored).not.toContain(secret);
    expect(stored).not.toMatch(/"d"\s*:/);
  });
});
