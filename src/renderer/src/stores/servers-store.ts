import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { ServerSummary } from '../../../shared/ipc/servers-contract';

export type ServerStatusEvent = EventPayload<'server.status'>;

export interface ServersState {
  /** The Servers this renderer knows, in the order the service listed or added them. */
  readonly servers: readonly ServerSummary[];
  /** The latest connection status the service reported per Server id (event `server.status`). */
  readonly statusById: Readonly<Record<string, string>>;
  readonly selectedServerId: string | null;
  /** When the service last polled the Servers (event `sync.polled`). */
  readonly lastPolledAt: string | null;
  readonly receiveServers: (servers: readonly ServerSummary[]) => void;
  readonly upsertServer: (server: ServerSummary) => void;
  readonly removeServer: (serverId: string) => void;
  readonly recordStatus: (event: ServerStatusEvent) => void;
  readonly recordUnreadCount: (serverId: string, unreadCount: number) => void;
  readonly recordPoll: (at: string) => void;
  readonly selectServer: (serverId: string | null) => void;
}

export type ServersStore = StoreApi<ServersState>;

export function createServersStore(): ServersStore {
  return createStore<ServersState>()((set) => ({
    servers: [],
    statusById: {},
    selectedServerId: null,
    lastPolledAt: null,
    receiveServers: (servers) => set({ servers: [...servers] }),
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
