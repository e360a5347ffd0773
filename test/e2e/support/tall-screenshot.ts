import type { Page } from 'playwright-core';
import { saveScreenshot } from './screenshots';

/**
 * A screenshot of a view taller than the window: the app scrolls inside its main area, so a
 * full-page capture would stop at the window; the window is made tall enough for the content first,
 * then put back.
 */
export async function saveTallScreenshot(page: Page, name: string, height = 1400): Promise<string> {
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: before.width, height });
  try {
    return await saveScreenshot(page, name);
  } finally {
    await page.setViewportSize(before);
  }
}
