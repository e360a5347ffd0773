import { type AddressInfo, createServer } from 'node:net';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ServiceApi } from '../../src/main/service-api';
import { AppShellPage } from './pages/app-shell-page';
import { seriousA11yViolations } from './support/accessibility';
import { waitForAppReady, waitForAppState } from './support/app-ready';
import { injectInlineScript, recordCspViolations } from './support/csp-violations';
import { setUpE2eSuite } from './support/e2e-suite';
import { saveScreenshot } from './support/screenshots';

// The built renderer (`npm run build`) in Debian's chromium, through the web harness.

const e2e = setUpE2eSuite();

/** A loopback port nothing listens on (just released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement);
}

/** Counts handler calls, so a test can prove a rejected request never reached the service. */
function countingService(service: ServiceApi, counter: { calls: number }): ServiceApi {
  return {
    events: service.events,
    handlers: {
      ...service.handlers,
      'app.info': async (...args) => {
        counter.calls += 1;
        return service.handlers['app.info'](...args);
      },
    },
  };
}

describe('app shell', () => {
  it('loads the built renderer, shows the sidebar and the empty state, with no CSP violation', async () => {
    let readViolations: () => Promise<readonly unknown[]> = async () => [];
    const app = await e2e.openApp({
      beforeLoad: async (page) => {
        readViolations = await recordCspViolations(page);
      },
    });
    const shell = new AppShellPage(app.page);

    await expect(shell.sidebar.isVisible()).resolves.toBe(true);
    await expect(shell.navButton('Servers').getAttribute('aria-current')).resolves.toBe('page');
    await expect(shell.heading.textContent()).resolves.toBe('Servers');
    await expect(shell.emptyState.getByRole('heading', { name: 'No Servers yet' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(shell.emptyStateAddButton().isVisible()).resolves.toBe(true);
    await expect(
      shell.emptyState.getByRole('button', { name: 'Try the demo utility' }).isVisible(),
    ).resolves.toBe(true);
    await saveScreenshot(app.page, 'app-shell');

    expect(await readViolations()).toEqual([]);
  });

  it('shows app.info in Settings: version, data folder and the vault warning', async () => {
    const app = await e2e.openApp();
    const shell = new AppShellPage(app.page);
    const settings = await shell.openSettings();

    await expect(settings.fact('Version').textContent()).resolves.toBe('0.1.0');
    await expect(settings.fact('Data folder').textContent()).resolves.toBe(app.dataDir);
    await expect(settings.fact('Stored in').textContent()).resolves.toBe('Memory only');
    await expect(settings.vaultWarning().textContent()).resolves.toContain('Secrets are kept in memory only');
    await saveScreenshot(app.page, 'app-shell-settings');
  });

  it('has no serious or critical accessibility violations (servers, dialog, settings)', async () => {
    const app = await e2e.openApp();
    const shell = new AppShellPage(app.page);
    expect(await seriousA11yViolations(app.page)).toEqual([]);

    const dialog = await shell.openAddServerDialog();
    await dialog.addressField.fill('not a url');
    await dialog.addressField.blur();
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await app.page.keyboard.press('Escape');
    await dialog.root.waitFor({ state: 'detached' });

    await shell.openSettings();
    expect(await seriousA11yViolations(app.page)).toEqual([]);
  });

  it('moves keyboard focus to the first button with a visible focus ring, and runs the dialog by keyboard', async () => {
    const app = await e2e.openApp();
    const shell = new AppShellPage(app.page);

    await app.page.keyboard.press('Tab');
    const focused = await shell.focusedElement();
    expect(focused).toMatchObject({ tag: 'button', text: 'Servers' });
    expect(focused?.outlineStyle).toBe('solid');
    expect(Number.parseFloat(focused?.outlineWidth ?? '0')).toBeGreaterThanOrEqual(2);

    // Tab to the empty state's button, open the dialog with Enter, close it with Escape.
    const addButton = shell.emptyStateAddButton();
    for (let i = 0; i < 6 && !(await isFocused(addButton)); i++) {
      await app.page.keyboard.press('Tab');
    }
    await expect(isFocused(addButton)).resolves.toBe(true);
    await app.page.keyboard.press('Enter');
    const dialog = app.page.getByRole('dialog', { name: 'Add a Server' });
    await dialog.waitFor();
    await expect(isFocused(dialog.getByRole('textbox', { name: 'Server address' }))).resolves.toBe(true);
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(isFocused(addButton)).resolves.toBe(true);
  });

  it('checks the Server address in the add dialog and completes the well-known path', async () => {
    const app = await e2e.openApp();
    const dialog = await new AppShellPage(app.page).openAddServerDialog();

    await dialog.addressField.fill('http://utility.example');
    await dialog.addressField.blur();
    await expect(dialog.errorText().textContent()).resolves.toContain('Use https://');

    await dialog.addressField.fill('utility.example');
    await expect(dialog.preview().textContent()).resolves.toContain(
      'https://utility.example/.well-known/cds-server-metadata.json',
    );
    await expect(dialog.errorText().count()).resolves.toBe(0);
    await saveScreenshot(app.page, 'app-shell-add-server');
  });

  it('shows a failed servers.add with its step and a retry, and a failed servers.addDemo as a toast with a retry', async () => {
    let demoCalls = 0;
    const app = await e2e.openApp({
      wrapService: (service) => ({
        events: service.events,
        handlers: {
          ...service.handlers,
          'servers.addDemo': async () => {
            demoCalls += 1;
            throw Object.assign(new Error('The demo utility could not listen on a loopback port.'), {
              name: 'DemoUnavailable',
              server: 'CDS Companion',
              step: 'servers.addDemo',
            });
          },
        },
      }),
    });
    const shell = new AppShellPage(app.page);

    // Nothing listens on this port: the real Companion's network failure reaches the page intact.
    const dialog = await shell.openAddServerDialog();
    await dialog.addressField.fill(`http://127.0.0.1:${await closedPort()}`);
    await dialog.root.getByRole('button', { name: 'Add Server' }).click();
    const alert = dialog.root.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Step:');
    await expect(alert.getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(true);
    await saveScreenshot(app.page, 'app-shell-add-server-failed');
    await app.page.keyboard.press('Escape');
    await dialog.root.waitFor({ state: 'detached' });

    await shell.emptyState.getByRole('button', { name: 'Try the demo utility' }).click();
    const toast = app.page.locator('.toast');
    await toast.waitFor();
    await expect(toast.textContent()).resolves.toContain('The demo utility could not start');
    await expect(toast.textContent()).resolves.toContain('servers.addDemo');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await toast.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => demoCalls).toBe(2);
    await expect.poll(() => app?.page.locator('.toast').count()).toBe(1);
  });

  it('"Try the demo utility" starts the sandbox in-process and adds it to the sidebar', async () => {
    const app = await e2e.openApp();
    const shell = new AppShellPage(app.page);
    await shell.emptyState.getByRole('button', { name: 'Try the demo utility' }).click();
    await shell.sidebar.getByText('Demo utility (sandbox)').waitFor({ timeout: 30_000 });
    const servers = await app.service.handlers['servers.list']();
    expect(servers.map((server) => ({ name: server.name, demo: server.demo }))).toEqual([
      { name: 'Demo utility (sandbox)', demo: true },
    ]);
    await saveScreenshot(app.page, 'app-shell-demo-added');
  });

  it('follows the system dark mode', async () => {
    const lightApp = await e2e.openApp();
    const light = await new AppShellPage(lightApp.page).backgroundColor();
    await lightApp.close();

    const darkApp = await e2e.openApp({ colorScheme: 'dark' });
    const dark = await new AppShellPage(darkApp.page).backgroundColor();
    expect(dark).not.toBe(light);
    await saveScreenshot(darkApp.page, 'app-shell-dark');
  });

  it('refuses requests without the per-run token (403)', async () => {
    const app = await e2e.openApp();
    const { url } = app.harness;

    for (const path of ['/', '/index.html', '/harness/bridge.js', '/harness/events']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(403);
    }
    const invoke = await fetch(`${url}/harness/invoke/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(invoke.status).toBe(403);
    const wrongToken = await fetch(`${url}/?token=${'x'.repeat(43)}`, { redirect: 'manual' });
    expect(wrongToken.status).toBe(403);
    const wrongHeader = await fetch(`${url}/`, { headers: { 'x-harness-token': 'y'.repeat(43) } });
    expect(wrongHeader.status).toBe(403);
  });

  it('answers 400 to malformed invoke arguments without reaching the handler', async () => {
    const counter = { calls: 0 };
    const app = await e2e.openApp({ wrapService: (service) => countingService(service, counter) });
    const callsAfterLoad = counter.calls;
    expect(callsAfterLoad).toBeGreaterThanOrEqual(1);

    // From the page itself, so the request carries the session cookie like the app's own calls.
    const status = (await app.page.evaluate(`(async () => {
      const response = await fetch('/harness/invoke/app.info', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ unexpected: true }]),
      });
      return { status: response.status, body: await response.json() };
    })()`)) as { status: number; body: { error: { name: string } } };
    expect(status.status).toBe(400);
    expect(status.body.error.name).toBe('InvalidArguments');
    expect(counter.calls).toBe(callsAfterLoad);
  });

  it('blocks an injected inline script with a CSP violation', async () => {
    const app = await e2e.openApp();
    const outcome = await injectInlineScript(app.page);
    expect(outcome.ran).toBe(false);
    expect(outcome.directive).toMatch(/^script-src/);
  });

  it('shows a failed call with its Server and step, and recovers on retry', async () => {
    let calls = 0;
    const app = await e2e.openApp({
      waitForReady: false,
      wrapService: (service) => ({
        events: service.events,
        handlers: {
          ...service.handlers,
          'app.info': async () => {
            calls += 1;
            if (calls === 1) {
              throw Object.assign(new Error('The metadata request timed out.'), {
                name: 'ServerUnreachable',
                server: 'Sandbox Utility',
                step: 'reading metadata',
              });
            }
            return service.handlers['app.info']();
          },
        },
      }),
    });
    await waitForAppState(app.page, 'failed');
    const alert = app.page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('The metadata request timed out.');
    await expect(alert.textContent()).resolves.toContain('Sandbox Utility');
    await expect(alert.textContent()).resolves.toContain('reading metadata');
    await saveScreenshot(app.page, 'app-shell-start-failed');

    await alert.getByRole('button', { name: 'Try again' }).click();
    await waitForAppReady(app.page);
    await expect(new AppShellPage(app.page).heading.textContent()).resolves.toBe('Servers');
  });

  it('delivers service events to window.cds listeners over server-sent events', async () => {
    const app = await e2e.openApp();
    const { events } = app.backend.companion.core;
    await app.page.evaluate(`(() => {
      window.__received = [];
      window.cds.on['server.status']((payload) => window.__received.push(payload));
    })()`);
    // Emitted until the page's stream is subscribed (the app opens it at start).
    await expect
      .poll(async () => {
        events.emit('server.status', { serverId: 'srv-1', status: 'connected' });
        return app?.page.evaluate('window.__received.length');
      })
      .toBeGreaterThan(0);
    expect(await app.page.evaluate('window.__received[0]')).toEqual({
      serverId: 'srv-1',
      status: 'connected',
    });
  });
});
