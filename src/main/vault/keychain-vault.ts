import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { openJsonStore } from '../store/json-store';
import { createSerialQueue } from '../store/serial-queue';
import type { Keychain } from './os-keychain';
import {
  assertVaultKey,
  assertVaultPrefix,
  assertVaultValue,
  VAULT_SERVICE,
  type Vault,
  VaultError,
  type VaultErrorCode,
} from './vault';

/** The non-secret list of keys this vault has written, so deleteByPrefix works on any keychain. */
export const KEYCHAIN_INDEX_FILE = 'keychain-index.json';
const keychainIndexSchema = z.object({ keys: z.array(z.string()) });
const KEYCHAIN_INDEX_VERSION = 1;
const PROBE_ACCOUNT_PREFIX = 'cds-companion.probe.';
const DEFAULT_PROBE_TIMEOUT_MS = 60_000;

export interface KeychainVaultOptions {
  readonly dataDir: string;
  readonly keychain: Keychain;
  readonly service?: string;
  /** How long the open-time probe may wait (an unlock prompt on a desktop) before giving up. */
  readonly probeTimeoutMs?: number;
}

type Operation = 'probe' | 'read' | 'write' | 'delete';

/**
 * The platform's reason, made safe for a message: keyring errors carry no secret, but one is
 * removed anyway should a backend ever echo the value it was given.
 */
function platformReason(error: unknown, secrets: readonly string[]): string {
  let reason = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) if (secret.length > 0) reason = reason.split(secret).join('[redacted]');
  return reason.length > 300 ? `${reason.slice(0, 300)}...` : reason;
}

function classify(reason: string, operation: Operation): VaultErrorCode {
  // keyring-rs error kinds as @napi-rs/keyring renders them: PlatformFailure ("Platform failure:
  // DBus error ..."): no keychain service; NoStorageAccess ("Couldn't access platform storage"):
  // locked or access denied.
  if (
    /platform failure|no such file|not provided by any \.service|dbus-daemon autolaunch|ServiceUnknown/i.test(
      reason,
    )
  ) {
    return 'unavailable';
  }
  if (/couldn't access platform storage|locked|dismissed|access ?denied|not allowed/i.test(reason))
    return 'locked';
  if (operation === 'probe') return 'unavailable';
  return operation === 'read' ? 'read_failed' : 'write_failed';
}

function keychainError(
  error: unknown,
  operation: Operation,
  subject: string,
  secrets: readonly string[] = [],
): VaultError {
  if (error instanceof VaultError) return error;
  const reason = platformReason(error, secrets);
  const code = classify(reason, operation);
  const what =
    code === 'unavailable'
      ? 'No OS keychain is available'
      : code === 'locked'
        ? 'The OS keychain is locked or refused access'
        : `The OS keychain failed to ${operation}`;
  return new VaultError(code, `${what} (${subject}): ${reason}`);
}

async function withTimeout<R>(promise: Promise<R>, ms: number, what: string): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new VaultError('unavailable', `${what} did not answer within ${ms} ms.`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Writes, reads back and deletes a throwaway entry: the only reliable way to know the keychain
 * works (a Secret Service can be present but locked, a keychain module present but without a
 * backend).
 */
async function probeKeychain(keychain: Keychain, service: string, timeoutMs: number): Promise<void> {
  const account = `${PROBE_ACCOUNT_PREFIX}${randomBytes(8).toString('hex')}`;
  const value = randomBytes(16).toString('hex');
  const run = async (): Promise<void> => {
    const entry = keychain.entry(service, account);
    try {
      await entry.setPassword(value);
      const readBack = await entry.getPassword();
      if (readBack !== value) {
        throw new VaultError('unavailable', 'The OS keychain did not return what was written to it.');
      }
    } finally {
      // Never leave the probe behind, whatever failed after the write.
      await entry.deleteCredential().catch(() => false);
    }
  };
  try {
    await withTimeout(run(), timeoutMs, 'The OS keychain');
  } catch (error) {
    throw keychainError(error, 'probe', 'start-up check', [value]);
  }
}

/**
 * Secrets in the OS keychain, one entry per key (service `cds-companion`, account = key). Keychains
 * cannot be listed everywhere, so the keys (never the values) are also kept in a small JSON index in
 * the data directory. The index is a superset of what is stored: a key is indexed before its value is
 * written and un-indexed after its value is deleted, so a crash in between leaves at worst an index
 * entry with nothing behind it.
 */
export async function openKeychainVault(options: KeychainVaultOptions): Promise<Vault> {
  const service = options.service ?? VAULT_SERVICE;
  const { keychain } = options;
  await probeKeychain(keychain, service, options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);

  const index = await openJsonStore({
    file: path.join(options.dataDir, KEYCHAIN_INDEX_FILE),
    schema: keychainIndexSchema,
    version: KEYCHAIN_INDEX_VERSION,
    migrations: {},
    defaults: { keys: [] },
  });
  // Serialises index updates with the keychain writes they bracket.
  const queue = createSerialQueue();

  const entryFor = (key: string, operation: Operation) => {
    try {
      return keychain.entry(service, key);
    } catch (error) {
      throw keychainError(error, operation, `key ${key}`);
    }
  };

  const deleteOne = async (key: string): Promise<void> => {
    try {
      await entryFor(key, 'delete').deleteCredential();
    } catch (error) {
      throw keychainError(error, 'delete', `key ${key}`);
    }
  };

  const updateIndex = async (mutate: (keys: string[]) => string[]): Promise<void> => {
    try {
      await index.update((draft) => {
        draft.keys = mutate(draft.keys);
      });
    } catch (error) {
      throw new VaultError(
        'write_failed',
        `Could not update the keychain index: ${(error as Error).message}`,
      );
    }
  };
  const unindex = (keys: readonly string[]) => {
    const gone = new Set(keys);
    return updateIndex((current) => current.filter((key) => !gone.has(key)));
  };

  return {
    backend: 'keychain',
    persistent: true,
    warning: null,
    async get(key) {
      assertVaultKey(key);
      try {
        return await entryFor(key, 'read').getPassword();
      } catch (error) {
        throw keychainError(error, 'read', `key ${key}`);
      }
    },
    async set(key, value) {
      assertVaultKey(key);
      assertVaultValue(key, value);
      return queue.run(async () => {
        if (!index.read().keys.includes(key)) {
          await updateIndex((current) => [...current, key]);
        }
        try {
          await entryFor(key, 'write').setPassword(value);
        } catch (error) {
          throw keychainError(error, 'write', `key ${key}`, [value]);
        }
      });
    },
    async delete(key) {
      assertVaultKey(key);
      return queue.run(async () => {
        await deleteOne(key);
        await unindex([key]);
      });
    },
    async deleteByPrefix(prefix) {
      assertVaultPrefix(prefix);
      return queue.run(async () => {
        const keys = new Set(index.read().keys.filter((key) => key.startsWith(prefix)));
        // Where the platform can list its entries, entries the index lost (e.g. an index file kept
        // aside as corrupt) are found too.
        if (keychain.accounts) {
          let accounts: string[];
          try {
            accounts = await keychain.accounts(service);
          } catch (error) {
            throw keychainError(error, 'read', `entries starting with ${prefix}`);
          }
          for (const account of accounts) if (account.startsWith(prefix)) keys.add(account);
        }
        const deleted: string[] = [];
        const failures: VaultError[] = [];
        for (const key of keys) {
          try {
            await deleteOne(key);
            deleted.push(key);
          } catch (error) {
            failures.push(error as VaultError);
          }
        }
        await unindex(deleted);
        const first = failures[0];
        if (first) {
          throw new VaultError(
            first.code,
            `Could not delete ${failures.length} of ${keys.size} keychain entries starting with ${prefix}: ${first.message}`,
          );
        }
      });
    },
  };
}
