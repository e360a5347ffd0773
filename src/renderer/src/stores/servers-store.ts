import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { ServerStatus, ServerSummary } from '../../../shared/ipc/servers-contract';
import type { ServiceFailure } from '../ipc/service-failure';

export type ServerStatusEvent = EventPayload<'server.status'>;

/** Where the `servers.list` call stands: the sidebar and the Servers view show it. */
export type ServersLoad =
  | { readonly phase: 'idle' }
  | { readonly phase: 'loading' }
  | { readonly phase: 'ready' }
  | { readonly phase: 'failed'; readonly failure: ServiceFailure };

export interface ServersState {
  /** The Servers this renderer knows, in the order the service listed or added them. */
  readonly servers: readonly ServerSummary[];
  readonly load: ServersLoad;
  /** The latest connection status the service reported per Server id (event `server.status`). */
  readonly statusById: Readonly<Record<string, string>>;
  readonly selectedServerId: string | null;
  /** When the service last polled the Servers (event `sync.polled`). */
  readonly lastPolledAt: string | null;
  readonly startLoading: () => void;
  readonly failLoading: (failure: ServiceFailure) => void;
  readonly receiveServers: (servers: readonly ServerSummary[]) => void;
  readonly upsertServer: (server: ServerSummary) => void;
  readonly removeServer: (serverId: string) => void;
  readonly recordStatus: (event: ServerStatusEvent) => void;
  readonly recordUnreadCount: (serverId: string, unreadCount: number) => void;
  readonly recordPoll: (at: string) => void;
  readonly selectServer: (serverId: string | null) => void;
}

export type ServersStore = StoreApi<ServersState>;

const knownStatuses: readonly string[] = ['unknown', 'reachable', 'unreachable', 'error'];

/**
 * A Server's status as the views show it: a `server.status` event newer than the last list wins over
 * the listed one (the list is refetched on `servers.changed`, which clears the override).
 */
export function statusOf(state: Pick<ServersState, 'statusById'>, server: ServerSummary): ServerStatus {
  const reported = state.statusById[server.id];
  return reported !== undefined && knownStatuses.includes(reported)
    ? (reported as ServerStatus)
    : server.status;
}

export function selectedServer(
  state: Pick<ServersState, 'servers' | 'selectedServerId'>,
): ServerSummary | null {
  return state.servers.find((server) => server.id === state.selectedServerId) ?? null;
}

export function createServersStore(): ServersStore {
  return createStore<ServersState>()((set) => ({
    servers: [],
    load: { phase: 'idle' },
    statusById: {},
    selectedServerId: null,
    lastPolledAt: null,
    startLoading: () =>
      set((state) => (state.load.phase === 'ready' ? state : { load: { phase: 'loading' } })),
    failLoading: (failure) => set({ load: { phase: 'failed', failure } }),
    receiveServers: (servers) =>
      set((state) => ({
        servers: [...servers],
        load: { phase: 'ready' },
        // The list carries the freshest status: drop overrides it has caught up with.
        statusById: Object.fromEntries(
          Object.entries(state.statusById).filter(([id, status]) =>
            servers.some((server) => server.id === id && server.status !== status),
          ),
        ),
        selectedServerId: servers.some((server) => server.id === state.selectedServerId)
          ? state.selectedServerId
          : null,
      })),
    upsertServer: (server) =>
      set((state) => {
        const at = state.servers.findIndex((known) => known.id === server.id);
        if (at < 0) return { servers: [...state.servers, server] };
        return { servers: state.servers.map((known, index) => (index === at ? server : known)) };
      }),
    removeServer: (serverId) =>
      set((state) => ({
        servers: state.servers.filter((server) => server.id !== serverId),
        selectedServerId: state.selectedServerId === serverId ? null : state.selectedServerId,
      })),
    recordStatus: ({ serverId, status }) =>
      set((state) =>
        state.statusById[serverId] === status
          ? state
          : { statusById: { ...state.statusById, [serverId]: status } },
      ),
    recordUnreadCount: (serverId, unreadCount) =>
      set((state) => ({
        servers: state.servers.map((server) =>
          server.id === serverId && server.unreadCount !== unreadCount ? { ...server, unreadCount } : server,
        ),
      })),
    recordPoll: (at) => set({ lastPolledAt: at }),
    selectServer: (serverId) => set({ selectedServerId: serverId }),
  }));
}
