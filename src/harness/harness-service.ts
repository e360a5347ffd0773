import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { type Companion, createCompanion } from '../main/companion/companion';
import type { ServiceApi } from '../main/service-api';
import { createMemoryVault } from '../main/vault/memory-vault';
import { openVault, VAULT_ENV } from '../main/vault/open-vault';
import type { Vault } from '../main/vault/vault';

// The web harness's service: the real Companion on a data directory, with the native capabilities
// stood in for (dev/test only). The system browser becomes a list of opened URLs that e2e tests
// read (they drive a Server's authorization pages with an HTTP client); the folder picker answers
// with a fresh temporary folder; "Show in folder" is recorded.

export interface HarnessCompanionOptions {
  readonly dataDir: string;
  /** CDS_COMPANION_VAULT chooses the vault; unset, secrets stay in memory (the harness is dev/test). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A vault already opened (tests). */
  readonly vault?: Vault;
}

export interface HarnessCompanion {
  readonly companion: Companion;
  readonly service: ServiceApi;
  readonly vault: Vault;
  /** Every URL the service asked the system browser to open, oldest first. */
  readonly openedUrls: readonly string[];
  /** Every file the service asked to show in its folder. */
  readonly shownPaths: readonly string[];
  /** The default download folder (a temporary folder of this run). */
  readonly downloadFolder: string;
  close(): Promise<void>;
}

export async function openHarnessCompanion(options: HarnessCompanionOptions): Promise<HarnessCompanion> {
  const env = options.env ?? {};
  const vault =
    options.vault ??
    (env[VAULT_ENV] ? await openVault({ dataDir: options.dataDir, env }) : createMemoryVault());
  const downloadFolder = await mkdtemp(join(tmpdir(), 'cds-companion-web-downloads-'));
  const openedUrls: string[] = [];
  const shownPaths: string[] = [];
  let picks = 0;
  const companion = await createCompanion({
    dataDir: options.dataDir,
    version: pkg.version,
    env,
    vault,
    openExternal: async (url) => {
      openedUrls.push(url);
    },
    pickFolder: async () => {
      picks += 1;
      const folder = join(downloadFolder, `picked-${picks}`);
      await mkdir(folder, { recursive: true });
      return folder;
    },
    showItemInFolder: (filePath) => {
      shownPaths.push(filePath);
    },
    defaultDownloadFolder: downloadFolder,
  });
  for (const problem of companion.startProblems) console.error(`[harness] start problem: ${problem}`);
  return {
    companion,
    service: companion.api,
    vault,
    openedUrls,
    shownPaths,
    downloadFolder,
    close: async () => {
      await companion.close();
      await rm(downloadFolder, { recursive: true, force: true });
    },
  };
}
