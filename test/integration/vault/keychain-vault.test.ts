import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVault } from '../../../src/main/vault/open-vault';
import { VAULT_SERVICE, type Vault } from '../../../src/main/vault/vault';
import { filesContainingSecret } from '../../unit/vault/scan-for-secret';

// SECURITY.md: "tests against a real gnome-keyring on a D-Bus session". Run as CI does:
//   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run test/integration/vault'
// Outside CI without a D-Bus session the suite skips; with CI set it must run (CONTRIBUTING.md).
const hasSession = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const required = Boolean(process.env.CI);
const SKIP_REASON =
  'skipped: no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset, CI unset); run under dbus-run-session with an unlocked gnome-keyring';

const linuxOptions =
  process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
/** Reads an entry straight from the OS keychain, bypassing the vault. */
const rawGet = (account: string) => new AsyncEntry(VAULT_SERVICE, account, linuxOptions).getPassword();

if (!hasSession && !required) {
  describe('keychain vault against the real Secret Service', () => {
    it.skip(SKIP_REASON, () => undefined);
  });
} else {
  describe('keychain vault against the real Secret Service', () => {
    // A prefix of its own, so runs never collide with each other or with real entries.
    const prefix = `test-${randomBytes(6).toString('hex')}/`;
    const secretKey = `${prefix}server/srv-1/client/cl-1/secret`;
    const tokenKey = `${prefix}server/srv-1/client/cl-1/access-token`;
    const otherKey = `${prefix}server/srv-2/client/cl-2/secret`;
    const secret = `cs-${randomBytes(16).toString('hex')}`;
    let dataDir: string;
    let vault: Vault;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'cds-keychain-'));
      vault = await openVault({ dataDir, env: {} });
    });
    afterAll(async () => {
      await vault?.deleteByPrefix(prefix);
      await rm(dataDir, { recursive: true, force: true });
    });

    it('chooses the keychain by default, with no warning', () => {
      expect(vault).toMatchObject({ backend: 'keychain', persistent: true, warning: null });
    });

    it('stores a secret as a cds-companion entry that a new vault instance reads back', async () => {
      await vault.set(secretKey, secret);
      expect(await rawGet(secretKey)).toBe(secret);
      const reopened = await openVault({ dataDir, env: { CDS_COMPANION_VAULT: 'keychain' } });
      expect(reopened.backend).toBe('keychain');
      expect(await reopened.get(secretKey)).toBe(secret);
      expect(await reopened.get(`${prefix}missing`)).toBeNull();
    });

    it('writes no secret to the data directory (only key names in the index)', async () => {
      await vault.set(secretKey, secret);
      expect(await filesContainingSecret(dataDir, secret)).toEqual([]);
    });

    it('overwrites, deletes one key, and deletes a server by prefix', async () => {
      await vault.set(secretKey, `${secret}-rotated`);
      await vault.set(tokenKey, 'access-token-value');
      await vault.set(otherKey, 'other-secret');
      expect(await vault.get(secretKey)).toBe(`${secret}-rotated`);

      await vault.delete(tokenKey);
      expect(await rawGet(tokenKey)).toBeNull();

      await vault.set(tokenKey, 'access-token-value');
      await vault.deleteByPrefix(`${prefix}server/srv-1/`);
      expect(await rawGet(secretKey)).toBeNull();
      expect(await rawGet(tokenKey)).toBeNull();
      expect(await rawGet(otherKey)).toBe('other-secret');
    });

    it('leaves no probe entries in the keychain', async () => {
      const accounts = (await findCredentialsAsync(VAULT_SERVICE)).map((c) => c.account);
      expect(accounts.filter((account) => account.startsWith('cds-companion.probe.'))).toEqual([]);
    });
  });
}
