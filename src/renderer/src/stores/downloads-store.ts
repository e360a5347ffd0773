import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload } from '../../../shared/ipc/contract';

export type DownloadProgress = EventPayload<'download.progress'>;

export interface DownloadsState {
  /** The latest progress per download id (event `download.progress`). */
  readonly byId: Readonly<Record<string, DownloadProgress>>;
  readonly recordProgress: (progress: DownloadProgress) => void;
  readonly forget: (downloadId: string) => void;
}

export type DownloadsStore = StoreApi<DownloadsState>;

export function createDownloadsStore(): DownloadsStore {
  return createStore<DownloadsState>()((set) => ({
    byId: {},
    recordProgress: (progress) =>
      set((state) => ({ byId: { ...state.byId, [progress.downloadId]: progress } })),
    forget: (downloadId) =>
      set((state) => {
        if (!(downloadId in state.byId)) return state;
        const { [downloadId]: _removed, ...rest } = state.byId;
        return { byId: rest };
      }),
  }));
}
