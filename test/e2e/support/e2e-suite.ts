import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import {
  type E2eApp,
  type OpenAppOptions,
  openApp,
  openRegisteredApp,
  type RegisteredAppOptions,
  type RegisteredE2eApp,
  rendererDir,
} from './e2e-app';

export interface E2eSuite {
  /** Debian's chromium, launched once for the test file. */
  readonly browser: Browser;
  /** `openApp` in this file's browser; the app is closed after the test. */
  openApp(options?: OpenAppOptions): Promise<E2eApp>;
  /** `openRegisteredApp` in this file's browser; the app (and its sandbox) is closed after the test. */
  openRegisteredApp(options?: RegisteredAppOptions): Promise<RegisteredE2eApp>;
}

/**
 * One e2e test file's fixture, registered with vitest's hooks: before the tests, the built renderer
 * is checked and chromium launched; after each test, every app it opened is closed (a fresh data
 * directory per test); after the file, the browser is closed.
 */
export function setUpE2eSuite(): E2eSuite {
  let browser: Browser | undefined;
  let opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new Error(`No built renderer at ${rendererDir}: run \`npx electron-vite build\` first.`);
    }
    browser = await launchChromium();
  });
  afterEach(async () => {
    const closing = opened.reverse();
    opened = [];
    for (const app of closing) await app.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const launched = (): Browser => {
    if (!browser) throw new Error('The e2e browser is launched in beforeAll: open apps inside a test.');
    return browser;
  };
  // A test may close its app itself (to open another): closing again after the test is a no-op.
  const track = async <A extends { close(): Promise<void> }>(opening: Promise<A>): Promise<A> => {
    const app = await opening;
    let closing: Promise<void> | undefined;
    const tracked = { ...app, close: () => (closing ??= app.close()) };
    opened.push(tracked);
    return tracked;
  };
  return {
    get browser() {
      return launched();
    },
    openApp: (options) => track(openApp(launched(), options)),
    openRegisteredApp: (options) => track(openRegisteredApp(launched(), options)),
  };
}
