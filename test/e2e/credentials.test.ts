import { describe, expect, it } from 'vitest';
import { CredentialsPage } from './pages/credentials-page';
import { ServersPage } from './pages/server-workspace-page';
import { seriousA11yViolations } from './support/accessibility';
import type { RegisteredE2eApp } from './support/e2e-app';
import { setUpE2eSuite } from './support/e2e-suite';
import { saveScreenshot } from './support/screenshots';
import { saveTallScreenshot } from './support/tall-screenshot';

// Credentials (cds-wg1-02 §7) in Debian's chromium over the real Companion and the sandbox: a secret
// rotated from the UI with its steps and outcome, a spare secret expired after confirmation, and the
// scheduled rotation setting. The secrets themselves never reach the page.

const e2e = setUpE2eSuite();

async function openCredentials(opened: RegisteredE2eApp): Promise<CredentialsPage> {
  const workspace = await new ServersPage(opened.page).openServer(opened.serverName);
  await workspace.openSection('Credentials');
  const credentials = new CredentialsPage(opened.page);
  await credentials.panel.getByRole('table').first().waitFor();
  return credentials;
}

describe('Credentials section', () => {
  it('rotates a secret through the UI: steps, outcome, and the updated list', async () => {
    const app = await e2e.openRegisteredApp();
    const credentials = await openCredentials(app);
    const admin = await credentials.client(app.adminClientId);
    const before = await admin.secretStatuses();
    const [oldId] = Object.entries(before).find(([, status]) => status === 'In use') ?? [];
    expect(oldId).toBeTruthy();
    await expect(credentials.panel.textContent()).resolves.toMatch(/Expires in \d+ days|Never expires/);
    await saveTallScreenshot(app.page, 'credentials');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await admin.rotate();
    await admin.rotation.waitFor();
    await expect
      .poll(() => admin.steps(), { timeout: 30_000 })
      .toEqual([
        'Create a new secret: done',
        'Check that the Server accepts it: done',
        'Save it in the secret store: done',
        'Expire the old secret: done',
      ]);
    await expect(admin.outcome().textContent()).resolves.toContain('Secret rotated.');
    await expect(admin.outcome().textContent()).resolves.toContain(`the old one (${oldId}) no longer works`);
    await expect
      .poll(async () => {
        const statuses = await admin.secretStatuses();
        return [
          statuses[oldId as string],
          Object.values(statuses).filter((status) => status === 'In use').length,
        ];
      })
      .toEqual(['Expired', 1]);
    await saveTallScreenshot(app.page, 'credentials-rotated');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    // No secret on the page, ever.
    const html = await app.page.content();
    expect(html).not.toMatch(/client_secret/);
  });

  it('expires a spare secret only after confirmation', async () => {
    const app = await e2e.openRegisteredApp();
    const spare = await app.companion.api.handlers['credentials.create'](app.serverId, app.adminClientId);
    const credentials = await openCredentials(app);
    const admin = await credentials.client(app.adminClientId);
    await expect.poll(async () => (await admin.secretStatuses())[spare.credentialId]).toBe('Spare');

    const dialog = await admin.startExpiring(spare.credentialId);
    await expect(dialog.textContent()).resolves.toContain('every token issued with it stops working');
    await saveScreenshot(app.page, 'credentials-expire-confirmation');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await admin.secretStatuses())[spare.credentialId]).toBe('Spare');

    const again = await admin.startExpiring(spare.credentialId);
    await again.getByRole('button', { name: 'Expire the secret' }).click();
    await again.waitFor({ state: 'detached' });
    await app.page
      .locator('.toast')
      .filter({ hasText: `Secret ${spare.credentialId} expired` })
      .waitFor();
    await expect.poll(async () => (await admin.secretStatuses())[spare.credentialId]).toBe('Expired');
  });

  it('turns scheduled rotation on and sets its days', async () => {
    const app = await e2e.openRegisteredApp();
    const credentials = await openCredentials(app);
    await credentials.schedule.getByText('Rotate secrets automatically before they expire').click();
    await app.page.locator('.toast').filter({ hasText: 'Scheduled rotation turned on' }).waitFor();
    const days = credentials.schedule.getByRole('textbox', { name: 'Days before expiry' });
    await days.fill('21');
    await days.press('Enter');
    await app.page.locator('.toast').filter({ hasText: 'rotated 21 days before they expire' }).waitFor();
    const settings = await app.companion.api.handlers['settings.get']();
    expect(settings.rotation).toMatchObject({ automatic: true, daysBeforeExpiry: 21 });
    await saveTallScreenshot(app.page, 'credentials-schedule');
  });
});
