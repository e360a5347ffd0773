/**
 * Where secrets (client secrets, access and refresh tokens, private JWKs) live, behind one small
 * interface that fails loudly (STYLE.md 7, SECURITY.md "Secrets"). Keys are structured by the
 * engine, e.g. `server/<serverId>/client/<clientId>/secret`; keys are not secret, values are.
 */
export type VaultBackendName = 'keychain' | 'file' | 'memory';

export interface Vault {
  readonly backend: VaultBackendName;
  /** False when secrets are lost at exit (the in-memory fallback). */
  readonly persistent: boolean;
  /** A message the front ends must show while it is set (e.g. secrets kept in memory only). */
  readonly warning: string | null;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes every key starting with `prefix`, e.g. `server/<serverId>/` when a server is removed. */
  deleteByPrefix(prefix: string): Promise<void>;
}

/**
 * - `unavailable`: no usable backend (no Secret Service, keychain module missing).
 * - `locked`: the keychain exists but refused access (locked, prompt dismissed).
 * - `wrong_passphrase`: the file vault's passphrase does not open it.
 * - `corrupt`: the file vault is unreadable or failed authentication (damaged or tampered with).
 * - `read_failed` / `write_failed`: the backend failed one operation.
 * - `misconfigured`: CDS_COMPANION_VAULT / CDS_COMPANION_PASSPHRASE are set inconsistently.
 * - `invalid_key`: a key the vault will not store (empty, too long, control characters).
 */
export type VaultErrorCode =
  | 'unavailable'
  | 'locked'
  | 'wrong_passphrase'
  | 'corrupt'
  | 'read_failed'
  | 'write_failed'
  | 'misconfigured'
  | 'invalid_key';

/** Its message names the backend, the operation and the key, never a secret value or passphrase. */
export class VaultError extends Error {
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
  }
}

/** The keychain service name every entry is stored under. */
export const VAULT_SERVICE = 'cds-companion';

const MAX_KEY_LENGTH = 512;

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function assertVaultKey(key: string): void {
  // Keys end up as keychain account names and in error messages: keep them printable and bounded.
  if (
    typeof key !== 'string' ||
    key.length === 0 ||
    key.length > MAX_KEY_LENGTH ||
    hasControlCharacter(key)
  ) {
    throw new VaultError(
      'invalid_key',
      `Invalid vault key: keys must be 1 to ${MAX_KEY_LENGTH} printable characters.`,
    );
  }
}

export function assertVaultPrefix(prefix: string): void {
  // An empty prefix would wipe every secret: that must be spelled out key by key, never by accident.
  if (typeof prefix !== 'string' || prefix.length === 0) {
    throw new VaultError('invalid_key', 'deleteByPrefix needs a non-empty prefix.');
  }
}

export function assertVaultValue(key: string, value: string): void {
  if (typeof value !== 'string') {
    throw new VaultError('write_failed', `The value for vault key ${key} must be a string.`);
  }
}
