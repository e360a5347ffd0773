import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/app';
import { DateTime, ServerTimeZoneProvider } from '../../src/renderer/src/components/date-time';
import { createToastQueue } from '../../src/renderer/src/components/toast-region';
import { serversRevision } from '../../src/renderer/src/ipc/use-server-list';
import { createChangesStore } from '../../src/renderer/src/stores/changes-store';
import { createNavigationStore } from '../../src/renderer/src/stores/navigation-store';
import { createRendererStores } from '../../src/renderer/src/stores/renderer-stores';
import { createServersStore, statusOf } from '../../src/renderer/src/stores/servers-store';
import { withCompanions } from '../../src/renderer/src/views/server/scope-picker';
import type { AppInfo } from '../../src/shared/ipc/contract';
import type { ScopeView, ServerOverview, ServerSummary } from '../../src/shared/ipc/servers-contract';
import { buttonByName, fakeBridge, flush, press, type Rendered, render } from './render';

const info: AppInfo = {
  name: 'CDS Companion',
  version: '1.0.0',
  dataDir: '/tmp/cds',
  vault: { backend: 'keychain', persistent: true, warning: null },
};

const summary: ServerSummary = {
  id: 'srv-1',
  name: 'Grid Utility',
  metadataUrl: 'https://grid.example/.well-known/cds-server-metadata.json',
  issuer: 'https://grid.example',
  demo: false,
  status: 'reachable',
  statusMessage: null,
  registered: false,
  environment: 'none',
  unreadCount: 3,
  lastSync: null,
  lastSyncError: null,
};

const scope = (id: string, kind: ScopeView['kind'], extra: Partial<ScopeView> = {}): ScopeView => ({
  id,
  type: id,
  kind,
  name: id,
  description: `${id} description`,
  documentation: `https://grid.example/docs/${id}`,
  compatible: kind !== 'unknown',
  registrable: true,
  userAuthorization: false,
  grantAdminScope: null,
  coverageIds: [],
  requirements: [],
  optional: [],
  plainlyFillable: true,
  ...extra,
});

const overview: ServerOverview = {
  ...summary,
  description: 'A utility for tests.',
  oauthMetadataUrl: 'https://grid.example/.well-known/oauth-authorization-server',
  website: 'https://grid.example',
  documentation: 'https://grid.example/docs',
  support: 'javascript:alert(1)',
  capabilities: ['coverage', 'oauth'],
  coverage: {
    entryCount: 1,
    entities: ['Grid Utility'],
    countries: ['US'],
    commodityTypes: ['natural_gas'],
    infrastructureTypes: [],
    roles: [],
    complete: true,
    error: null,
  },
  scopes: [
    scope('cds_client_admin', 'clientAdmin'),
    scope('cds_accounts_1', 'customerData', { grantAdminScope: 'cds_grant_admin_1' }),
    scope('cds_grant_admin_1', 'grantAdmin'),
  ],
  links: [{ label: 'Terms of service', uri: 'https://grid.example/terms' }],
  registration: null,
  warnings: [],
  legacyDraft: false,
  timezone: 'America/Chicago',
};

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  delete document.documentElement.dataset.appState;
});

describe('workspace stores', () => {
  it('prefers a newer server.status event and drops it once the list catches up', () => {
    const store = createServersStore();
    store.getState().receiveServers([summary]);
    store.getState().recordStatus({ serverId: 'srv-1', status: 'unreachable' });
    expect(statusOf(store.getState(), summary)).toBe('unreachable');
    store.getState().receiveServers([{ ...summary, status: 'unreachable' }]);
    expect(store.getState().statusById).toEqual({});
    expect(store.getState().load).toEqual({ phase: 'ready' });
  });

  it('clears the selection when the listed Servers no longer include it', () => {
    const store = createServersStore();
    store.getState().receiveServers([summary]);
    store.getState().selectServer('srv-1');
    store.getState().receiveServers([]);
    expect(store.getState().selectedServerId).toBeNull();
  });

  it('opens a section with an optional focus', () => {
    const navigation = createNavigationStore();
    navigation.getState().openSection('clients', 'client-9');
    expect(navigation.getState()).toMatchObject({ view: 'server', section: 'clients', focus: 'client-9' });
    navigation.getState().openSection('overview');
    expect(navigation.getState().focus).toBeNull();
  });

  it('counts every servers.changed event for the list reload', () => {
    const changes = createChangesStore();
    changes.getState().noteChange('servers', 'a');
    changes.getState().noteChange('servers', null);
    changes.getState().noteChange('clients', 'a');
    expect(serversRevision(changes.getState())).toBe(2);
  });

  it('adds the Grant Admin scope a chosen scope names', () => {
    expect(withCompanions(overview.scopes, ['cds_accounts_1'])).toEqual([
      'cds_accounts_1',
      'cds_grant_admin_1',
    ]);
  });
});

describe('<DateTime>', () => {
  it('shows local time and the Server time zone on hover', async () => {
    view = await render(
      <ServerTimeZoneProvider timeZone="America/Chicago">
        <DateTime value="2025-03-12T14:05:00Z" />
      </ServerTimeZoneProvider>,
    );
    const time = view.container.querySelector('time') as HTMLElement;
    expect(time.getAttribute('datetime')).toBe('2025-03-12T14:05:00Z');
    expect(time.getAttribute('title')).toContain('America/Chicago');
    expect(time.textContent).toMatch(/2025/);
  });

  it('shows a value that is not a date as given', async () => {
    view = await render(<DateTime value="soon" />);
    expect(view.container.textContent).toBe('soon');
  });
});

describe('the Server workspace', () => {
  it('lists Servers at start, opens one, and shows its overview with safe links', async () => {
    const bridge = fakeBridge({
      'app.info': async () => info,
      'servers.list': async () => [summary],
      'servers.get': async () => overview,
    });
    const stores = createRendererStores();
    view = await render(<App api={bridge.api} stores={stores} toasts={createToastQueue()} />);
    await flush();

    const nav = view.container.querySelector('nav') as HTMLElement;
    const entry = nav.querySelector('[data-server-id="srv-1"]') as HTMLElement;
    expect(entry.textContent).toContain('Grid Utility');
    expect(entry.textContent).toContain('Reachable · Not registered');
    expect(entry.querySelector('[aria-label="3 unread messages"]')).not.toBeNull();

    await press(entry);
    await flush();
    expect(entry.getAttribute('aria-current')).toBe('page');
    expect(bridge.calls.some((call) => call.method === 'servers.get')).toBe(true);
    expect(view.container.querySelector('h1')?.textContent).toBe('Grid Utility');
    const tabs = [...view.container.querySelectorAll('[role=tab]')].map((tab) => tab.textContent);
    expect(tabs.slice(0, 3)).toEqual(['Overview', 'Registration', 'Client Objects']);
    const panel = view.container.querySelector('[role=tabpanel]') as HTMLElement;
    expect(panel.textContent).toContain('Natural gas');
    expect(panel.textContent).toContain('United States');
    const terms = [...panel.querySelectorAll('a')].find((link) =>
      link.textContent?.includes('Terms of service'),
    );
    expect(terms?.getAttribute('target')).toBe('_blank');
    expect(terms?.getAttribute('rel')).toBe('noopener noreferrer');
    // A non-web link from a Server is never made clickable.
    expect(
      [...panel.querySelectorAll('a')].some((link) => link.getAttribute('href')?.startsWith('javascript:')),
    ).toBe(false);

    // servers.changed reloads the list (the one subscription point bumps the revision).
    const listCalls = bridge.calls.filter((call) => call.method === 'servers.list').length;
    bridge.emit('servers.changed', { serverId: 'srv-1', reason: 'updated' });
    await flush();
    expect(bridge.calls.filter((call) => call.method === 'servers.list').length).toBe(listCalls + 1);
  });

  it('shows a failed servers.get with the Server and step, and retries', async () => {
    let attempts = 0;
    const bridge = fakeBridge({
      'app.info': async () => info,
      'servers.list': async () => [summary],
      'servers.get': async () => {
        attempts += 1;
        if (attempts === 1)
          throw Object.assign(new Error('metadata unreadable'), {
            server: 'Grid Utility',
            step: 'showing the Server',
          });
        return overview;
      },
    });
    const stores = createRendererStores();
    view = await render(<App api={bridge.api} stores={stores} toasts={createToastQueue()} />);
    await flush();
    await press(view.container.querySelector('[data-server-id="srv-1"]'));
    await flush();
    const alert = view.container.querySelector('[role=alert]') as HTMLElement;
    expect(alert.textContent).toContain('metadata unreadable');
    expect(alert.textContent).toContain('Step: showing the Server');
    await press(buttonByName(alert, 'Try again'));
    await flush();
    expect(view.container.querySelector('[role=tabpanel]')?.textContent).toContain('About this Server');
  });

  const removal = {
    serverId: 'srv-1',
    name: 'Grid Utility',
    revoked: 0,
    revocationFailures: [],
    deleted: true,
  };

  /** The app over a bridge whose `servers.remove` is `remove`, with the Server's removal dialog open. */
  async function openRemoveDialog(remove: () => Promise<typeof removal>) {
    const bridge = fakeBridge({
      'app.info': async () => info,
      'servers.list': async () => [summary],
      'servers.get': async () => overview,
      'servers.remove': remove,
    });
    const stores = createRendererStores();
    const rendered = await render(<App api={bridge.api} stores={stores} toasts={createToastQueue()} />);
    view = rendered;
    await flush();
    await press(rendered.container.querySelector('[data-server-id="srv-1"]'));
    await flush();
    await press(buttonByName(rendered.container, 'Remove…'));
    return { bridge, stores, dialog: document.querySelector('[role=dialog]') as HTMLElement };
  }

  it('removes a Server after confirmation and returns to the list', async () => {
    const { bridge, stores, dialog } = await openRemoveDialog(async () => removal);
    expect(dialog.textContent).toContain('delete from this computer');
    expect(dialog.textContent).toContain('nothing is revoked');
    await press(buttonByName(dialog, 'Remove Grid Utility'));
    await flush();
    expect(bridge.calls.at(-1)).toEqual({ method: 'servers.remove', args: ['srv-1'] });
    expect(stores.servers.getState().servers).toEqual([]);
    expect(stores.navigation.getState().view).toBe('servers');
    expect(document.querySelector('.toast-region')?.textContent).toContain('Grid Utility removed');
  });

  it('keeps the removal dialog open with the failure and a retry when removing fails', async () => {
    let attempts = 0;
    const { stores, dialog } = await openRemoveDialog(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('The keychain is locked');
      return removal;
    });
    await press(buttonByName(dialog, 'Remove Grid Utility'));
    await flush();
    const alert = dialog.querySelector('[role=alert]') as HTMLElement;
    expect(alert.getAttribute('aria-label')).toBe('The Server could not be removed');
    expect(alert.textContent).toContain('The keychain is locked');
    expect(document.querySelector('[role=dialog]')).toBe(dialog);
    expect(stores.servers.getState().servers).toHaveLength(1);
    await press(buttonByName(alert, 'Try again'));
    await flush();
    expect(attempts).toBe(2);
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(stores.servers.getState().servers).toEqual([]);
  });
});
