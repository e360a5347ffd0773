/** A Companion in this (warm) process, on a temporary data directory, for the benchmarks. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Companion, createCompanion } from '../src/main/companion/companion';
import { createMemoryVault } from '../src/main/vault/memory-vault';

/** The sandbox's scopes whose registration requirements are plain text (as seed-flow.sh picks). */
export const PLAIN_SCOPES = ['cds_grant_admin_1', 'cds_server_provided_files_1', 'cds_accounts_1'];
export const PLAIN_VALUES = { company_name: 'Example Energy Audit Services' };

export interface BenchCompanion {
  readonly companion: Companion;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** A Companion with an in-memory vault (the bench process is its only user). */
export async function openBenchCompanion(): Promise<BenchCompanion> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cds-bench-'));
  const companion = await createCompanion({
    dataDir,
    version: '0.0.0-bench',
    vault: createMemoryVault('benchmark vault'),
  });
  return {
    companion,
    dataDir,
    close: async () => {
      await companion.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
