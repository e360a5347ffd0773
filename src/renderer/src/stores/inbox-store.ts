import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageSection } from '../../../shared/ipc/messages-contract';

/** Which Messages the Inbox lists: every one, or one of the three listing sections (cds-wg1-02 §6.8). */
export type InboxFilter = 'all' | MessageSection;

export interface InboxState {
  /** The chosen filter per Server id ('all' until a person picks another). */
  readonly filterByServer: Readonly<Record<string, InboxFilter>>;
  /** The open Message per Server id, so switching tabs or Servers comes back to it. */
  readonly selectedByServer: Readonly<Record<string, string>>;
  readonly chooseFilter: (serverId: string, filter: InboxFilter) => void;
  readonly selectMessage: (serverId: string, messageId: string | null) => void;
  /** Drops what is remembered for a Server (removed from the app). */
  readonly forgetServer: (serverId: string) => void;
}

export type InboxStore = StoreApi<InboxState>;

export function filterOf(state: Pick<InboxState, 'filterByServer'>, serverId: string): InboxFilter {
  return state.filterByServer[serverId] ?? 'all';
}

export function selectedMessageOf(
  state: Pick<InboxState, 'selectedByServer'>,
  serverId: string,
): string | null {
  return state.selectedByServer[serverId] ?? null;
}

export function createInboxStore(): InboxStore {
  return createStore<InboxState>()((set) => ({
    filterByServer: {},
    selectedByServer: {},
    chooseFilter: (serverId, filter) =>
      set((state) =>
        state.filterByServer[serverId] === filter
          ? state
          : { filterByServer: { ...state.filterByServer, [serverId]: filter } },
      ),
    selectMessage: (serverId, messageId) =>
      set((state) => {
        if ((state.selectedByServer[serverId] ?? null) === messageId) return state;
        const { [serverId]: _previous, ...rest } = state.selectedByServer;
        return { selectedByServer: messageId === null ? rest : { ...rest, [serverId]: messageId } };
      }),
    forgetServer: (serverId) =>
      set((state) => {
        const { [serverId]: _filter, ...filters } = state.filterByServer;
        const { [serverId]: _selected, ...selected } = state.selectedByServer;
        return { filterByServer: filters, selectedByServer: selected };
      }),
  }));
}
