import { describe, expect, it } from 'vitest';
import { CUSTOMER_DATA_SCOPE } from '../../src/sandbox/index';
import { GrantsPage } from './pages/grants-page';
import { ServersPage } from './pages/server-workspace-page';
import { seriousA11yViolations } from './support/accessibility';
import type { RegisteredE2eApp } from './support/e2e-app';
import { setUpE2eSuite } from './support/e2e-suite';
import { saveScreenshot } from './support/screenshots';
import { saveTallScreenshot } from './support/tall-screenshot';

// The Grants section in Debian's chromium over the real Companion and the sandbox CDS Server
// (cds-wg1-02 §8): the table, its filter and sort, a Grant's details, closing one, and a Server error
// with a retry.

const e2e = setUpE2eSuite();

async function openGrants(opened: RegisteredE2eApp): Promise<GrantsPage> {
  const workspace = await new ServersPage(opened.page).openServer(opened.serverName);
  await workspace.openSection('Grants');
  const grants = new GrantsPage(opened.page);
  await grants.table.waitFor();
  return grants;
}

describe('Grants section', () => {
  it('filters, sorts, shows details in plain words, and closes a Grant after confirmation', async () => {
    const app = await e2e.openRegisteredApp();
    const accountsClient = app.clientIdOf(CUSTOMER_DATA_SCOPE);
    const waiting = app.server.control.createGrant({
      clientId: accountsClient,
      status: 'needs_authorization',
      customer: 'carol',
    }) as { grant_id: string };
    const closable = app.server.control.createGrant({ clientId: accountsClient, customer: 'alice' }) as {
      grant_id: string;
    };
    const grants = await openGrants(app);

    const all = await grants.rowNames();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all).toContain(`Account List, Grant ${waiting.grant_id}`);
    expect(await grants.rowStatuses()).toContain('Needs customer authorization');
    await saveTallScreenshot(app.page, 'grants-table');
    expect(await seriousA11yViolations(app.page)).toEqual([]);

    // Filter by status, then by words.
    await grants.filterByStatus('Needs customer authorization');
    await expect.poll(() => grants.rowNames()).toEqual([`Account List, Grant ${waiting.grant_id}`]);
    await expect(grants.count.textContent()).resolves.toBe(`1 of ${all.length} Grants`);
    await grants.filterByStatus('All statuses');
    await grants.search.fill('files');
    await expect
      .poll(async () => (await grants.rowNames()).every((name) => name.startsWith('Server-Provided Files')))
      .toBe(true);
    await grants.search.fill('');

    // Sort by scope both ways.
    await grants.sortBy('Scope');
    await expect(grants.sortOf('Scope')).resolves.toBe('ascending');
    const ascending = await grants.rowNames();
    expect(ascending[0]?.startsWith('Account List')).toBe(true);
    await grants.sortBy('Scope');
    await expect(grants.sortOf('Scope')).resolves.toBe('descending');
    expect((await grants.rowNames())[0]?.startsWith('Server-Provided Files')).toBe(true);

    // Details of the Grant waiting for a customer: the status in words and the way to authorize it.
    const details = await grants.openGrant(waiting.grant_id);
    await expect(details.status.textContent()).resolves.toContain('A customer must authorize the full scope');
    await expect(
      details.root.getByRole('button', { name: 'Authorize in the browser' }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      details.root.getByRole('table', { name: /Scopes of this Grant/ }).textContent(),
    ).resolves.toContain('Account List');
    await saveScreenshot(app.page, 'grants-details');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await details.dismiss();

    // Close another one, confirmed; the table shows it closed.
    const toClose = await grants.openGrant(closable.grant_id);
    await toClose.root.getByRole('button', { name: 'Close Grant…' }).click();
    await toClose.confirmation().waitFor();
    await saveScreenshot(app.page, 'grants-close-confirmation');
    await toClose.confirmation().getByRole('button', { name: 'Keep it' }).click();
    await toClose.confirmation().waitFor({ state: 'detached' });
    await toClose.closeGrant();
    await expect.poll(() => toClose.status.textContent()).toContain('Closed');
    await app.page
      .locator('.toast')
      .filter({ hasText: `Grant ${closable.grant_id} closed` })
      .waitFor();
    await toClose.dismiss();
    await grants.filterByStatus('Closed');
    await expect.poll(() => grants.rowNames()).toContain(`Account List, Grant ${closable.grant_id}`);
    expect(
      (app.server.control.requestLog({ method: 'PATCH' }) as { url: string }[]).some((entry) =>
        entry.url.endsWith(`/grants/${closable.grant_id}`),
      ),
    ).toBe(true);
  });

  it('shows a Server error on the listing with the Server and step, and a retry that succeeds (dark)', async () => {
    const app = await e2e.openRegisteredApp({ colorScheme: 'dark' });
    app.server.control.injectFault({ method: 'GET', path: '/cds-api/v1/grants', status: 500, times: null });
    const workspace = await new ServersPage(app.page).openServer(app.serverName);
    await workspace.openSection('Grants');
    const grants = new GrantsPage(app.page);
    const alert = grants.errorState();
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(
      `The Grants of ${app.serverName} could not be loaded`,
    );
    await expect(alert.textContent()).resolves.toContain('Step: listing the Grants');
    await saveScreenshot(app.page, 'grants-error-dark');
    expect(await seriousA11yViolations(app.page)).toEqual([]);

    app.server.control.clearFaults();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await grants.table.waitFor();
    expect((await grants.rowNames()).some((name) => name.startsWith('Server-Provided Files'))).toBe(true);
    await saveTallScreenshot(app.page, 'grants-table-dark');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
  });
});
