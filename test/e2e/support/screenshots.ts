import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const screenshotDir = join(process.cwd(), 'test-output', 'screenshots');

/** Saves `test-output/screenshots/<name>.png` (name made file-safe) and returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const safe = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const path = join(screenshotDir, `${safe || 'screenshot'}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/**
 * Saves the whole of a view that scrolls inside the app frame (`.main-area`), which a full-page
 * screenshot would cut at the window's height: the window grows to fit, then returns to its size.
 */
export async function saveViewScreenshot(page: Page, name: string, scroller = '.main-area'): Promise<string> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = (await page
    .locator(scroller)
    .first()
    .evaluate((element) => element.scrollHeight)
    .catch(() => size.height)) as number;
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.min(height, 6000)) });
  try {
    return await saveScreenshot(page, name);
  } finally {
    await page.setViewportSize(size);
  }
}
