import { openFileVault } from './file-vault';
import type { ScryptParams } from './file-vault-crypto';
import { openKeychainVault } from './keychain-vault';
import {
  createMemoryVault,
  MEMORY_VAULT_CHOSEN_WARNING,
  MEMORY_VAULT_LOCKED_WARNING,
  MEMORY_VAULT_WARNING,
} from './memory-vault';
import { type KeychainFactory, openOsKeychain } from './os-keychain';
import { type Vault, VaultError } from './vault';

export const VAULT_ENV = 'CDS_COMPANION_VAULT';
export const PASSPHRASE_ENV = 'CDS_COMPANION_PASSPHRASE';

export interface OpenVaultOptions {
  readonly dataDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The OS keychain by default; tests inject a fake or a failing one. */
  readonly keychain?: KeychainFactory;
  /** Keychain service name; `cds-companion` by default. */
  readonly service?: string;
  /** scrypt parameters for a new file vault (tests lower them). */
  readonly scrypt?: ScryptParams;
  readonly probeTimeoutMs?: number;
}

type VaultChoice = 'auto' | 'keychain' | 'file' | 'memory';

function vaultChoice(env: Readonly<Record<string, string | undefined>>): VaultChoice {
  const raw = env[VAULT_ENV]?.trim().toLowerCase() ?? '';
  if (raw === '' || raw === 'auto') return 'auto';
  if (raw === 'keychain' || raw === 'file' || raw === 'memory') return raw;
  throw new VaultError(
    'misconfigured',
    `${VAULT_ENV} must be one of keychain, file or memory (or unset to use the OS keychain when there is one); got "${env[VAULT_ENV]}".`,
  );
}

async function openKeychain(options: OpenVaultOptions): Promise<Vault> {
  let keychain: Awaited<ReturnType<KeychainFactory>>;
  try {
    keychain = await (options.keychain ?? openOsKeychain)();
  } catch (error) {
    throw new VaultError(
      'unavailable',
      `The OS keychain module could not be loaded: ${(error as Error).message}`,
    );
  }
  return openKeychainVault({
    dataDir: options.dataDir,
    keychain,
    ...(options.service === undefined ? {} : { service: options.service }),
    ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
  });
}

/**
 * Chooses where secrets live (SECURITY.md "the vault is the OS keychain; on a machine without one,
 * secrets stay in memory with a visible warning unless the user opts into the passphrase-encrypted
 * file vault"):
 * - CDS_COMPANION_VAULT=file: the file vault, which needs CDS_COMPANION_PASSPHRASE;
 * - CDS_COMPANION_VAULT=memory: memory only, with a warning;
 * - CDS_COMPANION_VAULT=keychain: the OS keychain, or a VaultError;
 * - unset: the OS keychain when its probe works, else memory with a warning, never silently a file.
 */
export async function openVault(options: OpenVaultOptions): Promise<Vault> {
  const env = options.env ?? process.env;
  const choice = vaultChoice(env);
  switch (choice) {
    case 'file': {
      const passphrase = env[PASSPHRASE_ENV];
      if (!passphrase) {
        throw new VaultError(
          'misconfigured',
          `${VAULT_ENV}=file needs the vault passphrase in ${PASSPHRASE_ENV}; it is unset or empty.`,
        );
      }
      return openFileVault({
        dataDir: options.dataDir,
        passphrase,
        ...(options.scrypt === undefined ? {} : { scrypt: options.scrypt }),
      });
    }
    case 'memory':
      return createMemoryVault(MEMORY_VAULT_CHOSEN_WARNING);
    case 'keychain':
      return openKeychain(options);
    case 'auto':
      try {
        return await openKeychain(options);
      } catch (error) {
        if (error instanceof VaultError && (error.code === 'unavailable' || error.code === 'locked')) {
          const warning = error.code === 'locked' ? MEMORY_VAULT_LOCKED_WARNING : MEMORY_VAULT_WARNING;
          return createMemoryVault(`${warning} (${error.message})`);
        }
        throw error;
      }
  }
}
