import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * The top-level places of the app. `server` is one Server's workspace: which Server is the servers
 * store's `selectedServerId` (cleared when that Server is removed), which section is `section` here.
 */
export type View = 'servers' | 'server' | 'settings';

/** The section a Server workspace opens on (views/server/server-sections.ts lists them all). */
export const defaultServerSection = 'overview';

export interface NavigationState {
  readonly view: View;
  /** The open section of the Server workspace, by its id in server-sections.ts. */
  readonly section: string;
  /**
   * What the open section should show first, if anything: a Message id in Messages, a Client id in
   * Client Objects. Set together with the section, so a link can say "this Message".
   */
  readonly focus: string | null;
  readonly navigate: (view: View) => void;
  readonly openSection: (section: string, focus?: string | null) => void;
}

export type NavigationStore = StoreApi<NavigationState>;

export function createNavigationStore(initial: View = 'servers'): NavigationStore {
  return createStore<NavigationState>()((set) => ({
    view: initial,
    section: defaultServerSection,
    focus: null,
    navigate: (view) => set({ view }),
    openSection: (section, focus = null) => set({ view: 'server', section, focus }),
  }));
}
