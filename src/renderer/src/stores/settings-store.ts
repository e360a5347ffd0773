import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SettingsView } from '../../../shared/ipc/settings-contract';

export interface SettingsState {
  /** The latest settings: from `settings.get`, `settings.update` or the event `settings.changed`. */
  readonly settings: SettingsView | null;
  readonly recordSettings: (settings: SettingsView) => void;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(): SettingsStore {
  return createStore<SettingsState>()((set) => ({
    settings: null,
    recordSettings: (settings) => set({ settings }),
  }));
}
