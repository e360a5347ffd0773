import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DownloadResult } from '../../../shared/ipc/files-contract';
import type { ServiceFailure } from '../ipc/service-failure';

// Downloads of Server-Provided Files (cds-wg1-02 §9) started from this window, one per file: the
// `files.download` call's lifecycle. Its byte progress arrives separately as `download.progress`
// events in the downloads store, keyed by the same download id.

export type FileDownloadStatus = 'running' | 'complete' | 'cancelled' | 'failed';

export interface FileDownload {
  readonly serverId: string;
  readonly fileId: string;
  readonly downloadId: string;
  readonly status: FileDownloadStatus;
  /** A cancel was asked for and not answered yet. */
  readonly cancelling: boolean;
  /** Where the file was saved (complete only). */
  readonly path: string | null;
  readonly failure: ServiceFailure | null;
}

export interface FileDownloadsState {
  readonly byFile: Readonly<Record<string, FileDownload>>;
  readonly start: (serverId: string, fileId: string, downloadId: string) => void;
  readonly requestCancel: (serverId: string, fileId: string) => void;
  readonly settle: (serverId: string, result: DownloadResult) => void;
  readonly fail: (serverId: string, fileId: string, downloadId: string, failure: ServiceFailure) => void;
}

export type FileDownloadsStore = StoreApi<FileDownloadsState>;

export function fileDownloadKey(serverId: string, fileId: string): string {
  return `${serverId}/${fileId}`;
}

export function fileDownloadOf(
  state: Pick<FileDownloadsState, 'byFile'>,
  serverId: string,
  fileId: string,
): FileDownload | null {
  return state.byFile[fileDownloadKey(serverId, fileId)] ?? null;
}

export function createFileDownloadsStore(): FileDownloadsStore {
  return createStore<FileDownloadsState>()((set) => {
    const update = (
      serverId: string,
      fileId: string,
      change: (current: FileDownload | null) => FileDownload | null,
    ) =>
      set((state) => {
        const key = fileDownloadKey(serverId, fileId);
        const current = state.byFile[key] ?? null;
        const next = change(current);
        if (next === current || next === null) return state;
        return { byFile: { ...state.byFile, [key]: next } };
      });
    // An answer for an older download of the same file (started again since) is ignored.
    const sameDownload = (current: FileDownload | null, downloadId: string) =>
      current !== null && current.downloadId === downloadId;
    return {
      byFile: {},
      start: (serverId, fileId, downloadId) =>
        update(serverId, fileId, () => ({
          serverId,
          fileId,
          downloadId,
          status: 'running',
          cancelling: false,
          path: null,
          failure: null,
        })),
      requestCancel: (serverId, fileId) =>
        update(serverId, fileId, (current) =>
          current?.status === 'running' ? { ...current, cancelling: true } : current,
        ),
      settle: (serverId, result) =>
        update(serverId, result.fileId, (current) =>
          sameDownload(current, result.downloadId) && current
            ? { ...current, status: result.status, cancelling: false, path: result.path, failure: null }
            : current,
        ),
      fail: (serverId, fileId, downloadId, failure) =>
        update(serverId, fileId, (current) =>
          sameDownload(current, downloadId) && current
            ? { ...current, status: 'failed', cancelling: false, path: null, failure }
            : current,
        ),
    };
  });
}
