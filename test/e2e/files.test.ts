import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES_SCOPE } from '../../src/sandbox/index';
import { FilesPage } from './pages/files-page';
import { GrantsPage } from './pages/grants-page';
import { ServersPage } from './pages/server-workspace-page';
import { seriousA11yViolations } from './support/accessibility';
import { setUpE2eSuite } from './support/e2e-suite';
import { saveScreenshot } from './support/screenshots';
import { saveTallScreenshot } from './support/tall-screenshot';

// Server-Provided Files (cds-wg1-02 §9) in Debian's chromium over the real Companion and the sandbox:
// the overview's fifth flow (reach the onboarding files Grant through Grant Admin and download its
// files) with a progress bar, the Files list with each file's Grant, cancelling, Show in folder.

const e2e = setUpE2eSuite();

const DOWNLOAD_PATH = '/cds-api/v1/server-provided-files/*';

describe('Files', () => {
  it('reaches the onboarding files Grant through Grant Admin and downloads its files with progress', async () => {
    const app = await e2e.openRegisteredApp();
    const workspace = await new ServersPage(app.page).openServer(app.serverName);
    await workspace.openSection('Grants');
    const grants = new GrantsPage(app.page);
    await grants.table.waitFor();
    const filesGrant = (await grants.rowNames()).find((name) => name.startsWith('Server-Provided Files'));
    const grantId = filesGrant?.split('Grant ')[1];
    expect(grantId).toBeTruthy();
    const details = await grants.openGrant(grantId as string);
    const list = details.root.getByRole('list', { name: 'Files of this Grant' });
    await list.waitFor();
    const names = await list.locator('.cell-stack__title').allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(2);

    // Hold the Server's answer a moment so the progress bar can be seen, as on a slow line.
    app.server.control.injectFault({ method: 'GET', path: DOWNLOAD_PATH, delayMs: 1500, times: null });
    for (const name of names) {
      const file = details.file(name);
      await file.download();
      await file.progressBar().waitFor();
      await file.waitUntilSaved();
    }
    // A calm picture: the confirmations read, the Grant's files in view.
    const toasts = app.page.locator('.toast');
    while ((await toasts.count()) > 0) await toasts.first().getByRole('button', { name: 'Dismiss' }).click();
    await list.scrollIntoViewIfNeeded();
    await saveScreenshot(app.page, 'files-grant-downloaded');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    const saved = await readdir(app.downloadDir);
    expect(saved.sort()).toEqual([...names].sort());
    for (const name of names) expect((await stat(join(app.downloadDir, name))).size).toBeGreaterThan(0);

    await details
      .file(names[0] as string)
      .showInFolderButton()
      .click();
    await expect.poll(() => app?.shownInFolder.length).toBe(1);
    expect(app.shownInFolder[0]).toBe(join(app.downloadDir, names[0] as string));
  });

  it('lists every file with its Grant, shows a large download’s progress, and cancels one', async () => {
    const app = await e2e.openRegisteredApp();
    const filesClient = app.clientIdOf(FILES_SCOPE);
    app.server.control.createGeneratedFileGrant({
      clientId: filesClient,
      name: 'interval-data-2025.csv',
      mimeType: 'text/csv',
      size: 24 * 1024 * 1024,
    });
    const workspace = await new ServersPage(app.page).openServer(app.serverName);
    await workspace.openSection('Files');
    const files = new FilesPage(app.page);
    await files.table.waitFor();
    await expect.poll(() => files.fileNames()).toContain('interval-data-2025.csv');
    await expect(files.folder.textContent()).resolves.toContain(app.downloadDir);
    await expect(files.grantOf('interval-data-2025.csv').isVisible()).resolves.toBe(true);
    await saveTallScreenshot(app.page, 'files-list');
    expect(await seriousA11yViolations(app.page)).toEqual([]);

    // Cancel while the Server holds the answer: nothing is saved.
    app.server.control.injectFault({ method: 'GET', path: DOWNLOAD_PATH, delayMs: 3000, times: 1 });
    const big = files.file('interval-data-2025.csv');
    await big.download();
    await big.progressBar().waitFor();
    await saveScreenshot(app.page, 'files-downloading');
    await big.cancelButton().click();
    await big.downloadButton().waitFor({ timeout: 15_000 });
    await expect(files.table.getByText('Cancelled').isVisible()).resolves.toBe(true);
    await app.page
      .locator('.toast')
      .filter({ hasText: 'Download of interval-data-2025.csv cancelled' })
      .waitFor();
    expect(await readdir(app.downloadDir)).toEqual([]);

    // Then the whole 24 MB, followed byte by byte.
    await big.download();
    await big.progressBar().waitFor();
    await big.waitUntilSaved(60_000);
    expect((await stat(join(app.downloadDir, 'interval-data-2025.csv'))).size).toBe(24 * 1024 * 1024);

    // The Grant each file came with opens in Grants.
    await files.grantOf('interval-data-2025.csv').click();
    await app.page.getByRole('dialog', { name: /^Grant / }).waitFor();
  });
});
