import type { Locator, Page } from 'playwright-core';
import { FileDownloadRow } from './files-page';

/** The Grants section of a Server workspace: filter, sortable table, details dialog. */
export class GrantsPage {
  readonly panel: Locator;
  readonly table: Locator;
  readonly search: Locator;
  readonly status: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('tabpanel');
    this.table = this.panel.getByRole('table', { name: /^Grants of / });
    this.search = this.panel.getByRole('searchbox', { name: 'Find' });
    this.status = this.panel.getByRole('combobox', { name: 'Status' });
    this.count = this.panel.locator('.filter-bar__count');
  }

  /** The rows' names ("Account List, Grant 123"), top to bottom, as they are drawn. */
  rowNames(): Promise<string[]> {
    return this.table
      .locator('[data-row-action]')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''));
  }

  rowStatuses(): Promise<string[]> {
    return this.table.locator('tbody .status-chip').allTextContents();
  }

  async filterByStatus(label: string): Promise<void> {
    await this.status.selectOption({ label });
  }

  async sortBy(column: string): Promise<void> {
    await this.table.getByRole('columnheader', { name: column }).getByRole('button').click();
  }

  sortOf(column: string): Promise<string | null> {
    return this.table.getByRole('columnheader', { name: column }).getAttribute('aria-sort');
  }

  async openGrant(grantId: string): Promise<GrantDetailsPage> {
    await this.table.getByRole('button', { name: new RegExp(`Grant ${grantId}$`) }).click();
    const details = new GrantDetailsPage(this.page, grantId);
    await details.root.waitFor();
    return details;
  }

  errorState(): Locator {
    return this.panel.getByRole('alert');
  }
}

/** One Grant's details dialog. */
export class GrantDetailsPage {
  readonly root: Locator;
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly grantId: string,
  ) {
    this.root = page.getByRole('dialog', { name: `Grant ${grantId}` });
    this.status = this.root.getByRole('region', { name: 'Status' });
  }

  /** Close Grant… then the confirmation's "Close the Grant". */
  async closeGrant(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close Grant…' }).click();
    const confirm = this.page.getByRole('dialog', { name: `Close Grant ${this.grantId}?` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Close the Grant' }).click();
    await confirm.waitFor({ state: 'detached' });
  }

  confirmation(): Locator {
    return this.page.getByRole('dialog', { name: `Close Grant ${this.grantId}?` });
  }

  file(name: string): FileDownloadRow {
    return new FileDownloadRow(this.page, this.root.getByRole('list', { name: 'Files of this Grant' }), name);
  }

  async dismiss(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close', exact: true }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}
