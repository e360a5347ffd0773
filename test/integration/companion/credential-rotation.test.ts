import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCredentialExpiry } from '../../../src/main/cds/credentials';
import { VaultError } from '../../../src/main/cds/errors';
import { clientSecretKey } from '../../../src/main/cds/oauth/vault-keys';
import type { Companion } from '../../../src/main/companion/companion';
import { CUSTOMER_DATA_SCOPE, type RunningSandbox, startSandbox } from '../../../src/sandbox/index';
import { openCompanion, removeDir, sharedVault, tempDataDir } from './support';

// Crash-safe rotation (SECURITY.md "secret rotation never loses the last working secret"): the
// process dies after every journaled step (a test hook throws), the Server answers 500 at every
// step, the keychain fails to save; after reopening the Companion on the same data directory a
// working secret is in the vault, exactly one valid Credential remains and the journal is empty.

let sandbox: RunningSandbox;
const vault = sharedVault();
const dataDir = tempDataDir();
let serverId: string;
let adminId: string;
let accountsId: string;
let tokenEndpoint: string;

const open = (hooks?: Parameters<typeof openCompanion>[2]) => openCompanion(dataDir, vault, hooks);

/** Authenticates at the token endpoint with the vault's secret: true unless the Server says 401 (RFC 6749 §5.2). */
async function secretWorks(clientId: string): Promise<boolean> {
  const secret = await vault.get(clientSecretKey(serverId, clientId));
  if (!secret) return false;
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return response.status !== 401;
}

async function converged(companion: Companion, clientId: string): Promise<void> {
  expect(companion.core.state.read().rotationJournal).toEqual([]);
  expect(await secretWorks(clientId)).toBe(true);
  const credentials = await companion.api.handlers['credentials.list'](serverId, { clientIds: [clientId] });
  expect(credentials.filter((credential) => !credential.expired)).toHaveLength(1);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  const companion = await open();
  const api = companion.api.handlers;
  serverId = (await api['servers.add']({ url: sandbox.metadataUrl })).id;
  const result = await api['registration.submit'](serverId, {
    scopes: [CUSTOMER_DATA_SCOPE],
    values: { company_name: 'Rotation Test Co' },
  });
  adminId = result.adminClientId;
  accountsId = result.clients.find((client) => client.scope === CUSTOMER_DATA_SCOPE)?.clientId ?? '';
  tokenEndpoint = companion.core.context(serverId, 'test').oauth.token_endpoint;
  await companion.close();
});

afterAll(async () => {
  await sandbox.close();
  removeDir(dataDir);
});

describe('credential rotation', () => {
  it('rotates: new secret proven and saved, old one expired', async () => {
    const companion = await open();
    const before = await vault.get(clientSecretKey(serverId, accountsId));
    const result = await companion.api.handlers['credentials.rotate'](serverId, accountsId);
    expect(result).toMatchObject({ complete: true, warning: null });
    expect(result.expiredCredentialIds).toHaveLength(1);
    expect(await vault.get(clientSecretKey(serverId, accountsId))).not.toBe(before);
    await converged(companion, accountsId);
    // The admin secret too: the Companion keeps working with the new one.
    await companion.api.handlers['credentials.rotate'](serverId, adminId);
    await converged(companion, adminId);
    expect(await companion.api.handlers['clients.list'](serverId)).toHaveLength(3);
    await companion.close();
  });

  for (const step of ['started', 'created', 'verified', 'saved', 'done']) {
    it(`recovers when the process dies after "${step}"`, async () => {
      for (const clientId of [accountsId, adminId]) {
        const crashing = await open({
          hooks: {
            afterRotationStep: (reached) => {
              if (reached === step) throw new Error(`simulated crash after ${step}`);
            },
          },
        });
        await expect(crashing.api.handlers['credentials.rotate'](serverId, clientId)).rejects.toThrow();
        // A working secret exists even before the restart.
        expect(await secretWorks(clientId)).toBe(true);
        await crashing.close();
        const restarted = await open();
        expect(restarted.startProblems).toEqual([]);
        await converged(restarted, clientId);
        await restarted.close();
      }
    });
  }

  for (const fault of [
    { name: 'creating the Credential', at: 'started', method: 'POST', path: '/cds-api/v1/credentials' },
    { name: 'verifying the new secret', at: 'created', method: 'POST', path: '/oauth/token' },
    { name: 'expiring the old Credential', at: 'saved', method: 'PATCH', path: '/cds-api/v1/credentials/*' },
  ]) {
    it(`keeps a working secret when the Server answers 500 while ${fault.name}`, async () => {
      const companion = await open({
        hooks: {
          afterRotationStep: (reached) => {
            if (reached === fault.at)
              sandbox.control.injectFault({ method: fault.method, path: fault.path, status: 500 });
          },
        },
      });
      const outcome = await companion.api.handlers['credentials.rotate'](serverId, accountsId).catch(
        (error: Error) => error,
      );
      sandbox.control.clearFaults();
      expect(await secretWorks(accountsId)).toBe(true);
      if (fault.at === 'saved') {
        expect(outcome).toMatchObject({ complete: false });
        expect(companion.core.state.read().rotationJournal).toHaveLength(1);
      } else {
        expect(outcome).toBeInstanceOf(Error);
        expect((outcome as Error).message).toMatch(/^Sandbox Grid Utility: .*\(while .*\)\.$/);
      }
      await companion.close();
      const restarted = await open();
      await converged(restarted, accountsId);
      await restarted.close();
    });
  }

  it('keeps the old secret when the keychain fails to save the new one', async () => {
    const companion = await open({
      hooks: {
        afterRotationStep: (reached) => {
          if (reached === 'verified') vault.failSets = 1;
        },
      },
    });
    const before = await vault.get(clientSecretKey(serverId, accountsId));
    const error = await companion.api.handlers['credentials.rotate'](serverId, accountsId).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect(String((error as Error).message)).not.toContain(before ?? 'unreachable');
    expect(await vault.get(clientSecretKey(serverId, accountsId))).toBe(before);
    await converged(companion, accountsId);
    await companion.close();
  });

  it('rotates secrets expiring within the policy window', async () => {
    const companion = await open();
    const api = companion.api.handlers;
    const [active] = (await api['credentials.list'](serverId, { clientIds: [accountsId] })).filter(
      (c) => c.active,
    );
    const context = companion.core.context(serverId, 'test');
    const inFiveDays = Math.floor(Date.now() / 1000) + 5 * 86_400;
    await setCredentialExpiry(context, String(active?.object.uri), inFiveDays, accountsId);
    const rotated = await api['credentials.rotateExpiring']({ days: 14 });
    expect(rotated.map((result) => result.clientId)).toEqual([accountsId]);
    expect(await api['credentials.rotateExpiring']({ days: 14 })).toEqual([]);
    await converged(companion, accountsId);
    await companion.close();
  });
});
