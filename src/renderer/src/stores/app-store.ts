import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { ServiceFailure } from '../ipc/service-failure';

/** Where the first `app.info` call stands: the app shows its frame only once it has an answer. */
export type AppLoad =
  | { readonly phase: 'loading' }
  | { readonly phase: 'ready'; readonly info: AppInfo }
  | { readonly phase: 'failed'; readonly failure: ServiceFailure };

export interface AppState {
  readonly load: AppLoad;
  /** Actions: the only way this state changes (STYLE.md 9). */
  readonly startLoading: () => void;
  readonly receiveInfo: (info: AppInfo) => void;
  readonly failLoading: (failure: ServiceFailure) => void;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((set) => ({
    load: { phase: 'loading' },
    startLoading: () => set({ load: { phase: 'loading' } }),
    receiveInfo: (info) => set({ load: { phase: 'ready', info } }),
    failLoading: (failure) => set({ load: { phase: 'failed', failure } }),
  }));
}
