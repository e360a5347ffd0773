import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ClientsPage } from './pages/clients-page';
import { RegistrationPage } from './pages/registration-page';
import { ServersPage, type ServerWorkspacePage } from './pages/server-workspace-page';
import { seriousA11yViolations } from './support/accessibility';
import { recordCspViolations } from './support/csp-violations';
import type { E2eApp } from './support/e2e-app';
import { setUpE2eSuite } from './support/e2e-suite';
import { saveViewScreenshot as saveScreenshot } from './support/screenshots';

// The Server workspace end to end: the built renderer in Debian's chromium, the real Companion behind
// the web harness, the demo utility (the sandbox CDS Server) on loopback. The overview's first flows
// (cds-wg1-02-overview.txt): register, list Client Objects, change a redirect URI; then removal.

const e2e = setUpE2eSuite();

// The smallest valid PNG (1x1) and PDF, read by the renderer and sent Base64 (cds-wg1-02 §3.7).
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhgGAWgU9dwAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

async function expectAccessible(page: Page, where: string): Promise<void> {
  const findings = await seriousA11yViolations(page);
  expect(findings, `${where}: ${JSON.stringify(findings, null, 1)}`).toEqual([]);
}

/** Adds the demo utility and registers through the engine, for flows that start after registration. */
async function registeredDemo(current: E2eApp): Promise<{ serverId: string; name: string }> {
  const handlers = current.backend.companion.api.handlers;
  const server = await handlers['servers.addDemo'](undefined);
  await handlers['registration.submit'](server.id, {
    scopes: ['cds_accounts_1', 'cds_grant_admin_1', 'cds_server_provided_files_1'],
    clientName: 'Ada Energy Insights',
    contacts: ['ops@ada.example'],
    values: { company_name: 'Ada Energy Insights' },
  });
  return { serverId: server.id, name: server.name };
}

describe('Server workspace', () => {
  it('tries the demo utility and registers through the wizard, ending with Client Objects and to-dos', async () => {
    let readViolations: () => Promise<readonly unknown[]> = async () => [];
    const app = await e2e.openApp({
      beforeLoad: async (page) => {
        readViolations = await recordCspViolations(page);
      },
    });
    const { page } = app;
    const servers = new ServersPage(page);
    const workspace = await servers.tryDemo();

    // The overview: metadata, coverage, scopes with what they require, links.
    await expect.poll(() => workspace.heading.textContent()).toContain('Demo utility');
    const overview = workspace.panel;
    await overview.getByRole('heading', { name: 'Coverage' }).waitFor();
    expect(await overview.getByRole('heading', { name: 'Demand Response Program Enrollment' }).count()).toBe(
      1,
    );
    expect(await overview.getByText('A setup payment of').count()).toBeGreaterThan(0);
    expect(await overview.getByRole('link', { name: /Terms of service/ }).getAttribute('target')).toBe(
      '_blank',
    );
    expect(await servers.sidebarServer(/Demo utility/).textContent()).toContain('Not registered');
    await expectAccessible(page, 'overview');
    await saveScreenshot(page, 'workspace-overview');

    // The wizard: scopes grouped by type, the incompatible one explained and chosen on purpose.
    await overview.getByRole('button', { name: /^Register with/ }).click();
    const registration = new RegistrationPage(page, workspace.panel);
    await registration.currentStep().filter({ hasText: 'Choose scopes' }).waitFor();
    expect(await registration.scope(/Client Admin/).isDisabled()).toBe(true);
    expect(await registration.scope(/Account List/).isChecked()).toBe(true);
    expect(await registration.scope(/Demand Response/).isChecked()).toBe(false);
    expect(await workspace.panel.getByText('Not supported by this app').count()).toBe(1);
    await expectAccessible(page, 'wizard: scopes');
    await saveScreenshot(page, 'registration-scopes');
    await registration.toggleScope('Demand Response');
    await expect.poll(() => registration.scope(/Demand Response/).isChecked()).toBe(true);
    await registration.continue();

    // Details: a form generated from the registration fields, checked as the person goes.
    await registration.field(/Client name/).waitFor();
    await registration.continueToReview();
    await workspace.panel.getByRole('alert').filter({ hasText: 'need your attention' }).waitFor();
    await registration.field(/Client name/).fill('Ada Energy Insights');
    await registration.field(/^Company name/).fill('Ada Energy Insights');
    await registration.field(/^Contact email$/).fill('not-an-email');
    await registration.field(/^Company website/).fill('https://ada.example');
    await registration.field(/^Company website/).blur();
    await expect
      .poll(() => workspace.panel.locator('.text-field__error').allTextContents(), { timeout: 10_000 })
      .toContain('Enter an email address such as name@example.com.');
    await registration.field(/^Contact email$/).fill('ops@ada.example');
    await registration.answer(/Accepts terms/, 'Yes');
    await registration.chooseFile(/Choose an image/, {
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await registration.chooseFile(/Choose a PDF/, {
      name: 'insurance.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await workspace.panel.getByText('logo.png').waitFor();
    await workspace.panel.getByText('insurance.pdf').waitFor();
    await expectAccessible(page, 'wizard: details');
    await saveScreenshot(page, 'registration-details');

    // Review, then register.
    await registration.continueToReview();
    await registration.currentStep().filter({ hasText: 'Review and register' }).waitFor();
    expect(await workspace.panel.getByText('insurance.pdf').count()).toBe(1);
    await expectAccessible(page, 'wizard: review');
    await saveScreenshot(page, 'registration-review');
    await registration.register();

    // The result: the Client Objects created and the to-dos with their links (cds-wg1-02 §3.6).
    await registration.result().waitFor({ timeout: 30_000 });
    expect(await registration.createdClients().count()).toBeGreaterThanOrEqual(4);
    const todos = registration.todos();
    expect(await todos.count()).toBeGreaterThanOrEqual(6);
    const todoText = (await todos.allTextContents()).join(' ');
    for (const kind of [
      'Review',
      'Payment',
      'Email verification',
      'Single sign-on',
      'Online form',
      'PDF form',
    ]) {
      expect(todoText).toContain(kind);
    }
    expect(await todos.getByRole('link', { name: /Open the payment page/ }).count()).toBe(1);
    await workspace.toast(/Registered with/).waitFor();
    await expect
      .poll(() => servers.sidebarServer(/Demo utility/).textContent(), { timeout: 15_000 })
      .toContain('Sandbox');
    await expectAccessible(page, 'registration result');
    await saveScreenshot(page, 'registration-result');
    expect(await readViolations()).toEqual([]);
  });

  it('loads Client Objects, adds a redirect URI and resets to the Server default', async () => {
    const app = await e2e.openApp();
    const { page } = app;
    const demo = await registeredDemo(app);
    const servers = new ServersPage(page);
    const workspace = await servers.openServer(new RegExp(demo.name.replace(/[()]/g, '\\$&')));
    const clients = new ClientsPage(page, await workspace.openSection('Client Objects'));
    await clients.table.waitFor();
    const listed = await app.backend.companion.api.handlers['clients.list'](demo.serverId);
    await expect.poll(() => clients.rows().count(), { timeout: 15_000 }).toBe(listed.length);

    const accounts = listed.find((client) => client.userAuthorization && !client.admin);
    if (!accounts)
      throw new Error('The demo registration should have a Client Object with user authorization.');
    await clients.select(accounts.clientId);
    const before = accounts.redirectUris;
    await expect.poll(() => clients.redirectUris().count(), { timeout: 15_000 }).toBe(before.length);
    await expectAccessible(page, 'client detail');
    await saveScreenshot(page, 'client-objects');

    await clients.addRedirectUri('https://app.ada.example/callback');
    await expect
      .poll(() => clients.redirectUris().allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('https://app.ada.example/callback')]));
    await workspace.toast('Redirect URI added').waitFor();
    const added = await app.backend.companion.api.handlers['clients.get'](demo.serverId, accounts.clientId);
    expect(added.redirectUris).toContain('https://app.ada.example/callback');
    await saveScreenshot(page, 'client-redirect-added');

    await clients.resetRedirectUris();
    await expect
      .poll(async () => (await clients.redirectUris().allTextContents()).join('|'))
      .not.toContain('https://app.ada.example/callback');
    const reset = await app.backend.companion.api.handlers['clients.get'](demo.serverId, accounts.clientId);
    expect(reset.redirectUris).not.toContain('https://app.ada.example/callback');
    expect(reset.redirectUris).toContain(reset.defaultRedirectUri);
  });

  it('removes a Server after spelling out what is revoked and deleted', async () => {
    const app = await e2e.openApp({ colorScheme: 'dark' });
    const { page } = app;
    const demo = await registeredDemo(app);
    const servers = new ServersPage(page);
    const workspace: ServerWorkspacePage = await servers.openServer(
      new RegExp(demo.name.replace(/[()]/g, '\\$&')),
    );
    await workspace.panel.getByRole('heading', { name: 'Coverage' }).waitFor();
    await saveScreenshot(page, 'workspace-overview-dark');

    const dialog = await workspace.startRemoving();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('revoke');
    expect(text).toContain('client secrets, tokens and device keys');
    expect(text).toContain('stay on the Server');
    await expectAccessible(page, 'remove dialog');
    await saveScreenshot(page, 'remove-server-dialog');
    await dialog.getByRole('button', { name: /^Remove / }).click();

    await workspace.toast(/removed/).waitFor();
    await page.getByRole('region', { name: 'No Servers yet' }).waitFor();
    expect(await servers.sidebarServers().count()).toBe(0);
    expect(await app.backend.companion.api.handlers['servers.list']()).toEqual([]);
  });
});
