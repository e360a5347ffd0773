import type { Page } from 'playwright-core';

/** The renderer's readiness signal: set once the first `app.info` call has answered. */
export async function waitForAppReady(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector('html[data-app-state=ready]', { state: 'attached', timeout });
}

export async function waitForAppState(page: Page, state: 'loading' | 'ready' | 'failed', timeout = 15_000) {
  await page.waitForSelector(`html[data-app-state=${state}]`, { state: 'attached', timeout });
}
