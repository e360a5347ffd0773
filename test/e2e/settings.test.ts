import { describe, expect, it } from 'vitest';
import { SettingsPage } from './pages/settings-page';
import { seriousA11yViolations } from './support/accessibility';
import { setUpE2eSuite } from './support/e2e-suite';
import { saveViewScreenshot } from './support/screenshots';

// Settings end to end (issue #7 item 10): the built renderer in Debian's chromium over the real
// Companion behind the web harness, with a fresh data directory and secrets in memory.

const e2e = setUpE2eSuite();

describe('Settings', () => {
  it('shows where data and secrets are kept, warns that secrets are not kept, and changes the polling interval', async () => {
    const app = await e2e.openApp();
    const { page, backend } = app;
    const settings = new SettingsPage(page);
    await settings.open();

    const text = (await settings.main.textContent()) ?? '';
    expect(text).toContain('Secrets are not saved on this computer');
    expect(text).toContain('Memory only');
    expect(text).toContain(app.dataDir);
    expect(await settings.pollingField().inputValue()).toBe(
      String((await backend.companion.api.handlers['settings.get']()).pollingIntervalMinutes),
    );

    await settings.setPollingMinutes(30);
    await settings.toast('Checking the Servers every 30 minutes').waitFor();
    expect((await backend.companion.api.handlers['settings.get']()).pollingIntervalMinutes).toBe(30);
    expect(await settings.main.textContent()).toContain('Every 30 minutes');

    // A refusal stays in the form, in words.
    await settings.pollingField().fill('every day');
    await settings.main
      .locator('section[aria-labelledby=settings-polling]')
      .getByRole('button', { name: 'Save' })
      .click();
    await settings.main.getByText('Enter a whole number from 0 to 1440.').waitFor();
    await settings.pollingField().fill('30');
    expect(await settings.main.getByText('Enter a whole number from 0 to 1440.').count()).toBe(0);
    // Nothing focused for the picture (no focus ring on the last field).
    await page.evaluate('document.activeElement && document.activeElement.blur()');

    await settings
      .toast('Checking the Servers every 30 minutes')
      .waitFor({ state: 'detached', timeout: 10_000 });
    const findings = await seriousA11yViolations(page);
    expect(findings, JSON.stringify(findings, null, 1)).toEqual([]);
    await saveViewScreenshot(page, 'settings');
  });
});
