import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_VAULT_NAME } from '../../../src/main/vault/file-vault';
import {
  createMemoryVault,
  MEMORY_VAULT_CHOSEN_WARNING,
  MEMORY_VAULT_WARNING,
} from '../../../src/main/vault/memory-vault';
import { openVault } from '../../../src/main/vault/open-vault';
import type { KeychainFactory } from '../../../src/main/vault/os-keychain';
import { FakeKeychain } from './fake-keychain';
import { filesContainingSecret } from './scan-for-secret';
import { rejection } from './vault-rejection';

const SECRET = 'access-token-5e6f7a8b9c0d';
const FAST = { N: 2 ** 14, r: 8, p: 1 };

let root: string;
let dataDir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cds-open-vault-'));
  dataDir = path.join(root, 'data');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A keychain like Linux without a Secret Service: every call fails the way @napi-rs/keyring does. */
const noSecretService: KeychainFactory = async () => {
  const fail = async (): Promise<never> => {
    throw new Error(
      'Platform failure: DBus error: Failed to connect to socket /nonexistent: No such file or directory',
    );
  };
  return { entry: () => ({ getPassword: fail, setPassword: fail, deleteCredential: fail }) };
};
const moduleMissing: KeychainFactory = async () => {
  throw new Error("Cannot find module '@napi-rs/keyring-linux-x64-gnu'");
};
const working =
  (keychain = new FakeKeychain()): KeychainFactory =>
  async () =>
    keychain;

describe('memory vault', () => {
  it('keeps secrets for the session only and says so', async () => {
    const vault = createMemoryVault();
    expect(vault).toMatchObject({ backend: 'memory', persistent: false, warning: MEMORY_VAULT_WARNING });
    expect(vault.warning).toMatch(/^Secrets are kept in memory only: no OS keychain was found/);
    expect(vault.warning).toContain('CDS_COMPANION_VAULT=file');
    await vault.set('server/a/x', '1');
    await vault.set('server/a/y', '2');
    await vault.set('server/b/x', '3');
    await vault.deleteByPrefix('server/a/');
    expect(await vault.get('server/a/x')).toBeNull();
    expect(await vault.get('server/b/x')).toBe('3');
    await vault.delete('server/b/x');
    expect(await vault.get('server/b/x')).toBeNull();
    await expect(createMemoryVault().get('server/b/x')).resolves.toBeNull();
  });
});

describe('openVault', () => {
  it('uses the keychain when its probe works', async () => {
    const keychain = new FakeKeychain();
    const vault = await openVault({ dataDir, env: {}, keychain: working(keychain) });
    expect(vault).toMatchObject({ backend: 'keychain', persistent: true, warning: null });
    await vault.set('server/s/client/c/secret', SECRET);
    expect(await filesContainingSecret(root, SECRET)).toEqual([]);
  });

  it.each([
    ['no Secret Service', noSecretService],
    ['no keychain module', moduleMissing],
  ])(
    'falls back to memory with a warning when there is %s, and writes no secret to disk',
    async (_, keychain) => {
      const vault = await openVault({ dataDir, env: {}, keychain });
      expect(vault.backend).toBe('memory');
      expect(vault.persistent).toBe(false);
      expect(vault.warning).toContain(MEMORY_VAULT_WARNING);
      // The reason follows the warning, so the user knows what to fix.
      expect(vault.warning).toMatch(
        /\((No OS keychain is available \(start-up check\)|The OS keychain module could not be loaded): /,
      );
      await vault.set('server/s/client/c/secret', SECRET);
      expect(await vault.get('server/s/client/c/secret')).toBe(SECRET);
      expect(await filesContainingSecret(root, SECRET)).toEqual([]);
      // Never silently to disk: no vault file, no index, nothing at all.
      expect(await readdir(root)).toEqual([]);
    },
  );

  it('falls back to memory when the keychain is locked', async () => {
    const keychain = new FakeKeychain();
    keychain.faults.set = () => new Error("Couldn't access platform storage: unlock prompt was dismissed");
    const vault = await openVault({ dataDir, env: {}, keychain: working(keychain) });
    expect(vault.backend).toBe('memory');
    expect(vault.warning).toMatch(/^Secrets are kept in memory only: the OS keychain is locked/);
    expect(vault.warning).toMatch(/unlock prompt was dismissed/);
  });

  it('fails loudly when the keychain is required but missing', async () => {
    const error = await rejection(
      openVault({ dataDir, env: { CDS_COMPANION_VAULT: 'keychain' }, keychain: noSecretService }),
    );
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/No OS keychain is available/);
    expect(
      (
        await rejection(
          openVault({ dataDir, env: { CDS_COMPANION_VAULT: 'keychain' }, keychain: moduleMissing }),
        )
      ).code,
    ).toBe('unavailable');
  });

  it('opens the file vault on opt-in with a passphrase', async () => {
    const keychain = new FakeKeychain();
    const vault = await openVault({
      dataDir,
      env: { CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: 'pass phrase' },
      keychain: working(keychain),
      scrypt: FAST,
    });
    expect(vault).toMatchObject({ backend: 'file', persistent: true, warning: null });
    await vault.set('k', SECRET);
    expect(keychain.entries.size).toBe(0);
    expect(await readdir(dataDir)).toEqual([FILE_VAULT_NAME]);
    expect(await filesContainingSecret(root, SECRET)).toEqual([]);
  });

  it('refuses the file vault without a passphrase, before touching the disk', async () => {
    for (const env of [
      { CDS_COMPANION_VAULT: 'file' },
      { CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: '' },
    ]) {
      const error = await rejection(openVault({ dataDir, env, keychain: working() }));
      expect(error.code).toBe('misconfigured');
      expect(error.message).toMatch(/CDS_COMPANION_PASSPHRASE/);
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('uses memory when asked, even with a keychain present', async () => {
    const vault = await openVault({ dataDir, env: { CDS_COMPANION_VAULT: 'memory' }, keychain: working() });
    expect(vault).toMatchObject({
      backend: 'memory',
      persistent: false,
      warning: MEMORY_VAULT_CHOSEN_WARNING,
    });
  });

  it('refuses an unknown CDS_COMPANION_VAULT value', async () => {
    const error = await rejection(
      openVault({ dataDir, env: { CDS_COMPANION_VAULT: 'plaintext' }, keychain: working() }),
    );
    expect(error.code).toBe('misconfigured');
    expect(error.message).toContain('plaintext');
  });

  it('never puts the passphrase in an error', async () => {
    await openVault({
      dataDir,
      env: { CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: 'first-passphrase' },
      scrypt: FAST,
    });
    const error = await rejection(
      openVault({
        dataDir,
        env: { CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: 'second-passphrase' },
      }),
    );
    expect(error.code).toBe('wrong_passphrase');
    expect(error.message).not.toMatch(/first-passphrase|second-passphrase/);
  });
});
