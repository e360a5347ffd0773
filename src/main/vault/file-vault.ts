import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { removeStaleTempFiles, writeFileAtomic } from '../store/atomic-write';
import { createSerialQueue } from '../store/serial-queue';
import {
  createVaultKey,
  DEFAULT_SCRYPT_PARAMS,
  deriveVaultKey,
  type FileVaultEnvelope,
  keyMatches,
  openSealedVault,
  parseVaultFile,
  type ScryptParams,
  sealVault,
  type VaultKey,
} from './file-vault-crypto';
import { FILE_VAULT_NAME } from './file-vault-prefetch';
import { assertVaultKey, assertVaultPrefix, assertVaultValue, type Vault, VaultError } from './vault';

export { FILE_VAULT_NAME } from './file-vault-prefetch';

export interface FileVaultOptions {
  readonly dataDir: string;
  readonly passphrase: string;
  /** Parameters for a new vault file; an existing file keeps the ones recorded in it. */
  readonly scrypt?: ScryptParams;
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

async function readEnvelope(file: string): Promise<FileVaultEnvelope | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw new VaultError('read_failed', `Could not read the vault file ${file} (${errnoCode(error)}).`);
  }
  return parseVaultFile(text, file);
}

async function writeSealed(file: string, entries: ReadonlyMap<string, string>, key: VaultKey): Promise<void> {
  try {
    await writeFileAtomic(file, sealVault(entries, key), { mode: 0o600 });
  } catch (error) {
    throw new VaultError(
      'write_failed',
      `Could not write the vault file ${file} (${errnoCode(error)}); the previous version is kept.`,
    );
  }
}

/**
 * The opt-in vault for hosts without a keychain (CDS_COMPANION_VAULT=file): one file in the data
 * directory, readable only by the user, holding every secret encrypted under the passphrase
 * (file-vault-crypto.ts). Each change re-reads the file, so a change by another CDS Companion
 * process (the CLI next to the app) is kept, and rewrites it atomically. A file that a passphrase
 * cannot open is never overwritten.
 */
export async function openFileVault(options: FileVaultOptions): Promise<Vault> {
  const { passphrase } = options;
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new VaultError('misconfigured', 'The file vault needs a non-empty passphrase.');
  }
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dataDir, FILE_VAULT_NAME);
  await removeStaleTempFiles(file);

  let key: VaultKey;
  const existing = await readEnvelope(file);
  if (existing) {
    key = await deriveVaultKey(passphrase, existing.kdf);
    // Fails with wrong_passphrase or corrupt before anything can be written.
    openSealedVault(existing, key, file);
    if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) {
      // Someone copied the file with looser permissions: secrets are the user's alone.
      await chmod(file, 0o600);
    }
  } else {
    key = await createVaultKey(passphrase, options.scrypt ?? DEFAULT_SCRYPT_PARAMS);
    await writeSealed(file, new Map(), key);
  }

  const queue = createSerialQueue();
  const load = async (): Promise<Map<string, string>> => {
    const envelope = await readEnvelope(file);
    if (!envelope) return new Map();
    if (!keyMatches(key, envelope)) key = await deriveVaultKey(passphrase, envelope.kdf);
    return openSealedVault(envelope, key, file);
  };
  const change = (apply: (entries: Map<string, string>) => boolean): Promise<void> =>
    queue.run(async () => {
      const entries = await load();
      if (apply(entries)) await writeSealed(file, entries, key);
    });

  return {
    backend: 'file',
    persistent: true,
    warning: null,
    async get(key) {
      assertVaultKey(key);
      return queue.run(async () => (await load()).get(key) ?? null);
    },
    async set(key, value) {
      assertVaultKey(key);
      assertVaultValue(key, value);
      return change((entries) => {
        if (entries.get(key) === value) return false;
        entries.set(key, value);
        return true;
      });
    },
    async delete(key) {
      assertVaultKey(key);
      return change((entries) => entries.delete(key));
    },
    async deleteByPrefix(prefix) {
      assertVaultPrefix(prefix);
      return change((entries) => {
        let changed = false;
        for (const key of [...entries.keys()]) {
          if (key.startsWith(prefix)) changed = entries.delete(key) || changed;
        }
        return changed;
      });
    },
  };
}
