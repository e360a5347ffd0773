import type { Locator, Page } from 'playwright-core';

/** The Client Objects section: the table and the selected Client Object's details. */
export class ClientsPage {
  readonly table: Locator;
  readonly detail: Locator;

  constructor(
    readonly page: Page,
    readonly panel: Locator,
  ) {
    this.table = panel.getByRole('grid', { name: 'Client Objects' });
    this.detail = panel.locator('.client-detail');
  }

  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader') });
  }

  /** Selects the row showing this text (a Client ID is unique; names often repeat). */
  async select(text: string): Promise<void> {
    await this.table.getByRole('row').filter({ hasText: text }).click();
    await this.detail.waitFor();
  }

  redirectUris(): Locator {
    return this.detail.getByRole('list', { name: 'Redirect URIs' }).getByRole('listitem');
  }

  async addRedirectUri(uri: string): Promise<void> {
    await this.detail.getByRole('textbox', { name: 'Add a redirect URI' }).fill(uri);
    await this.detail.getByRole('button', { name: 'Add', exact: true }).click();
  }

  async resetRedirectUris(): Promise<void> {
    await this.detail.getByRole('button', { name: 'Reset to the Server’s default' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Reset the redirect URIs?' });
    await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}
