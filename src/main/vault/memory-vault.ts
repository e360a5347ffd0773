import { assertVaultKey, assertVaultPrefix, assertVaultValue, type Vault } from './vault';

export const MEMORY_VAULT_WARNING =
  'Secrets are kept in memory only: no OS keychain was found (Secret Service, macOS Keychain or ' +
  'Windows Credential Manager). Client secrets and tokens are lost when CDS Companion exits. To keep ' +
  'them on a host without a keychain, set CDS_COMPANION_VAULT=file and CDS_COMPANION_PASSPHRASE to use ' +
  'the passphrase-encrypted file vault.';

export const MEMORY_VAULT_LOCKED_WARNING =
  'Secrets are kept in memory only: the OS keychain is locked or refused access. Client secrets and ' +
  'tokens are lost when CDS Companion exits. Unlock the keychain and restart CDS Companion, or set ' +
  'CDS_COMPANION_VAULT=file and CDS_COMPANION_PASSPHRASE to use the passphrase-encrypted file vault.';

export const MEMORY_VAULT_CHOSEN_WARNING =
  'Secrets are kept in memory only (CDS_COMPANION_VAULT=memory): client secrets and tokens are lost ' +
  'when CDS Companion exits.';

/**
 * The fallback when there is no keychain and no opt-in to the file vault: secrets never touch the
 * disk, and `warning` says so (SECURITY.md "secrets stay in memory with a visible warning").
 */
export function createMemoryVault(warning: string = MEMORY_VAULT_WARNING): Vault {
  const entries = new Map<string, string>();
  return {
    backend: 'memory',
    persistent: false,
    warning,
    async get(key) {
      assertVaultKey(key);
      return entries.get(key) ?? null;
    },
    async set(key, value) {
      assertVaultKey(key);
      assertVaultValue(key, value);
      entries.set(key, value);
    },
    async delete(key) {
      assertVaultKey(key);
      entries.delete(key);
    },
    async deleteByPrefix(prefix) {
      assertVaultPrefix(prefix);
      for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}
