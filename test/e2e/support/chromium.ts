import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium, never a downloaded browser (CONTRIBUTING "Tests"). */
export const chromiumPath = process.env.CDS_E2E_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
