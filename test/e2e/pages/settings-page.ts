import type { Locator, Page } from 'playwright-core';

/** The Settings view: preferences (polling, rotation, downloads, secrets) and the Activity tab. */
export class SettingsPage {
  readonly main: Locator;
  readonly activityRows: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.activityRows = this.main.locator('tr[data-activity-id]');
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Settings', exact: true })
      .click();
    await this.main.getByRole('heading', { name: 'Checking for news' }).waitFor();
  }

  pollingField(): Locator {
    return this.main.getByRole('textbox', { name: 'Minutes between checks' });
  }

  async setPollingMinutes(minutes: number): Promise<void> {
    await this.pollingField().fill(String(minutes));
    await this.main
      .locator('section[aria-labelledby=settings-polling]')
      .getByRole('button', { name: 'Save' })
      .click();
  }

  toast(title: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: title });
  }

  async openActivity(): Promise<Locator> {
    await this.main.getByRole('tab', { name: 'Activity' }).click();
    const panel = this.main.getByRole('tabpanel');
    await panel.getByRole('heading', { name: 'Activity' }).waitFor();
    return panel;
  }
}
