import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/app';
import { createToastQueue } from '../../src/renderer/src/components/toast-region';
import { createRendererStores } from '../../src/renderer/src/stores/renderer-stores';
import type { AppInfo } from '../../src/shared/ipc/contract';
import { buttonByName, fakeBridge, flush, press, type Rendered, render, typeInto } from './render';

const info: AppInfo = {
  name: 'CDS Companion',
  version: '9.8.7',
  dataDir: '/home/ada/.config/cds-companion',
  vault: { backend: 'memory', persistent: false, warning: 'Secrets are kept in memory only.' },
};

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  delete document.documentElement.dataset.appState;
});

describe('<App>', () => {
  it('signals ready after app.info answers, with the sidebar and the empty state', async () => {
    let answer: (value: AppInfo) => void = () => undefined;
    const bridge = fakeBridge({
      'app.info': () => new Promise((resolve) => (answer = resolve)),
      'servers.list': async () => [],
    });
    view = await render(<App api={bridge.api} stores={createRendererStores()} toasts={createToastQueue()} />);

    expect(document.documentElement.dataset.appState).toBe('loading');
    expect(view.container.querySelector('[role=progressbar]')?.getAttribute('aria-label')).toBe(
      'Starting CDS Companion',
    );
    answer(info);
    await flush();

    expect(document.documentElement.dataset.appState).toBe('ready');
    // The frame lists the Servers once it shows.
    expect(bridge.calls).toEqual([
      { method: 'app.info', args: [] },
      { method: 'servers.list', args: [] },
    ]);
    expect(view.container.querySelector('nav[aria-label=Main]')).not.toBeNull();
    expect(view.container.querySelector('h1')?.textContent).toBe('Servers');
    expect(view.container.querySelector('section[aria-label="No Servers yet"]')).not.toBeNull();
  });

  it('shows app.info in Settings, including the vault warning', async () => {
    const bridge = fakeBridge({ 'app.info': async () => info });
    view = await render(<App api={bridge.api} stores={createRendererStores()} toasts={createToastQueue()} />);
    await flush();

    const nav = view.container.querySelector('nav') as HTMLElement;
    await press(buttonByName(nav, 'Settings'));
    expect(view.container.querySelector('h1')?.textContent).toBe('Settings');
    expect(buttonByName(nav, 'Settings')?.getAttribute('aria-current')).toBe('page');
    const text = view.container.textContent ?? '';
    expect(text).toContain('9.8.7');
    expect(text).toContain('/home/ada/.config/cds-companion');
    expect(text).toContain('Memory only');
    expect(text).toContain('Secrets are kept in memory only.');
  });

  it('shows a failed start with the Server and step, and retries', async () => {
    let attempts = 0;
    const bridge = fakeBridge({
      'app.info': async () => {
        attempts += 1;
        if (attempts === 1)
          throw Object.assign(new Error('Vault locked'), { server: 'Local', step: 'opening the vault' });
        return info;
      },
    });
    view = await render(<App api={bridge.api} stores={createRendererStores()} toasts={createToastQueue()} />);
    await flush();

    expect(document.documentElement.dataset.appState).toBe('failed');
    const alert = view.container.querySelector('[role=alert]') as HTMLElement;
    expect(alert.textContent).toContain('Vault locked');
    expect(alert.textContent).toContain('Server: Local');
    expect(alert.textContent).toContain('Step: opening the vault');

    await press(buttonByName(alert, 'Try again'));
    await flush();
    expect(document.documentElement.dataset.appState).toBe('ready');
    expect(attempts).toBe(2);
  });

  it('folds service events into the stores through the one subscription point', async () => {
    const bridge = fakeBridge({ 'app.info': async () => info });
    const stores = createRendererStores();
    view = await render(<App api={bridge.api} stores={stores} toasts={createToastQueue()} />);
    await flush();
    expect(bridge.listenerCount('server.status')).toBe(1);
    bridge.emit('server.status', { serverId: 'srv', status: 'connected' });
    expect(stores.servers.getState().statusById).toEqual({ srv: 'connected' });
    await view.unmount();
    view = null;
    expect(bridge.listenerCount('server.status')).toBe(0);
  });

  it('adds a Server through servers.add and lists it in the sidebar and the table', async () => {
    const summary = {
      id: 'srv-1',
      name: 'Sandbox Utility',
      metadataUrl: 'https://utility.example/.well-known/cds-server-metadata.json',
      issuer: 'https://utility.example',
      demo: false,
      status: 'reachable' as const,
      statusMessage: null,
      registered: false,
      environment: 'none' as const,
      unreadCount: 0,
      lastSync: null,
      lastSyncError: null,
    };
    const bridge = fakeBridge({
      'app.info': async () => info,
      'servers.list': async () => [],
      'servers.add': async () => summary,
    });
    view = await render(<App api={bridge.api} stores={createRendererStores()} toasts={createToastQueue()} />);
    await flush();

    const emptyState = view.container.querySelector('section[aria-label="No Servers yet"]') as HTMLElement;
    await press(buttonByName(emptyState, 'Add a Server'));
    await typeInto(document.querySelector('[role=dialog] input'), 'utility.example');
    await press(buttonByName(document.querySelector('[role=dialog]') as HTMLElement, 'Add Server'));
    await flush();

    expect(bridge.calls.find((call) => call.method === 'servers.add')).toEqual({
      method: 'servers.add',
      args: [{ url: 'https://utility.example/.well-known/cds-server-metadata.json' }],
    });
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(view.container.querySelector('nav ul')?.textContent).toContain('Sandbox Utility');
    // A new Server opens its workspace (the servers.get fake is missing: its error state shows).
    expect(view.container.querySelector('h1')?.textContent).toBe('Sandbox Utility');
    expect(view.container.querySelector('[aria-label="Sandbox Utility status"]')?.textContent).toContain(
      'Reachable',
    );
    expect(document.querySelector('.toast-region')?.textContent).toContain('Sandbox Utility added');
  });

  it('shows a failed demo start as a toast with the step and a retry', async () => {
    let attempts = 0;
    const bridge = fakeBridge({
      'app.info': async () => info,
      'servers.list': async () => [],
      'servers.addDemo': async () => {
        attempts += 1;
        throw Object.assign(new Error('Port in use'), { step: 'starting the demo utility' });
      },
    });
    view = await render(<App api={bridge.api} stores={createRendererStores()} toasts={createToastQueue()} />);
    await flush();
    const emptyState = view.container.querySelector('section[aria-label="No Servers yet"]') as HTMLElement;
    await press(buttonByName(emptyState, 'Try the demo utility'));
    await flush();
    const region = document.querySelector('.toast-region') as HTMLElement;
    expect(region.textContent).toContain('Port in use (starting the demo utility)');
    await press(buttonByName(region, 'Try again'));
    await flush();
    expect(attempts).toBe(2);
  });

  it('opens the add-server dialog from the empty state and the sidebar', async () => {
    const bridge = fakeBridge({ 'app.info': async () => info, 'servers.list': async () => [] });
    view = await render(<App api={bridge.api} stores={createRendererStores()} toasts={createToastQueue()} />);
    await flush();

    const emptyState = view.container.querySelector('section[aria-label="No Servers yet"]') as HTMLElement;
    await press(buttonByName(emptyState, 'Add a Server'));
    const dialog = document.querySelector('[role=dialog]');
    expect(dialog?.textContent).toContain('Server address');
    await press(buttonByName(dialog as HTMLElement, 'Cancel'));
    await flush();
    expect(document.querySelector('[role=dialog]')).toBeNull();

    await press(buttonByName(view.container.querySelector('nav') as HTMLElement, 'Add a Server'));
    expect(document.querySelector('[role=dialog]')).not.toBeNull();
  });
});
