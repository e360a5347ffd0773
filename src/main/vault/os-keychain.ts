/**
 * The thin seam between the vault and the OS keychain, so the keychain vault is tested with a real
 * keychain in integration and with a small fake in unit tests (STYLE.md 6).
 */
export interface KeychainEntry {
  getPassword(): Promise<string | null>;
  setPassword(value: string): Promise<void>;
  /** Resolves false when there was nothing to delete. */
  deleteCredential(): Promise<boolean>;
}

export interface Keychain {
  entry(service: string, account: string): KeychainEntry;
  /** Accounts stored under `service`, when the platform can list them. */
  accounts?(service: string): Promise<string[]>;
}

export type KeychainFactory = () => Promise<Keychain>;

/**
 * The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager, Linux Secret
 * Service. On Linux the entry is pinned to the Secret Service: left to itself the binding silently
 * falls back to the kernel keyutils keyring, which forgets everything at reboot, and a silent weak
 * fallback is exactly what the vault must not have (STYLE.md 7). The module is loaded lazily so a
 * missing native binary is reported as an unavailable keychain, not a crash at start.
 */
export const openOsKeychain: KeychainFactory = async () => {
  const keyring = await import('@napi-rs/keyring');
  const options = process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  return {
    entry: (service, account) => new keyring.AsyncEntry(service, account, options),
    accounts: async (service) =>
      (await keyring.findCredentialsAsync(service)).map((credential) => credential.account),
  };
};
