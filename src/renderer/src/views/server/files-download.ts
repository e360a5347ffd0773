import { useCallback } from 'react';
import type { ServerFileView } from '../../../../shared/ipc/files-contract';
import { showFailureToast, showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';
import { fileDownloadOf } from '../../stores/file-downloads-store';
import { useRendererStores } from '../../stores/renderer-stores';

// Downloading Server-Provided Files (cds-wg1-02 §9.3): the service streams each file into the
// download folder of the settings (a temporary file renamed when complete), reporting progress as
// `download.progress` events under the id chosen here, so the view can follow and cancel it.

export interface FileDownloadActions {
  readonly download: (file: ServerFileView) => Promise<void>;
  readonly cancel: (fileId: string) => Promise<void>;
  readonly showInFolder: (path: string) => Promise<void>;
}

const newDownloadId = (): string => globalThis.crypto.randomUUID();

export function useFileDownloadActions(serverId: string): FileDownloadActions {
  const api = useCdsApi();
  const stores = useRendererStores();
  const toasts = useToastQueue();

  const showInFolder = useCallback(
    async (path: string) => {
      const outcome = await callService(api, (cds) => cds.files.showInFolder(path));
      if (!outcome.ok) showFailureToast(toasts, 'The file could not be shown in its folder', outcome.failure);
    },
    [api, toasts],
  );

  const download = useCallback(
    async (file: ServerFileView): Promise<void> => {
      const downloadId = newDownloadId();
      const downloads = stores.fileDownloads.getState();
      downloads.start(serverId, file.fileId, downloadId);
      const outcome = await callService(api, async (cds) => {
        const { downloadFolder } = await cds.settings.get();
        return cds.files.download(serverId, file.fileId, { folder: downloadFolder, downloadId });
      });
      stores.downloads.getState().forget(downloadId);
      if (!outcome.ok) {
        stores.fileDownloads.getState().fail(serverId, file.fileId, downloadId, outcome.failure);
        return;
      }
      stores.fileDownloads.getState().settle(serverId, outcome.value);
      const savedPath = outcome.value.path;
      if (outcome.value.status === 'complete' && savedPath !== null) {
        showToast(toasts, {
          tone: 'success',
          title: `${file.safeName} downloaded`,
          description: `Saved to ${savedPath}`,
          action: { label: 'Show in folder', onAction: () => void showInFolder(savedPath) },
        });
      } else if (outcome.value.status === 'cancelled') {
        showToast(toasts, {
          tone: 'info',
          title: `Download of ${file.safeName} cancelled`,
          description: 'Nothing was saved.',
        });
      }
    },
    [api, serverId, showInFolder, stores, toasts],
  );

  const cancel = useCallback(
    async (fileId: string) => {
      const running = fileDownloadOf(stores.fileDownloads.getState(), serverId, fileId);
      if (running?.status !== 'running') return;
      stores.fileDownloads.getState().requestCancel(serverId, fileId);
      const outcome = await callService(api, (cds) => cds.files.cancelDownload(running.downloadId));
      if (!outcome.ok) showFailureToast(toasts, 'The download could not be cancelled', outcome.failure);
    },
    [api, serverId, stores, toasts],
  );

  return { download, cancel, showInFolder };
}
