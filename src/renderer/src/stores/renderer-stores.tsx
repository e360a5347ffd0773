import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import { type AppState, type AppStore, createAppStore } from './app-store';
import {
  type AuthorizationState,
  type AuthorizationStore,
  createAuthorizationStore,
} from './authorization-store';
import { type ChangesState, type ChangesStore, createChangesStore } from './changes-store';
import { createDownloadsStore, type DownloadsState, type DownloadsStore } from './downloads-store';
import { createNavigationStore, type NavigationState, type NavigationStore } from './navigation-store';
import { createServersStore, type ServersState, type ServersStore } from './servers-store';

/**
 * Every store of one renderer instance. Created once per app (and once per test), so no state leaks
 * between tests and the event subscription point receives exactly the stores the views read.
 */
export interface RendererStores {
  readonly app: AppStore;
  readonly navigation: NavigationStore;
  readonly servers: ServersStore;
  readonly changes: ChangesStore;
  readonly downloads: DownloadsStore;
  readonly authorization: AuthorizationStore;
}

export function createRendererStores(): RendererStores {
  return {
    app: createAppStore(),
    navigation: createNavigationStore(),
    servers: createServersStore(),
    changes: createChangesStore(),
    downloads: createDownloadsStore(),
    authorization: createAuthorizationStore(),
  };
}

const StoresContext = createContext<RendererStores | null>(null);

export function StoresProvider({
  stores,
  children,
}: {
  readonly stores: RendererStores;
  readonly children: ReactNode;
}) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useRendererStores(): RendererStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('Renderer stores are missing: wrap the tree in <StoresProvider>.');
  return stores;
}

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useRendererStores().app, selector);
}

export function useNavigationStore<T>(selector: (state: NavigationState) => T): T {
  return useStore(useRendererStores().navigation, selector);
}

export function useServersStore<T>(selector: (state: ServersState) => T): T {
  return useStore(useRendererStores().servers, selector);
}

export function useChangesStore<T>(selector: (state: ChangesState) => T): T {
  return useStore(useRendererStores().changes, selector);
}

export function useDownloadsStore<T>(selector: (state: DownloadsState) => T): T {
  return useStore(useRendererStores().downloads, selector);
}

export function useAuthorizationStore<T>(selector: (state: AuthorizationState) => T): T {
  return useStore(useRendererStores().authorization, selector);
}
