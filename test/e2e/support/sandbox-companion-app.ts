import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import pkg from '../../../package.json' with { type: 'json' };
import { type Companion, createCompanion } from '../../../src/main/companion/companion';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import {
  CUSTOMER_DATA_SCOPE,
  FILES_SCOPE,
  GRANT_ADMIN_SCOPE,
  type RunningSandbox,
  startSandbox,
} from '../../../src/sandbox/index';
import { type E2eApp, openApp } from './e2e-app';

export interface RegisteredE2eApp extends E2eApp {
  readonly companion: Companion;
  /** The sandbox with its control surface (faults, Grants, files), on loopback. */
  readonly server: RunningSandbox;
  readonly serverId: string;
  readonly serverName: string;
  readonly adminClientId: string;
  /** The download folder of the settings: a fresh temporary folder. */
  readonly downloadDir: string;
  /** Paths "Show in folder" was asked to reveal. */
  readonly shownInFolder: readonly string[];
  /** The Client Object id of a scope, from the Companion's cache. */
  clientIdOf(scope: string): string;
}

/**
 * The built renderer over the real Companion, already registered (Grant Admin, files and customer
 * data scopes) with a sandbox CDS Server started here, so a test can reach its control surface:
 * inject faults, create Grants and files. Every call goes over real HTTP on 127.0.0.1. The HTTP client
 * makes one attempt per request, so an injected 500 is seen at once.
 */
export async function openRegisteredApp(
  browser: Browser,
  options: { readonly serverName?: string; readonly colorScheme?: 'light' | 'dark' } = {},
): Promise<RegisteredE2eApp> {
  const serverName = options.serverName ?? 'Sandbox Grid Utility';
  const server = await startSandbox({ port: 0 });
  const dataDir = await mkdtemp(join(tmpdir(), 'cds-e2e-registered-'));
  const downloadDir = await mkdtemp(join(tmpdir(), 'cds-e2e-downloads-'));
  const shownInFolder: string[] = [];
  const companion = await createCompanion({
    dataDir,
    version: pkg.version,
    vault: createMemoryVault(),
    defaultDownloadFolder: downloadDir,
    showItemInFolder: (path) => shownInFolder.push(path),
    http: { retry: { attempts: 1 } },
  });
  const cleanup = async () => {
    await companion.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(downloadDir, { recursive: true, force: true });
  };
  let app: E2eApp;
  let serverId: string;
  let adminClientId: string;
  try {
    const api = companion.api.handlers;
    const added = await api['servers.add']({ url: server.metadataUrl, name: serverName });
    serverId = added.id;
    const registered = await api['registration.submit'](serverId, {
      scopes: [GRANT_ADMIN_SCOPE, FILES_SCOPE, CUSTOMER_DATA_SCOPE],
      clientName: 'Riverside Energy Apps',
      values: { company_name: 'Riverside Energy Apps' },
    });
    adminClientId = registered.adminClientId;
    app = await openApp(browser, {
      wrapService: () => companion.api,
      ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    ...app,
    companion,
    server,
    serverId,
    serverName,
    adminClientId,
    downloadDir,
    shownInFolder,
    clientIdOf: (scope) => {
      const cached = companion.core.clients.read(serverId);
      const found = Object.values(cached?.clients ?? {}).find((entry) => entry.object.scope === scope);
      if (!found) throw new Error(`no Client Object with scope ${scope}`);
      return String(found.object.client_id);
    },
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}
