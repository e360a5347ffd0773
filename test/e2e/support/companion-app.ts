import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import pkg from '../../../package.json' with { type: 'json' };
import { type Companion, createCompanion } from '../../../src/main/companion/companion';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import { type E2eApp, type OpenAppOptions, openApp } from './e2e-app';

export interface CompanionE2eApp extends E2eApp {
  readonly companion: Companion;
}

/**
 * The built renderer over the real Companion service (its own fresh data directory, an in-memory
 * vault), so views are driven end to end: the demo utility (`servers.addDemo`) runs the sandbox CDS
 * Server in-process on loopback, and every call goes over real HTTP to it.
 */
export async function openCompanionApp(
  browser: Browser,
  options: Omit<OpenAppOptions, 'wrapService'> = {},
): Promise<CompanionE2eApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cds-e2e-companion-'));
  const companion = await createCompanion({ dataDir, version: pkg.version, vault: createMemoryVault() });
  let app: E2eApp;
  try {
    app = await openApp(browser, { ...options, wrapService: () => companion.api });
  } catch (error) {
    await companion.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...app,
    companion,
    close: async () => {
      await app.close();
      await companion.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
