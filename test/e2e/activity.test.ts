import { describe, expect, it } from 'vitest';
import { deviceKeyVaultKey } from '../../src/main/cds/device-key-store';
import { clientSecretKey, refreshTokenKey } from '../../src/main/cds/oauth/vault-keys';
import { SandboxConsent, waitForOpenedUrl } from './pages/sandbox-consent';
import { SettingsPage } from './pages/settings-page';
import { seriousA11yViolations } from './support/accessibility';
import { setUpE2eSuite } from './support/e2e-suite';
import { saveViewScreenshot } from './support/screenshots';

// The activity timeline end to end: after registering with the demo utility and a customer's
// authorization with a device key (real HTTP to the sandbox on loopback), every call shows with its
// method, URL, status and duration, and no secret the app holds appears anywhere on the page.

const e2e = setUpE2eSuite();

describe('Activity', () => {
  it('lists the calls to the Server with their status and duration, and shows no secret', async () => {
    const app = await e2e.openApp();
    const { page, backend } = app;
    const handlers = backend.companion.api.handlers;
    const server = await handlers['servers.addDemo'](undefined);
    await handlers['registration.submit'](server.id, {
      scopes: ['cds_accounts_1', 'cds_grant_admin_1'],
      clientName: 'Ada Energy Insights',
      values: { company_name: 'Ada Energy Insights' },
    });
    const flow = await handlers['authorization.begin'](server.id, {
      scopeId: 'cds_accounts_1',
      encrypt: true,
    });
    const consent = new SandboxConsent();
    const redirect = await consent.approve(await waitForOpenedUrl(() => backend.openedUrls, 1), 'bob');
    const completed = handlers['authorization.complete'](server.id, flow.flowId);
    expect(await consent.deliver(redirect)).toBe(200);
    const grant = await completed;
    await handlers['data.accounts'](server.id, { grantId: grant.grantId });

    const settings = new SettingsPage(page);
    await settings.open();
    const panel = await settings.openActivity();
    await settings.activityRows.first().waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/\d+ calls, newest first/);
    for (const expected of [
      'POST',
      'GET',
      '/oauth/token',
      '/oauth/par',
      '/cds-api/v1/customerdata/accounts',
      '200',
      'ms',
    ]) {
      expect(text).toContain(expected);
    }

    // Every secret the app holds for this Server: client secrets, the refresh token, the device key.
    const secrets: string[] = [];
    for (const client of await handlers['clients.list'](server.id)) {
      const secret = await backend.vault.get(clientSecretKey(server.id, client.clientId));
      if (secret) secrets.push(secret);
    }
    const refresh = await backend.vault.get(refreshTokenKey(server.id, grant.clientId, grant.grantId));
    if (refresh) secrets.push(refresh);
    const privateKey = await backend.vault.get(deviceKeyVaultKey(server.id, flow.kid ?? ''));
    if (privateKey) secrets.push((JSON.parse(privateKey) as { d: string }).d);
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    const html = await page.content();
    const pageText = (await page.locator('body').textContent()) ?? '';
    for (const secret of secrets) {
      expect(html.includes(secret), 'a secret is in the page').toBe(false);
      expect(pageText.includes(secret), 'a secret is in the page text').toBe(false);
    }
    expect(pageText).not.toMatch(/access_token|refresh_token=|client_secret=|code_verifier|Bearer /i);

    const findings = await seriousA11yViolations(page);
    expect(findings, JSON.stringify(findings, null, 1)).toEqual([]);
    await saveViewScreenshot(page, 'activity');
  });
});
