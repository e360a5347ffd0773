import { createStore, type StoreApi } from 'zustand/vanilla';

/** The top-level places of the app; a Server's own pages join when the servers contract lands. */
export type View = 'servers' | 'settings';

export interface NavigationState {
  readonly view: View;
  readonly navigate: (view: View) => void;
}

export type NavigationStore = StoreApi<NavigationState>;

export function createNavigationStore(initial: View = 'servers'): NavigationStore {
  return createStore<NavigationState>()((set) => ({
    view: initial,
    navigate: (view) => set({ view }),
  }));
}
