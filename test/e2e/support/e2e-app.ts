import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createHarnessToken } from '../../../src/harness/harness-auth';
import { createHarnessServer, type HarnessServer } from '../../../src/harness/harness-server';
import { type HarnessCompanion, openHarnessCompanion } from '../../../src/harness/harness-service';
import { type RunningSandbox, startSandboxIfAvailable } from '../../../src/harness/optional-sandbox';
import type { ServiceApi } from '../../../src/main/service-api';
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
  readonly sandbox: RunningSandbox | null;
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
