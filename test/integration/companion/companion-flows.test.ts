import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdsError } from '../../../src/main/cds/errors';
import { clientSecretKey } from '../../../src/main/cds/oauth/vault-keys';
import type { Companion } from '../../../src/main/companion/companion';
import type { ServiceHandlers } from '../../../src/main/service-api';
import {
  CUSTOMER_DATA_SCOPE,
  FILES_SCOPE,
  type RunningSandbox,
  startSandbox,
} from '../../../src/sandbox/index';
import { methodNames } from '../../../src/shared/ipc/contract';
import { openCompanion, PLAIN_SCOPES, readAllFiles, removeDir, sharedVault, tempDataDir } from './support';

// The Companion against the real sandbox over loopback: add, register for every plainly-fillable
// scope, the overview's Client Objects flow, a redirect URI added and reverted, a 202 review, a
// production request followed after approval, removal with a failing revocation endpoint, and no
// secret anywhere in the data directory.

let sandbox: RunningSandbox;
let companion: Companion;
let api: ServiceHandlers;
let serverId: string;
const vault = sharedVault();
const dataDir = tempDataDir();
const events: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, pageSize: 2 });
  companion = await openCompanion(dataDir, vault);
  api = companion.api.handlers;
  companion.api.events.on('servers.changed', (payload) => events.push(`servers.changed:${payload.reason}`));
  companion.api.events.on('credentials.changed', () => events.push('credentials.changed'));
});

afterAll(async () => {
  await companion.close();
  await sandbox.close();
  removeDir(dataDir);
});

describe('Companion against the sandbox', () => {
  it('provides one handler per contract method', () => {
    expect(Object.keys(companion.api.handlers).sort()).toEqual([...methodNames].sort());
  });

  it('adds a Server by its bare origin and describes it', async () => {
    const origin = new URL(sandbox.metadataUrl).origin;
    const added = await api['servers.add']({ url: origin, name: 'Sandbox utility' });
    serverId = added.id;
    expect(added).toMatchObject({
      name: 'Sandbox utility',
      registered: false,
      status: 'reachable',
      demo: false,
    });
    expect(added.id).toMatch(/^sandbox-utility-[0-9a-f]{6}$/);
    const list = await api['servers.list']();
    expect(list.map((s) => s.id)).toEqual([serverId]);
    const overview = await api['servers.get']('sandbox utility');
    expect(overview.coverage.entryCount).toBeGreaterThan(0);
    const plain = overview.scopes.filter((scope) => scope.plainlyFillable).map((scope) => scope.id);
    expect(plain.sort()).toEqual([...PLAIN_SCOPES].sort());
    const accounts = overview.scopes.find((scope) => scope.id === CUSTOMER_DATA_SCOPE);
    expect(accounts?.requirements.map((f) => f.fieldName)).toEqual(['cds_company_name']);
    await expect(api['servers.add']({ url: sandbox.metadataUrl })).rejects.toThrow(/already added/);
  });

  it('checks registration fields by format before sending', async () => {
    const check = await api['registration.validate'](serverId, { scopes: [CUSTOMER_DATA_SCOPE], values: {} });
    expect(check.valid).toBe(false);
    expect(check.errors[0]).toMatchObject({ fieldId: 'company_name', fieldName: 'cds_company_name' });
    const error = await api['registration.submit'](serverId, {
      scopes: [CUSTOMER_DATA_SCOPE],
      values: {},
    }).catch((e) => e);
    expect(error).toBeInstanceOf(CdsError);
    expect(error.message).toContain('Sandbox utility');
    expect(sandbox.control.registrations()).toHaveLength(0);
  });

  it('registers for every plainly-fillable scope and syncs Client Objects and Credentials', async () => {
    sandbox.control.clearRequestLog();
    const result = await api['registration.submit'](serverId, {
      scopes: PLAIN_SCOPES.filter((scope) => scope !== 'cds_client_admin'),
      clientName: 'Example Energy Audit Services',
      values: { company_name: 'Example Energy Audit Services' },
    });
    expect(result.clients.map((client) => client.scope).sort()).toEqual([...PLAIN_SCOPES].sort());
    expect(result.warnings).toEqual([]);
    // The metadata servers.add read moments ago is kept, and the Messages are listed once: the
    // sync's listing also matches the to-dos (registration-todos.ts).
    const requested = (path: string) => sandbox.control.requestLog({ path }).length;
    expect(requested('/.well-known/cds-server-metadata.json')).toBe(0);
    expect(requested('/.well-known/oauth-authorization-server')).toBe(0);
    expect(requested('/cds-api/v1/messages')).toBe(1);
    const admin = result.clients.find((client) => client.admin);
    expect(admin?.clientId).toBe(result.adminClientId);
    expect(await vault.get(clientSecretKey(serverId, result.adminClientId))).toBeTruthy();
    const credentials = await api['credentials.list'](serverId);
    // Every Client Object with token endpoint authentication has a secret in the vault (§4.2).
    for (const client of result.clients.filter((c) => c.object.token_endpoint_auth_method !== null)) {
      expect(
        credentials.some((credential) => credential.clientId === client.clientId && credential.active),
      ).toBe(true);
      expect(await vault.get(clientSecretKey(serverId, client.clientId))).toBeTruthy();
    }
    expect(JSON.stringify(credentials)).not.toContain('"client_secret":');
    const [summary] = await api['servers.list']();
    expect(summary).toMatchObject({ registered: true, environment: 'mixed' });
    expect(events).toContain('servers.changed:synced');
  });

  it('lists every page of Client Objects and reads one with its own metadata (401 → admin token)', async () => {
    const clients = await api['clients.list'](serverId);
    expect(clients).toHaveLength(4);
    const filtered = await api['clients.list'](serverId, { clientIds: [clients[0]?.clientId ?? ''] });
    expect(filtered).toHaveLength(1);
    const accounts = clients.find((client) => client.scope === CUSTOMER_DATA_SCOPE);
    const detail = await api['clients.get'](serverId, accounts?.clientId ?? '');
    expect(detail.metadata).toMatchObject({ authenticated: true, samePublicMetadata: false });
    expect(detail.metadata?.scopes.map((scope) => scope.id)).toEqual([CUSTOMER_DATA_SCOPE]);
  });

  it('adds a redirect URI, then resets to the Server default (full-object PUT)', async () => {
    const clients = await api['clients.list'](serverId);
    const accounts = clients.find((client) => client.scope === CUSTOMER_DATA_SCOPE);
    const clientId = accounts?.clientId ?? '';
    const original = accounts?.redirectUris ?? [];
    const added = await api['clients.update'](serverId, clientId, {
      addRedirectUris: ['http://127.0.0.1:8123/callback'],
    });
    expect(added.accepted).toBe(false);
    expect(added.client.redirectUris).toEqual([...original, 'http://127.0.0.1:8123/callback']);
    expect(added.client.name).toBe('Example Energy Audit Services');
    const reset = await api['clients.update'](serverId, clientId, { resetRedirectUris: true });
    expect(reset.client.redirectUris).toEqual(original);
    await expect(api['clients.update'](serverId, clientId, { status: 'production' })).rejects.toThrow(
      /status options|options/,
    );
    const files = clients.find((client) => client.scope === FILES_SCOPE);
    await expect(
      api['clients.update'](serverId, files?.clientId ?? '', { addRedirectUris: ['https://example.com/cb'] }),
    ).rejects.toThrow(/no response types/);
  });

  it('reports a 202 with the fields under review and the field_changes Message', async () => {
    const clients = await api['clients.list'](serverId);
    const accounts = clients.find((client) => client.scope === CUSTOMER_DATA_SCOPE);
    const result = await api['clients.update'](serverId, accounts?.clientId ?? '', {
      extraFields: { cds_company_name: 'Renamed Audit Co' },
    });
    expect(result.accepted).toBe(true);
    expect(result.pendingFields).toEqual(['cds_company_name']);
    expect(result.reviewMessage).toMatchObject({ status: 'pending' });
  });

  it('requests production access and follows it to the new Client Object after approval', async () => {
    const clients = await api['clients.list'](serverId);
    const accounts = clients.find((client) => client.scope === CUSTOMER_DATA_SCOPE);
    const clientId = accounts?.clientId ?? '';
    const requested = await api['clients.requestProduction'](serverId, clientId);
    expect(requested.message.status).toBe('pending');
    const before = await api['clients.productionStatus'](serverId, clientId);
    expect(before).toMatchObject({ status: 'pending', productionClient: null });
    sandbox.control.approve(requested.message.messageId);
    const after = await api['clients.productionStatus'](serverId, clientId);
    expect(after.status).toBe('complete');
    expect(after.productionClient).toMatchObject({ status: 'production', scope: CUSTOMER_DATA_SCOPE });
    expect(after.productionClient?.clientId).not.toBe(clientId);
  });

  it('names the Server and the step in every error', async () => {
    const error = await api['clients.get'](serverId, 'no-such-client').catch((e) => e);
    expect(error).toBeInstanceOf(CdsError);
    expect(error.message).toMatch(/^Sandbox utility: .*\(while .*\)\.$/);
    const missing = await api['servers.get']('nope').catch((e) => e);
    expect(missing).toBeInstanceOf(CdsError);
    expect(missing.message).toContain('nope');
  });

  it('keeps every secret out of the data directory and out of IPC results', async () => {
    const report = await api['servers.sync'](serverId);
    expect(report.ok).toBe(true);
    expect(report.counts.clients).toBe(5);
    const secrets = vault.values();
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const results = JSON.stringify([
      await api['servers.list'](),
      await api['servers.get'](serverId),
      await api['clients.list'](serverId),
      await api['credentials.list'](serverId),
    ]);
    for (const { file, text } of readAllFiles(dataDir)) {
      for (const secret of secrets) expect(text.includes(secret), `${file} holds a secret`).toBe(false);
    }
    for (const secret of secrets) expect(results.includes(secret)).toBe(false);
  });

  it('removes the Server: local data goes even when revocation answers 500', async () => {
    sandbox.control.injectFault({ method: 'POST', path: '/oauth/revoke', status: 500, times: null });
    const report = await api['servers.remove'](serverId);
    sandbox.control.clearFaults();
    expect(report.deleted).toBe(true);
    expect(report.revocationFailures.length).toBeGreaterThan(0);
    expect(await api['servers.list']()).toEqual([]);
    for (const secret of vault.values()) {
      expect(readAllFiles(dataDir).some(({ text }) => text.includes(secret))).toBe(false);
    }
    const state = readAllFiles(dataDir)
      .map(({ text }) => text)
      .join('\n');
    expect(state).not.toContain(serverId);
    const clients = sandbox.control.registrations()[0]?.clientIds ?? [];
    for (const clientId of clients) expect(await vault.get(clientSecretKey(serverId, clientId))).toBeNull();
  });
});
