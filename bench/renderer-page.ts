/**
 * What the renderer benchmarks share: the built renderer (out/renderer, as `npx electron-vite build`
 * makes it) served by the web harness over a real Companion, opened in Debian's chromium with the
 * e2e support's flags (headless, --disable-gpu), each page in a new browser context.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createHarnessToken } from '../src/harness/harness-auth';
import { createHarnessServer, type HarnessServer } from '../src/harness/harness-server';
import type { ServiceApi } from '../src/main/service-api';
import { chromiumPath, launchChromium } from '../test/e2e/support/chromium';

export { chromiumPath, launchChromium };

/** out/renderer, or a renderer built elsewhere (CDS_E2E_RENDERER_DIR, as the e2e tests honour). */
export const rendererDir =
  process.env.CDS_E2E_RENDERER_DIR ?? join(import.meta.dirname, '..', 'out', 'renderer');

/** The window every renderer benchmark uses (the e2e tests' size). */
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** The benchmarks measure the build; say how to make it when it is missing. */
export function requireRendererBuild(): void {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer at ${rendererDir}: run \`npx electron-vite build\` first`);
  }
  if (!existsSync(chromiumPath))
    throw new Error(`no chromium at ${chromiumPath} (Debian's chromium package)`);
}

/** The harness over `service` on 127.0.0.1 (port 0); `entryUrl` carries the per-run token. */
export async function openRendererHarness(service: ServiceApi): Promise<HarnessServer> {
  return createHarnessServer({ service, rendererDir, token: createHarnessToken() });
}

export interface FreshPage {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A new browser context (no cache, cookies or storage from an earlier load) and its page. */
export async function freshPage(browser: Browser): Promise<FreshPage> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  return { context, page: await context.newPage() };
}

/**
 * Polls `expression` (script text, evaluated through the debugging protocol, so the page's CSP,
 * which forbids eval, does not apply) until it is truthy. `page.waitForFunction` with a string needs eval.
 */
export async function waitForPageValue<T>(
  page: Page,
  expression: string,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = (await page.evaluate(expression)) as T;
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
