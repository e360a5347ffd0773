import { afterEach, describe, expect, it } from 'vitest';
import { describePolling, parseWholeNumber, SettingsView } from '../../src/renderer/src/views/settings-view';
import type { AppInfo } from '../../src/shared/ipc/contract';
import type { SettingsView as SettingsModel, SettingsUpdate } from '../../src/shared/ipc/settings-contract';
import { bodyText, type Handlers, inputByLabel, withApp } from './customer-data-providers';
import { buttonByName, flush, press, type Rendered, render, typeInto } from './render';

const info: AppInfo = {
  name: 'CDS Companion',
  version: '1.2.3',
  dataDir: '/home/ada/.config/cds-companion',
  vault: { backend: 'memory', persistent: false, warning: 'No keychain: secrets are kept in memory only.' },
};

const settings = (extra: Partial<SettingsModel> = {}): SettingsModel => ({
  pollingIntervalMinutes: 15,
  rotation: {
    automatic: true,
    daysBeforeExpiry: 14,
    lastRunAt: null,
    lastRunRotated: null,
    lastRunProblem: null,
    nextRunAt: '2025-09-02T00:00:00Z',
  },
  downloadFolder: '/home/ada/Downloads',
  downloadFolderIsDefault: true,
  dataDir: '/home/ada/.config/cds-companion',
  vault: info.vault,
  ...extra,
});

let view: Rendered | null = null;
let stop: (() => void) | null = null;
afterEach(async () => {
  stop?.();
  stop = null;
  await view?.unmount();
  view = null;
});

async function show(handlers: Handlers) {
  const app = withApp({ 'activity.list': async () => [], ...handlers });
  stop = app.unsubscribe;
  view = await render(app.wrap(<SettingsView info={info} />));
  await flush();
  return app;
}

const saveButtons = () =>
  [...document.querySelectorAll('button')].filter((button) => button.textContent === 'Save');

describe('settings wording', () => {
  it('describes the polling interval and reads whole numbers only', () => {
    expect(describePolling(0)).toMatch(/^Off/);
    expect(describePolling(15)).toBe('Every 15 minutes');
    expect(describePolling(60)).toBe('Every hour');
    expect(describePolling(120)).toBe('Every 2 hours');
    expect(parseWholeNumber(' 30 ', 0, 1440)).toEqual({ value: 30 });
    expect(parseWholeNumber('2.5', 0, 1440)).toEqual({ problem: 'Enter a whole number from 0 to 1440.' });
    expect(parseWholeNumber('5000', 0, 1440)).toHaveProperty('problem');
  });
});

describe('<SettingsView>', () => {
  it('shows the data folder, the vault and its warning, the polling interval and the rotation policy', async () => {
    await show({ 'settings.get': async () => settings() });
    const text = bodyText();
    expect(text).toContain('Secrets are not saved on this computer');
    expect(text).toContain('No keychain: secrets are kept in memory only.');
    expect(text).toContain('Memory only');
    expect(text).toContain('/home/ada/.config/cds-companion');
    expect(text).toContain('Every 15 minutes');
    expect(inputByLabel('Minutes between checks')?.value).toBe('15');
    expect(inputByLabel('Days before expiry')?.value).toBe('14');
    expect(text).toContain('Renew secrets automatically');
    expect(text).toContain('1.2.3');
  });

  it('lists problems with the saved data, asking app.info again when Settings opens', async () => {
    await show({ 'settings.get': async () => settings(), 'app.info': async () => info });
    expect(bodyText()).not.toContain('Some saved data had a problem');
    stop?.();
    await view?.unmount();
    const problem =
      'Could not save /home/ada/.config/cds-companion/state/grants.json (ENOSPC); the previous version is kept.';
    await show({
      'settings.get': async () => settings(),
      'app.info': async () => ({ ...info, storeProblems: [problem] }),
    });
    const text = bodyText();
    expect(text).toContain('Some saved data had a problem');
    expect(text).toContain(problem);
  });

  it('changes the polling interval, with a toast, and follows settings.changed', async () => {
    const updates: SettingsUpdate[] = [];
    const app = await show({
      'settings.get': async () => settings(),
      'settings.update': async (update) => {
        updates.push(update as SettingsUpdate);
        return settings({ pollingIntervalMinutes: 30 });
      },
    });
    await typeInto(inputByLabel('Minutes between checks'), '30');
    await press(saveButtons()[0] ?? null);
    await flush();
    expect(updates).toEqual([{ pollingIntervalMinutes: 30 }]);
    expect(bodyText()).toContain('Every 30 minutes');
    expect(bodyText()).toContain('Checking the Servers every 30 minutes');

    app.emit('settings.changed', settings({ pollingIntervalMinutes: 0 }));
    await flush();
    expect(bodyText()).toContain('Off: CDS Companion checks only when you press “Sync now”');
    expect(inputByLabel('Minutes between checks')?.value).toBe('0');
  });

  it('refuses a bad number before calling, and shows a refusal with the Server and step', async () => {
    const app = await show({
      'settings.get': async () => settings(),
      'settings.update': async () => {
        throw Object.assign(new Error('the folder /nope does not exist'), {
          server: 'CDS Companion',
          step: 'changing the settings',
        });
      },
    });
    await typeInto(inputByLabel('Minutes between checks'), 'often');
    await press(saveButtons()[0] ?? null);
    await flush();
    expect(app.calls.some((call) => call.method === 'settings.update')).toBe(false);
    expect(bodyText()).toContain('Enter a whole number from 0 to 1440.');

    await typeInto(inputByLabel('Download folder'), '/nope');
    await press(saveButtons()[2] ?? null);
    await flush();
    expect(app.calls.find((call) => call.method === 'settings.update')?.args).toEqual([
      { downloadFolder: '/nope' },
    ]);
    expect(bodyText()).toContain('the folder /nope does not exist (CDS Companion · changing the settings)');
  });

  it('saves the rotation policy', async () => {
    const updates: SettingsUpdate[] = [];
    await show({
      'settings.get': async () => settings(),
      'settings.update': async (update) => {
        updates.push(update as SettingsUpdate);
        return settings();
      },
    });
    await typeInto(inputByLabel('Days before expiry'), '30');
    await press(saveButtons()[1] ?? null);
    await flush();
    expect(updates).toEqual([{ automaticRotation: true, rotationDaysBeforeExpiry: 30 }]);
  });

  it('still shows what app.info knows when the settings cannot be loaded', async () => {
    await show({
      'settings.get': async () => {
        throw Object.assign(new Error('the store is locked'), { step: 'reading the settings' });
      },
    });
    const text = bodyText();
    expect(text).toContain('The settings could not be loaded');
    expect(text).toContain('reading the settings');
    expect(text).toContain('/home/ada/.config/cds-companion');
    expect(text).toContain('No keychain: secrets are kept in memory only.');
    expect(buttonByName(document.body, 'Try again')).not.toBeNull();
  });
});
