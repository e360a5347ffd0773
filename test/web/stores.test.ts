import { describe, expect, it } from 'vitest';
import { routeServiceEvents, subscribeServiceEvents } from '../../src/renderer/src/ipc/use-service-events';
import { createAppStore } from '../../src/renderer/src/stores/app-store';
import { createChangesStore, revisionOf } from '../../src/renderer/src/stores/changes-store';
import { createDownloadsStore } from '../../src/renderer/src/stores/downloads-store';
import { createNavigationStore } from '../../src/renderer/src/stores/navigation-store';
import { createRendererStores } from '../../src/renderer/src/stores/renderer-stores';
import { createServersStore } from '../../src/renderer/src/stores/servers-store';
import type { AppInfo } from '../../src/shared/ipc/contract';
import { fakeBridge } from './render';

const info: AppInfo = {
  name: 'CDS Companion',
  version: '1.2.3',
  dataDir: '/data',
  vault: { backend: 'keychain', persistent: true, warning: null },
};

describe('app store', () => {
  it('starts loading and moves through ready and failed by actions only', () => {
    const store = createAppStore();
    expect(store.getState().load).toEqual({ phase: 'loading' });
    store.getState().receiveInfo(info);
    expect(store.getState().load).toEqual({ phase: 'ready', info });
    store
      .getState()
      .failLoading({ name: 'ServerUnreachable', message: 'down', server: 'A', step: 'metadata' });
    expect(store.getState().load).toEqual({
      phase: 'failed',
      failure: { name: 'ServerUnreachable', message: 'down', server: 'A', step: 'metadata' },
    });
    store.getState().startLoading();
    expect(store.getState().load.phase).toBe('loading');
  });

  it('keeps separate state per created store', () => {
    const a = createAppStore();
    const b = createAppStore();
    a.getState().receiveInfo(info);
    expect(b.getState().load.phase).toBe('loading');
  });
});

describe('navigation store', () => {
  it('navigates between the top-level views', () => {
    const store = createNavigationStore();
    expect(store.getState().view).toBe('servers');
    store.getState().navigate('settings');
    expect(store.getState().view).toBe('settings');
  });
});

describe('servers store', () => {
  it('records the latest status per Server and keeps identity when nothing changed', () => {
    const store = createServersStore();
    store.getState().recordStatus({ serverId: 's1', status: 'connecting' });
    store.getState().recordStatus({ serverId: 's2', status: 'connected' });
    store.getState().recordStatus({ serverId: 's1', status: 'connected' });
    const before = store.getState().statusById;
    expect(before).toEqual({ s1: 'connected', s2: 'connected' });
    store.getState().recordStatus({ serverId: 's1', status: 'connected' });
    expect(store.getState().statusById).toBe(before);
  });

  it('selects and clears the selected Server', () => {
    const store = createServersStore();
    store.getState().selectServer('s1');
    expect(store.getState().selectedServerId).toBe('s1');
    store.getState().selectServer(null);
    expect(store.getState().selectedServerId).toBeNull();
  });
});

describe('servers list', () => {
  const server = (id: string, name: string) => ({
    id,
    name,
    metadataUrl: null,
    issuer: `https://${id}.example`,
    demo: false,
    status: 'unknown' as const,
    statusMessage: null,
    registered: false,
    environment: 'none' as const,
    unreadCount: 0,
    lastSync: null,
    lastSyncError: null,
  });

  it('upserts by id, keeps order, and clears the selection of a removed Server', () => {
    const store = createServersStore();
    store.getState().receiveServers([server('a', 'A'), server('b', 'B')]);
    store.getState().upsertServer(server('a', 'A renamed'));
    store.getState().upsertServer(server('c', 'C'));
    expect(store.getState().servers.map((s) => s.name)).toEqual(['A renamed', 'B', 'C']);
    store.getState().selectServer('b');
    store.getState().removeServer('b');
    expect(store.getState().servers.map((s) => s.id)).toEqual(['a', 'c']);
    expect(store.getState().selectedServerId).toBeNull();
  });
});

describe('downloads store', () => {
  it('keeps the latest progress per download and forgets finished ones', () => {
    const store = createDownloadsStore();
    store.getState().recordProgress({ serverId: 's', fileId: 'f', downloadId: 'd', received: 1, total: 4 });
    store.getState().recordProgress({ serverId: 's', fileId: 'f', downloadId: 'd', received: 4, total: 4 });
    expect(store.getState().byId.d?.received).toBe(4);
    store.getState().forget('d');
    expect(store.getState().byId).toEqual({});
    const before = store.getState().byId;
    store.getState().forget('unknown');
    expect(store.getState().byId).toBe(before);
  });
});

describe('changes store', () => {
  it('counts changes per area and Server, and whole-area changes count for every Server', () => {
    const store = createChangesStore();
    store.getState().noteChange('clients', 's1');
    store.getState().noteChange('clients', 's1');
    store.getState().noteChange('clients', null);
    expect(revisionOf(store.getState(), 'clients', 's1')).toBe(3);
    expect(revisionOf(store.getState(), 'clients', 's2')).toBe(1);
    expect(revisionOf(store.getState(), 'credentials', 's1')).toBe(0);
  });
});

describe('the service event subscription point', () => {
  it('routes every contract event to a store action', () => {
    const stores = createRendererStores();
    const routing = routeServiceEvents(stores);
    routing['server.status']({ serverId: 'x', status: 'error' });
    expect(stores.servers.getState().statusById).toEqual({ x: 'error' });
    routing['clients.changed']({ serverId: 'x' });
    routing['credentials.changed']({ serverId: 'x', clientId: null });
    routing['servers.changed']({ serverId: null, reason: 'synced' });
    routing['files.changed']({ serverId: 'x' });
    routing['grants.changed']({ serverId: 'x' });
    routing['messages.changed']({ serverId: 'x', unreadCount: 2, outstandingCount: 1 });
    routing['download.progress']({ serverId: 'x', fileId: 'f', downloadId: 'd1', received: 5, total: 10 });
    routing['sync.polled']({ at: '2025-01-01T00:00:00Z', servers: 1 });
    routing['keys.changed']({ serverId: 'x' });
    routing['authorization.changed']({ serverId: 'x', flowId: 'f1', status: 'waiting' });
    routing['authorization.changed']({ serverId: 'x', flowId: 'f1', status: 'completed' });
    expect(stores.authorization.getState().flowsById.f1?.status).toBe('completed');
    const changes = stores.changes.getState();
    for (const area of [
      'clients',
      'credentials',
      'servers',
      'files',
      'grants',
      'messages',
      'keys',
    ] as const) {
      expect(revisionOf(changes, area, 'x'), area).toBe(1);
    }
    expect(stores.downloads.getState().byId.d1).toMatchObject({ received: 5, total: 10 });
    expect(stores.servers.getState().lastPolledAt).toBe('2025-01-01T00:00:00Z');
  });

  it('drops a removed Server from the list', () => {
    const stores = createRendererStores();
    stores.servers.getState().receiveServers([
      {
        id: 'gone',
        name: 'Gone',
        metadataUrl: null,
        issuer: 'https://gone.example',
        demo: false,
        status: 'unknown',
        statusMessage: null,
        registered: true,
        environment: 'sandbox',
        unreadCount: 0,
        lastSync: null,
        lastSyncError: null,
      },
    ]);
    routeServiceEvents(stores)['messages.changed']({ serverId: 'gone', unreadCount: 4, outstandingCount: 0 });
    expect(stores.servers.getState().servers[0]?.unreadCount).toBe(4);
    routeServiceEvents(stores)['servers.changed']({ serverId: 'gone', reason: 'removed' });
    expect(stores.servers.getState().servers).toEqual([]);
  });

  it('subscribes through window.cds-shaped API and unsubscribes everything', () => {
    const stores = createRendererStores();
    const bridge = fakeBridge({});
    const unsubscribe = subscribeServiceEvents(bridge.api, stores);
    expect(bridge.listenerCount('server.status')).toBe(1);
    bridge.emit('server.status', { serverId: 'u1', status: 'connected' });
    expect(stores.servers.getState().statusById).toEqual({ u1: 'connected' });
    unsubscribe();
    expect(bridge.listenerCount('server.status')).toBe(0);
    bridge.emit('server.status', { serverId: 'u1', status: 'gone' });
    expect(stores.servers.getState().statusById).toEqual({ u1: 'connected' });
  });
});
