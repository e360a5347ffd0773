import { defaultDataDir } from './data-dir';

/**
 * The Companion on the app's data directory (or --data-dir), with the app's vault choice.
 *
 * A CLI process lives for one command, so its start-up is most of its run time. With the file vault
 * the scrypt derivation (docs/decisions/0001-file-vault-kdf.md) is started first, on libuv's thread
 * pool, and runs while the main thread loads the Companion's modules; the vault then picks the
 * result up (file-vault-prefetch.ts). Only small modules are imported statically here.
 */
export async function openCliCompanion(options: {
  readonly dataDir?: string;
  readonly caFile?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version: string;
}) {
  const dataDir = options.dataDir ?? defaultDataDir(process.platform, options.env);
  const passphrase = options.env.CDS_COMPANION_PASSPHRASE;
  // The variables of open-vault.ts (VAULT_ENV, PASSPHRASE_ENV), not imported: that module loads zod.
  if (options.env.CDS_COMPANION_VAULT?.trim().toLowerCase() === 'file' && passphrase) {
    const { prefetchFileVaultKey } = await import('../main/vault/file-vault-prefetch');
    prefetchFileVaultKey(dataDir, passphrase);
  }
  const { createCompanion } = await import('../main/companion/companion');
  return createCompanion({
    dataDir,
    version: options.version,
    env: options.env,
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
  });
}
