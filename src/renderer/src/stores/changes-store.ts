import { createStore, type StoreApi } from 'zustand/vanilla';

/** The areas the service reports changes for (events `servers.changed`, `clients.changed`, ...). */
export type ChangeArea = 'servers' | 'clients' | 'credentials' | 'files' | 'grants' | 'messages' | 'keys';

export interface ChangesState {
  /** A counter per area and Server (`clients:<serverId>`, `servers:*`): views refetch when it moves. */
  readonly revisions: Readonly<Record<string, number>>;
  readonly noteChange: (area: ChangeArea, serverId: string | null) => void;
}

export type ChangesStore = StoreApi<ChangesState>;

export function changeKey(area: ChangeArea, serverId: string | null): string {
  return `${area}:${serverId ?? '*'}`;
}

/** The revision a view watches: its own Server's changes plus whole-area changes. */
export function revisionOf(
  state: Pick<ChangesState, 'revisions'>,
  area: ChangeArea,
  serverId: string | null,
): number {
  const own = serverId === null ? 0 : (state.revisions[changeKey(area, serverId)] ?? 0);
  return own + (state.revisions[changeKey(area, null)] ?? 0);
}

export function createChangesStore(): ChangesStore {
  return createStore<ChangesState>()((set) => ({
    revisions: {},
    noteChange: (area, serverId) =>
      set((state) => {
        const key = changeKey(area, serverId);
        return { revisions: { ...state.revisions, [key]: (state.revisions[key] ?? 0) + 1 } };
      }),
  }));
}
