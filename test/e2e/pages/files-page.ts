import type { Locator, Page } from 'playwright-core';

/** The Files section of a Server workspace. */
export class FilesPage {
  readonly panel: Locator;
  readonly table: Locator;
  readonly folder: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('tabpanel');
    this.table = this.panel.getByRole('table', { name: /^Files from / });
    this.folder = this.panel.locator('.files-folder');
  }

  file(name: string): FileDownloadRow {
    return new FileDownloadRow(this.page, this.table, name);
  }

  fileNames(): Promise<string[]> {
    return this.table.locator('tbody .cell-stack__title').allTextContents();
  }

  grantOf(name: string): Locator {
    return this.table.getByRole('button', { name: new RegExp(`^Open Grant .* of ${escapeRegExp(name)}$`) });
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One file's download controls, wherever they are (Files table, a Grant's files). */
export class FileDownloadRow {
  constructor(
    readonly page: Page,
    readonly scope: Locator,
    readonly name: string,
  ) {}

  downloadButton(): Locator {
    return this.scope.getByRole('button', { name: `Download ${this.name}`, exact: true });
  }

  progressBar(): Locator {
    return this.scope.getByRole('progressbar', { name: `Downloading ${this.name}` });
  }

  cancelButton(): Locator {
    return this.scope.getByRole('button', { name: `Cancel the download of ${this.name}` });
  }

  showInFolderButton(): Locator {
    return this.scope.getByRole('button', { name: `Show ${this.name} in its folder` });
  }

  async download(): Promise<void> {
    await this.downloadButton().click();
  }

  async waitUntilSaved(timeout = 30_000): Promise<void> {
    await this.showInFolderButton().waitFor({ timeout });
  }
}
