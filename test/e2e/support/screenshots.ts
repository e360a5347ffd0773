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
