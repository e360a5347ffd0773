import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import pkg from '../../../package.json' with { type: 'json' };
import { createHarnessToken } from '../../../src/harness/harness-auth';
import { createHarnessServer, type HarnessServer } from '../../../src/harness/harness-server';
import { type HarnessCompanion, openHarnessCompanion } from '../../../src/harness/harness-service';
import {
  type RunningSandbox as OptionalSandbox,
  startSandboxIfAvailable,
} from '../../../src/harness/optional-sandbox';
import { type Companion, createCompanion } from '../../../src/main/companion/companion';
import type { ServiceApi } from '../../../src/main/service-api';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import {
  CUSTOMER_DATA_SCOPE,
  FILES_SCOPE,
  GRANT_ADMIN_SCOPE,
  type RunningSandbox,
  startSandbox,
} from '../../../src/sandbox/index';
import { waitForAppReady } from './app-ready';

// CDS_E2E_RENDERER_DIR: a renderer built elsewhere (a helper iterating without rebuilding out/).
export const rendererDir = process.env.CDS_E2E_RENDERER_DIR ?? join(process.cwd(), 'out', 'renderer');

export interface E2eApp {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly harness: HarnessServer;
  readonly service: ServiceApi;
  /** The real Companion behind the harness (`backend.companion`), the URLs it opened, the files it showed. */
  readonly backend: HarnessCompanion;
  readonly token: string;
  /** A fresh, empty data directory for this test only. */
  readonly dataDir: string;
  readonly sandbox: OptionalSandbox | null;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  readonly colorScheme?: 'light' | 'dark';
  /** Wraps the service (to count calls, inject failures); the default is the real Companion. */
  readonly wrapService?: (service: ServiceApi) => ServiceApi;
  /** Start the sandbox CDS Server beside the app (when src/sandbox provides one). */
  readonly withSandbox?: boolean;
  /** Wait for `html[data-app-state=ready]` (default true). */
  readonly waitForReady?: boolean;
  /** Runs before the first navigation (e.g. to install init scripts). */
  readonly beforeLoad?: (page: Page) => Promise<void>;
}

/**
 * One test's app: a fresh data directory, the real Companion (secrets in memory) behind the harness,
 * the sandbox beside it when asked (`servers.addDemo` starts its own in-process), a new browser context
 * (no cookies or storage shared between tests), loaded through the token URL.
 */
export async function openApp(browser: Browser, options: OpenAppOptions = {}): Promise<E2eApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cds-e2e-'));
  const sandbox = options.withSandbox ? await startSandboxIfAvailable() : null;
  const backend = await openHarnessCompanion({ dataDir });
  const service = options.wrapService ? options.wrapService(backend.service) : backend.service;
  const token = createHarnessToken();
  const harness = await createHarnessServer({
    service,
    rendererDir,
    token,
    openedUrls: () => backend.openedUrls,
  });
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const close = async () => {
    await context.close();
    await harness.close();
    await backend.close();
    await sandbox?.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await options.beforeLoad?.(page);
    await page.goto(harness.entryUrl);
    if (options.waitForReady ?? true) await waitForAppReady(page);
  } catch (error) {
    await close();
    throw error;
  }
  return { page, context, harness, service, backend, token, dataDir, sandbox, close };
}

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

export interface RegisteredAppOptions {
  readonly serverName?: string;
  readonly colorScheme?: 'light' | 'dark';
  /** Runs after registration, before the page loads (e.g. to post Messages the first sync finds). */
  readonly prepare?: (server: RunningSandbox, registrationId: string) => void;
}

/**
 * The built renderer over the real Companion, already registered (Grant Admin, files and customer
 * data scopes) with a sandbox CDS Server started here, so a test can reach its control surface:
 * inject faults, create Grants and files. Every call goes over real HTTP on 127.0.0.1. The HTTP client
 * makes one attempt per request, so an injected 500 is seen at once.
 */
export async function openRegisteredApp(
  browser: Browser,
  options: RegisteredAppOptions = {},
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
    options.prepare?.(server, adminClientId);
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
