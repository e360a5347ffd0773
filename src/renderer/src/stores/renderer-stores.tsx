import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import { type ActivityState, type ActivityStore, createActivityStore } from './activity-store';
import { type AppCommandsState, type AppCommandsStore, createAppCommandsStore } from './app-commands-store';
import { type AppState, type AppStore, createAppStore } from './app-store';
import {
  type AuthorizationState,
  type AuthorizationStore,
  createAuthorizationStore,
} from './authorization-store';
import { type ChangesState, type ChangesStore, createChangesStore } from './changes-store';
import {
  type CredentialRotationsState,
  type CredentialRotationsStore,
  createCredentialRotationsStore,
} from './credential-rotations-store';
import { createDownloadsStore, type DownloadsState, type DownloadsStore } from './downloads-store';
import {
  createFileDownloadsStore,
  type FileDownloadsState,
  type FileDownloadsStore,
} from './file-downloads-store';
import { createInboxStore, type InboxState, type InboxStore } from './inbox-store';
import { createNavigationStore, type NavigationState, type NavigationStore } from './navigation-store';
import { createServersStore, type ServersState, type ServersStore } from './servers-store';
import { createSettingsStore, type SettingsState, type SettingsStore } from './settings-store';

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
  readonly inbox: InboxStore;
  readonly activity: ActivityStore;
  readonly settings: SettingsStore;
  readonly credentialRotations: CredentialRotationsStore;
  readonly appCommands: AppCommandsStore;
  readonly fileDownloads: FileDownloadsStore;
}

export function createRendererStores(): RendererStores {
  return {
    app: createAppStore(),
    navigation: createNavigationStore(),
    servers: createServersStore(),
    changes: createChangesStore(),
    downloads: createDownloadsStore(),
    authorization: createAuthorizationStore(),
    inbox: createInboxStore(),
    activity: createActivityStore(),
    settings: createSettingsStore(),
    credentialRotations: createCredentialRotationsStore(),
    appCommands: createAppCommandsStore(),
    fileDownloads: createFileDownloadsStore(),
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

export function useActivityStore<T>(selector: (state: ActivityState) => T): T {
  return useStore(useRendererStores().activity, selector);
}

export function useSettingsStore<T>(selector: (state: SettingsState) => T): T {
  return useStore(useRendererStores().settings, selector);
}

export function useInboxStore<T>(selector: (state: InboxState) => T): T {
  return useStore(useRendererStores().inbox, selector);
}

export function useCredentialRotationsStore<T>(selector: (state: CredentialRotationsState) => T): T {
  return useStore(useRendererStores().credentialRotations, selector);
}

export function useFileDownloadsStore<T>(selector: (state: FileDownloadsState) => T): T {
  return useStore(useRendererStores().fileDownloads, selector);
}

export function useAppCommandsStore<T>(selector: (state: AppCommandsState) => T): T {
  return useStore(useRendererStores().appCommands, selector);
}
