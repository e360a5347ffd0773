import type { Locator, Page } from 'playwright-core';

/** The Customer data section of a Server workspace: authorizations, accounts, the device key. */
export class CustomerDataPage {
  readonly dialog: Locator;
  readonly protection: Locator;
  readonly accountRows: Locator;

  constructor(
    readonly page: Page,
    readonly panel: Locator,
  ) {
    this.dialog = page.getByRole('dialog', { name: /^Ask a customer for access/ });
    this.protection = panel.locator('.protection');
    this.accountRows = panel.locator('tr[data-account-id]');
  }

  /** Opens the authorization dialog and waits for the Server's form. */
  async startAuthorization(): Promise<Locator> {
    await this.panel.getByRole('button', { name: 'Ask a customer for access…' }).click();
    await this.dialog.getByRole('group', { name: 'What to ask the customer for' }).waitFor();
    return this.dialog;
  }

  field(label: string | RegExp): Locator {
    return this.dialog.getByRole('textbox', { name: label });
  }

  async chooseReceiptPath(): Promise<void> {
    await this.dialog.getByText('Show a confirmation code on the Server’s page', { exact: false }).click();
  }

  async openSignInPage(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Open the sign-in page' }).click();
  }

  async confirmWithCode(code: string): Promise<void> {
    await this.dialog.getByRole('textbox', { name: 'Confirmation code' }).fill(code);
    await this.dialog.getByRole('button', { name: 'Confirm' }).click();
  }

  async waitForAuthorized(): Promise<void> {
    await this.dialog.getByRole('heading', { name: 'Access authorized' }).waitFor({ timeout: 30_000 });
  }

  /** "Read the customer data": closes the dialog; the accounts of the new authorization load. */
  async readData(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Read the customer data' }).click();
    await this.dialog.waitFor({ state: 'detached' });
    await this.accountRows.first().waitFor({ timeout: 30_000 });
  }

  rawJson(): Locator {
    return this.panel.getByRole('region', { name: 'Accounts as JSON' });
  }

  /** Turns "Show raw JSON" on or off. */
  async toggleRawJson(): Promise<void> {
    await this.panel.getByText('Show raw JSON', { exact: true }).click();
  }

  async openHeaders(): Promise<Locator> {
    const details = this.panel.locator('details.accounts__headers');
    await details.locator('summary').click();
    return details;
  }

  async search(text: string): Promise<void> {
    await this.panel.getByRole('textbox', { name: 'Search accounts' }).fill(text);
    await this.panel.getByRole('button', { name: 'Search', exact: true }).click();
  }
}
