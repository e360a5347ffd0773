import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CustomerDataPage } from './pages/customer-data-page';
import { SandboxConsent, waitForOpenedUrl } from './pages/sandbox-consent';
import { ServersPage } from './pages/server-workspace-page';
import { seriousA11yViolations } from './support/accessibility';
import type { E2eApp } from './support/e2e-app';
import { setUpE2eSuite } from './support/e2e-suite';
import { saveViewScreenshot } from './support/screenshots';

// The overview's last flow through the UI (cds-wg1-02-overview.txt, cds-wg3-01 §7.4.6): a customer
// authorizes with this device's key, and their Accounts are read and decrypted on this device. The
// built renderer in Debian's chromium, the real Companion behind the web harness, the demo utility
// (the sandbox) on loopback; the customer's browser is an HTTP client on the sandbox's forms.

const e2e = setUpE2eSuite();
const consent = new SandboxConsent();

async function expectAccessible(page: Page, where: string): Promise<void> {
  const findings = await seriousA11yViolations(page);
  expect(findings, `${where}: ${JSON.stringify(findings, null, 1)}`).toEqual([]);
}

/** The demo utility, registered for customer data through the engine; then its Customer data tab. */
async function customerDataOfDemo(current: E2eApp): Promise<CustomerDataPage> {
  const handlers = current.backend.companion.api.handlers;
  const server = await handlers['servers.addDemo'](undefined);
  await handlers['registration.submit'](server.id, {
    scopes: ['cds_accounts_1', 'cds_grant_admin_1'],
    clientName: 'Ada Energy Insights',
    values: { company_name: 'Ada Energy Insights' },
  });
  const workspace = await new ServersPage(current.page).openServer(server.name);
  const panel = await workspace.openSection('Customer data');
  await panel.getByRole('heading', { name: 'This computer’s device key' }).waitFor();
  return new CustomerDataPage(current.page, panel);
}

describe('Customer data', () => {
  it('authorizes with a device key (loopback) and reads the accounts decrypted on this device', async () => {
    const app = await e2e.openApp();
    const { page, backend } = app;
    const data = await customerDataOfDemo(app);
    await data.panel.getByRole('heading', { name: 'No customer has authorized you yet' }).waitFor();
    await expectAccessible(page, 'customer data, empty');

    const dialog = await data.startAuthorization();
    // The Server's authorization details form, every field with its default (cds-wg1-02 §3.8).
    expect(await data.field(/^Maximum accounts/).inputValue()).toBe('25');
    expect(await data.field(/^Minimum program balance/).inputValue()).toBe('0.00');
    expect(await data.field(/^Sync until/).inputValue()).toBe('P1Y');
    expect(await data.field(/^Review by/).inputValue()).toBe('P1Y');
    expect(await dialog.getByRole('checkbox', { name: /Lock the data for this computer/ }).isChecked()).toBe(
      true,
    );
    await data.field(/^Maximum accounts/).fill('10');
    await expectAccessible(page, 'authorization form');
    await saveViewScreenshot(page, 'customer-data-authorize-form', '.modal');

    await data.openSignInPage();
    const url = await waitForOpenedUrl(() => backend.openedUrls, 1);
    // RFC 9126: with PAR the browser URL carries only client_id and request_uri.
    expect([...new URL(url).searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
    await dialog.getByRole('heading', { name: 'Continue in the browser' }).waitFor();
    await saveViewScreenshot(page, 'customer-data-authorize-waiting', '.modal');

    const redirect = await consent.approve(url, 'bob');
    expect(await consent.deliver(redirect)).toBe(200);
    await data.waitForAuthorized();
    expect(await dialog.textContent()).toContain('locked for this computer');
    await data.readData();

    // Bob's four accounts, decrypted here, with the decrypted headers (cds-wg3-01 §7.4.6).
    await expect.poll(() => data.accountRows.count()).toBe(4);
    expect(await data.protection.getAttribute('data-encrypted')).toBe('true');
    expect(await data.protection.textContent()).toContain('Decrypted on this device');
    expect(await data.panel.textContent()).toContain('OKAFOR BAKERY LLC');
    const headers = await data.openHeaders();
    expect(await headers.textContent()).toContain('X-Log-ID');
    expect(await headers.textContent()).toContain('application/json');
    expect(await headers.textContent()).toContain('Decrypted here');
    await page
      .locator('.toast')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await expectAccessible(page, 'customer data, accounts');
    await saveViewScreenshot(page, 'customer-data-accounts');

    await data.toggleRawJson();
    expect(await data.rawJson().textContent()).toContain('"cds_account_id": "acct-2000"');
    await data.toggleRawJson();
    await data.rawJson().waitFor({ state: 'detached' });

    await data.search('downtown');
    await expect.poll(() => data.accountRows.count()).toBe(1);
    expect(await data.panel.textContent()).toContain('matching “downtown”');

    // The device key now locks one authorization; only its public id is on screen.
    const keys = await backend.companion.api.handlers['keys.show'](
      (await backend.companion.api.handlers['servers.list']())[0]?.id ?? '',
    );
    expect(await data.panel.textContent()).toContain(keys.current.kid.slice(0, 12));
    expect(await data.panel.textContent()).toContain('1 authorization');
  });

  it('authorizes through the Server’s receipt page with a confirmation code', async () => {
    const app = await e2e.openApp();
    const { page, backend } = app;
    const data = await customerDataOfDemo(app);
    const dialog = await data.startAuthorization();
    await data.chooseReceiptPath();
    await data.openSignInPage();
    const url = await waitForOpenedUrl(() => backend.openedUrls, 1);
    await dialog.getByRole('textbox', { name: 'Confirmation code' }).waitFor();
    const receipt = await consent.approve(url, 'alice');
    expect(receipt).toMatch(/\/receipts\//);
    const code = await consent.receiptConfirmation(receipt);
    await data.confirmWithCode(code);
    await data.waitForAuthorized();
    await saveViewScreenshot(page, 'customer-data-receipt-authorized', '.modal');
    await data.readData();
    await expect.poll(() => data.accountRows.count()).toBe(2);
    expect(await data.panel.textContent()).toContain('Confirmed with a code');
    expect(await data.panel.textContent()).toContain('ALICE MORENO');
  });
});
