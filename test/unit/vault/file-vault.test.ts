import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_VAULT_NAME, openFileVault } from '../../../src/main/vault/file-vault';
import type { FileVaultEnvelope, ScryptParams } from '../../../src/main/vault/file-vault-crypto';
import { VaultError } from '../../../src/main/vault/vault';
import { filesContainingSecret } from './scan-for-secret';
import { rejection } from './vault-rejection';

// The smallest parameters the format accepts, to keep the suite fast; one test checks the defaults.
const FAST: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'client-secret-7f3a9c1e5b2d4f60';
const KEY = 'server/srv-1/client/cl-1/secret';

let root: string;
let dataDir: string;
let file: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cds-file-vault-'));
  dataDir = path.join(root, 'data');
  file = path.join(dataDir, FILE_VAULT_NAME);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const open = (passphrase = PASSPHRASE) => openFileVault({ dataDir, passphrase, scrypt: FAST });

async function envelope(): Promise<FileVaultEnvelope> {
  return JSON.parse(await readFile(file, 'utf8'));
}

async function expectVaultError(promise: Promise<unknown>, code: string): Promise<VaultError> {
  const error = await rejection(promise);
  expect(error.code).toBe(code);
  // Whatever went wrong, neither the passphrase nor a secret is in the message.
  expect(error.message).not.toContain(PASSPHRASE);
  expect(error.message).not.toContain(SECRET);
  return error;
}

describe('file vault', () => {
  it('round-trips secrets across reopen and deletes by key and by prefix', async () => {
    const vault = await open();
    expect(vault.backend).toBe('file');
    expect(vault.persistent).toBe(true);
    expect(vault.warning).toBeNull();
    await vault.set(KEY, SECRET);
    await vault.set('server/srv-1/client/cl-1/access-token', 'tok-1');
    await vault.set('server/srv-2/client/cl-9/secret', 'other');
    await vault.set('__proto__', 'plain data');
    expect(await vault.get(KEY)).toBe(SECRET);

    const reopened = await open();
    expect(await reopened.get(KEY)).toBe(SECRET);
    expect(await reopened.get('__proto__')).toBe('plain data');
    await reopened.deleteByPrefix('server/srv-1/');
    expect(await reopened.get(KEY)).toBeNull();
    expect(await reopened.get('server/srv-1/client/cl-1/access-token')).toBeNull();
    expect(await reopened.get('server/srv-2/client/cl-9/secret')).toBe('other');
    await reopened.delete('server/srv-2/client/cl-9/secret');
    expect(await (await open()).get('server/srv-2/client/cl-9/secret')).toBeNull();
  });

  it('keeps the file and its directory private to the user', async () => {
    if (process.platform === 'win32') return;
    const vault = await open();
    await vault.set(KEY, SECRET);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('tightens a copied file with loose permissions at open', async () => {
    if (process.platform === 'win32') return;
    await (await open()).set(KEY, SECRET);
    await chmod(file, 0o644);
    await open();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('never writes a secret or the passphrase in the clear', async () => {
    const vault = await open();
    await vault.set(KEY, SECRET);
    expect(await filesContainingSecret(root, SECRET)).toEqual([]);
    expect(await filesContainingSecret(root, PASSPHRASE)).toEqual([]);
    // The key names are inside the ciphertext too.
    expect(await filesContainingSecret(root, KEY)).toEqual([]);
    expect(await readdir(dataDir)).toEqual([FILE_VAULT_NAME]);
  });

  it('records scrypt parameters and a per-file salt, and a fresh IV on every write', async () => {
    const a = await open();
    await a.set(KEY, SECRET);
    const first = await envelope();
    await a.set(KEY, `${SECRET}-2`);
    const second = await envelope();
    expect(first.kdf).toMatchObject({ name: 'scrypt', N: FAST.N, r: 8, p: 1 });
    expect(Buffer.from(first.kdf.salt, 'base64')).toHaveLength(16);
    expect(second.kdf.salt).toBe(first.kdf.salt);
    expect(second.cipher.iv).not.toBe(first.cipher.iv);
    expect(first.cipher.name).toBe('aes-256-gcm');

    await rm(dataDir, { recursive: true });
    await open();
    expect((await envelope()).kdf.salt).not.toBe(first.kdf.salt);
  });

  it('uses N=2^17, r=8, p=1 by default', async () => {
    await openFileVault({ dataDir, passphrase: PASSPHRASE });
    expect((await envelope()).kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('refuses a wrong passphrase with wrong_passphrase and leaves the file untouched', async () => {
    await (await open()).set(KEY, SECRET);
    const before = await readFile(file);
    const error = await expectVaultError(open('wrong passphrase'), 'wrong_passphrase');
    expect(error.message).toContain(file);
    expect(await readFile(file)).toEqual(before);
  });

  it('refuses an empty passphrase', async () => {
    await expectVaultError(open(''), 'misconfigured');
  });

  const tamperings: [string, (e: FileVaultEnvelope) => void, string][] = [
    [
      'a flipped ciphertext byte',
      (e) => {
        const bytes = Buffer.from(e.ciphertext, 'base64');
        bytes[0] = (bytes[0] ?? 0) ^ 1;
        e.ciphertext = bytes.toString('base64');
      },
      'corrupt',
    ],
    [
      'a truncated tag',
      (e) => {
        e.cipher.tag = Buffer.from(e.cipher.tag, 'base64').subarray(0, 12).toString('base64');
      },
      'corrupt',
    ],
    [
      'a different IV',
      (e) => {
        e.cipher.iv = Buffer.alloc(12, 7).toString('base64');
      },
      'corrupt',
    ],
    [
      'a changed salt',
      (e) => {
        e.kdf.salt = Buffer.alloc(16, 1).toString('base64');
      },
      'wrong_passphrase',
    ],
    [
      'a changed check',
      (e) => {
        e.check = Buffer.alloc(32, 2).toString('base64');
      },
      'wrong_passphrase',
    ],
    [
      'an N beyond the memory bound',
      (e) => {
        e.kdf.N = 2 ** 24;
      },
      'corrupt',
    ],
    [
      'an unknown cipher',
      (e) => {
        (e.cipher as { name: string }).name = 'aes-128-cbc';
      },
      'corrupt',
    ],
  ];

  it.each(tamperings)('detects %s and never overwrites the file', async (_, tamper, code) => {
    await (await open()).set(KEY, SECRET);
    const e = await envelope();
    tamper(e);
    const tampered = JSON.stringify(e);
    await writeFile(file, tampered);
    await expectVaultError(open(), code);
    expect(await readFile(file, 'utf8')).toBe(tampered);
  });

  it('reports a file that is not JSON as corrupt and leaves it in place', async () => {
    await (await open()).set(KEY, SECRET);
    await writeFile(file, 'garbage');
    await expectVaultError(open(), 'corrupt');
    expect(await readFile(file, 'utf8')).toBe('garbage');
  });

  it('fails loudly on later operations when the file is tampered with after open', async () => {
    const vault = await open();
    await vault.set(KEY, SECRET);
    const e = await envelope();
    const bytes = Buffer.from(e.ciphertext, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x80;
    e.ciphertext = bytes.toString('base64');
    const tampered = JSON.stringify(e);
    await writeFile(file, tampered);
    await expectVaultError(vault.get(KEY), 'corrupt');
    await expectVaultError(vault.set('other', SECRET), 'corrupt');
    expect(await readFile(file, 'utf8')).toBe(tampered);
  });

  it('keeps changes made by another process (another instance on the same file)', async () => {
    const app = await open();
    const cli = await open();
    await app.set('a', '1');
    await cli.set('b', '2');
    await app.set('c', '3');
    expect(await cli.get('a')).toBe('1');
    expect(await app.get('b')).toBe('2');
    expect(await (await open()).get('c')).toBe('3');
  });

  it('serialises concurrent writes without losing any', async () => {
    const vault = await open();
    await Promise.all(Array.from({ length: 15 }, (_, i) => vault.set(`k/${i}`, `v${i}`)));
    const reopened = await open();
    for (let i = 0; i < 15; i += 1) expect(await reopened.get(`k/${i}`)).toBe(`v${i}`);
  });

  it('reports a file system failure as a VaultError without the secret', async () => {
    const vault = await open();
    await vault.set(KEY, 'old');
    const saved = await readFile(file);
    // Make the directory unusable for new files: replace it by a file holding the old vault.
    await rm(dataDir, { recursive: true });
    await writeFile(dataDir, saved);
    const error = await vault.set(KEY, SECRET).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect(['read_failed', 'write_failed']).toContain((error as VaultError).code);
    expect((error as VaultError).message).not.toContain(SECRET);
    await rm(dataDir, { force: true });
  });

  it('rejects invalid keys and an empty prefix', async () => {
    const vault = await open();
    await expectVaultError(vault.set('', SECRET), 'invalid_key');
    await expectVaultError(vault.set('bad\nkey', SECRET), 'invalid_key');
    await expectVaultError(vault.deleteByPrefix(''), 'invalid_key');
  });
});
