import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_VAULT_NAME, openFileVault } from '../../../src/main/vault/file-vault';
import {
  DEFAULT_SCRYPT_PARAMS,
  prefetchedNewVaultSalt,
  prefetchFileVaultKey,
  scryptMaterial,
  takePrefetchedMaterial,
} from '../../../src/main/vault/file-vault-prefetch';
import { VaultError } from '../../../src/main/vault/vault';

// The CLI starts the vault's scrypt before loading the Companion (docs/decisions/0001): the result
// is used only for the same passphrase, salt and parameters, once; a crafted header starts nothing.
// With no vault file yet it derives the key of the vault about to be created, under a fresh salt.

const LOW = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'prefetch test passphrase';
let dataDir: string;

const kdfOf = (dir: string) =>
  (JSON.parse(readFileSync(path.join(dir, FILE_VAULT_NAME), 'utf8')) as { kdf: Record<string, unknown> })
    .kdf as { salt: string; N: number; r: number; p: number };

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'cds-prefetch-'));
  const vault = await openFileVault({ dataDir, passphrase: PASSPHRASE, scrypt: LOW });
  await vault.set('server/a/client/b/secret', 'the-secret-value');
});

afterEach(() => {
  takePrefetchedMaterial('', { salt: '', N: 0, r: 0, p: 0 }); // forget anything left over
  rmSync(dataDir, { recursive: true, force: true });
});

describe('prefetchFileVaultKey', () => {
  it('derives the same material as the vault would, and hands it over once', async () => {
    const kdf = kdfOf(dataDir);
    prefetchFileVaultKey(dataDir, PASSPHRASE);
    const prefetched = takePrefetchedMaterial(PASSPHRASE, kdf);
    expect(prefetched).not.toBeNull();
    expect((await prefetched)?.equals(await scryptMaterial(PASSPHRASE, kdf))).toBe(true);
    expect(takePrefetchedMaterial(PASSPHRASE, kdf)).toBeNull();
  });

  it('is used by the vault open, which still reads every secret', async () => {
    prefetchFileVaultKey(dataDir, PASSPHRASE);
    const vault = await openFileVault({ dataDir, passphrase: PASSPHRASE });
    expect(await vault.get('server/a/client/b/secret')).toBe('the-secret-value');
    // Taken by the open: nothing is left behind.
    expect(takePrefetchedMaterial(PASSPHRASE, kdfOf(dataDir))).toBeNull();
  });

  it('is never handed over for another passphrase: a wrong one still fails as wrong', async () => {
    prefetchFileVaultKey(dataDir, PASSPHRASE);
    const error = await openFileVault({ dataDir, passphrase: 'not the passphrase' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('wrong_passphrase');
  });

  it('starts nothing for a header out of bounds, a non-vault file or an empty passphrase', () => {
    const file = path.join(dataDir, FILE_VAULT_NAME);
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as { kdf: { N: number } };
    envelope.kdf.N = 2 ** 30; // would need 128 GiB
    writeFileSync(file, JSON.stringify(envelope));
    prefetchFileVaultKey(dataDir, PASSPHRASE);
    expect(takePrefetchedMaterial(PASSPHRASE, { ...kdfOf(dataDir), N: 2 ** 30 })).toBeNull();
    writeFileSync(file, 'null');
    prefetchFileVaultKey(dataDir, PASSPHRASE);
    expect(prefetchedNewVaultSalt(PASSPHRASE, DEFAULT_SCRYPT_PARAMS)).toBeNull();
    rmSync(file);
    prefetchFileVaultKey(dataDir, '');
    expect(prefetchedNewVaultSalt('', DEFAULT_SCRYPT_PARAMS)).toBeNull();
    expect(takePrefetchedMaterial(PASSPHRASE, { salt: '', ...LOW })).toBeNull();
  });

  it('with no vault file yet, derives the new vault’s key under a fresh salt the vault then uses', async () => {
    rmSync(path.join(dataDir, FILE_VAULT_NAME));
    prefetchFileVaultKey(dataDir, PASSPHRASE);
    const salt = prefetchedNewVaultSalt(PASSPHRASE, DEFAULT_SCRYPT_PARAMS);
    expect(salt).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 16 random bytes
    // Only for the very same passphrase and parameters.
    expect(prefetchedNewVaultSalt('another passphrase', DEFAULT_SCRYPT_PARAMS)).toBeNull();
    expect(prefetchedNewVaultSalt(PASSPHRASE, LOW)).toBeNull();
    const vault = await openFileVault({ dataDir, passphrase: PASSPHRASE });
    await vault.set('server/a/client/b/secret', 'the-secret-value');
    expect(kdfOf(dataDir)).toMatchObject({ salt, ...DEFAULT_SCRYPT_PARAMS });
    // Taken once: the next vault created here gets a salt of its own.
    expect(prefetchedNewVaultSalt(PASSPHRASE, DEFAULT_SCRYPT_PARAMS)).toBeNull();
    const reopened = await openFileVault({ dataDir, passphrase: PASSPHRASE });
    expect(await reopened.get('server/a/client/b/secret')).toBe('the-secret-value');
  });

  it('a fresh prefetch is not used when a vault file appeared meanwhile', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'cds-prefetch-'));
    try {
      prefetchFileVaultKey(other, PASSPHRASE);
      const salt = prefetchedNewVaultSalt(PASSPHRASE, DEFAULT_SCRYPT_PARAMS);
      // Another process created the vault first (here: the same file copied in).
      writeFileSync(path.join(other, FILE_VAULT_NAME), readFileSync(path.join(dataDir, FILE_VAULT_NAME)));
      const vault = await openFileVault({ dataDir: other, passphrase: PASSPHRASE });
      expect(await vault.get('server/a/client/b/secret')).toBe('the-secret-value');
      expect(kdfOf(other).salt).not.toBe(salt);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
