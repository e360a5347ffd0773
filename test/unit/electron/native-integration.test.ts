import { describe, expect, it } from 'vitest';
import type { CreateCompanionOptions } from '../../../src/main/companion/companion';
import type { DesktopNotification } from '../../../src/main/electron/desktop-integration';
import { createFolderPicker, createShowItemInFolder } from '../../../src/main/electron/native-dialogs';
import { createCompanionServiceFactory } from '../../../src/main/electron/service-factory';
import { acquireSingleInstance } from '../../../src/main/electron/single-instance';
import { fakeService } from './fake-service';

describe('single instance', () => {
  function fakeApp(locked: boolean) {
    const calls: string[] = [];
    let secondInstance: (() => void) | undefined;
    return {
      calls,
      fire: () => secondInstance?.(),
      app: {
        requestSingleInstanceLock: () => locked,
        on: (_event: 'second-instance', listener: () => void) => {
          secondInstance = listener;
        },
        quit: () => calls.push('quit'),
      },
    };
  }

  it('focuses the existing window when launched again', () => {
    const fake = fakeApp(true);
    const focused: string[] = [];
    expect(acquireSingleInstance(fake.app, () => focused.push('focus'))).toBe(true);
    fake.fire();
    expect(focused).toEqual(['focus']);
    expect(fake.calls).toEqual([]);
  });

  it('quits the second launch', () => {
    const fake = fakeApp(false);
    expect(acquireSingleInstance(fake.app, () => undefined)).toBe(false);
    expect(fake.calls).toEqual(['quit']);
  });
});

describe('native dialogs', () => {
  it('returns the chosen folder, or null when cancelled or windowless', async () => {
    const requests: unknown[] = [];
    let answer = { canceled: false, filePaths: ['/home/me/Downloads'] };
    const pick = createFolderPicker(
      {
        showOpenDialog: async (window: string, options) => {
          requests.push([window, options]);
          return answer;
        },
      },
      () => 'main-window',
    );
    await expect(pick({ title: 'Download to' })).resolves.toBe('/home/me/Downloads');
    expect(requests).toEqual([
      ['main-window', { title: 'Download to', properties: ['openDirectory', 'createDirectory'] }],
    ]);
    answer = { canceled: true, filePaths: [] };
    await expect(pick()).resolves.toBeNull();
    const windowless = createFolderPicker({ showOpenDialog: async () => answer }, () => null);
    await expect(windowless()).resolves.toBeNull();
  });

  it('reveals absolute paths only', () => {
    const shown: string[] = [];
    const show = createShowItemInFolder({ showItemInFolder: (path) => shown.push(path) });
    show('/home/me/Downloads/usage.csv');
    expect(() => show('usage.csv')).toThrow(/absolute/);
    expect(() => show('https://evil.example/')).toThrow(/absolute/);
    expect(() => show('/tmp/a\0b')).toThrow(/absolute/);
    expect(shown).toEqual(['/home/me/Downloads/usage.csv']);
  });
});

describe('the Companion service adapter', () => {
  it('opens the Companion on the data folder with the hardened opener and shows start problems', async () => {
    const { service: inner } = fakeService();
    const opened: CreateCompanionOptions[] = [];
    const notified: DesktopNotification[] = [];
    let closed = 0;
    const openExternal = async () => undefined;
    const create = createCompanionServiceFactory(async (options) => {
      opened.push(options);
      return {
        api: inner,
        startProblems: ['Utility A: the secret rotation could not finish yet'],
        close: async () => {
          closed += 1;
        },
      };
    });
    const service = await create({
      appName: 'CDS Companion',
      appVersion: '0.1.0',
      dataDir: '/data',
      openExternal,
      pickFolder: async () => null,
      showItemInFolder: () => undefined,
      notify: (notification) => notified.push(notification),
    });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ dataDir: '/data', version: '0.1.0' });
    expect(opened[0]?.openExternal).toBe(openExternal);
    expect(service.handlers).toBe(inner.handlers);
    expect(service.events).toBe(inner.events);
    expect(notified.map((notification) => notification.body)).toEqual([
      'Utility A: the secret rotation could not finish yet',
    ]);
    await service.close();
    expect(closed).toBe(1);
  });
});
