import { ProgressBar } from 'react-aria-components';
import type { ServerFileView } from '../../../../shared/ipc/files-contract';
import { Button } from '../../components/button';
import { StatusChip } from '../../components/status-chip';
import { describeFailureContext } from '../../ipc/service-failure';
import { fileDownloadOf } from '../../stores/file-downloads-store';
import { useDownloadsStore, useFileDownloadsStore } from '../../stores/renderer-stores';
import { formatBytes } from './cds-wording';
import type { FileDownloadActions } from './files-download';

/**
 * One file's download, in place: a Download button; while it runs a progress bar with the bytes
 * received and Cancel; afterwards "Saved" with Show in folder, or what went wrong with Try again.
 */
export function FileDownloadControl({
  serverId,
  file,
  actions,
}: {
  readonly serverId: string;
  readonly file: ServerFileView;
  readonly actions: FileDownloadActions;
}) {
  const download = useFileDownloadsStore((state) => fileDownloadOf(state, serverId, file.fileId));
  const progress = useDownloadsStore((state) =>
    download ? (state.byId[download.downloadId] ?? null) : null,
  );
  const start = () => void actions.download(file);

  if (download?.status === 'running') {
    const total = progress?.total || file.size;
    const received = progress?.received ?? 0;
    return (
      <div className="file-download file-download--running">
        <ProgressBar
          className="progress"
          aria-label={`Downloading ${file.safeName}`}
          value={received}
          minValue={0}
          maxValue={Math.max(total, 1)}
          valueLabel={`${formatBytes(received)} of ${formatBytes(total)}`}
        >
          {({ percentage, valueText }) => (
            <>
              <span className="progress__text">{download.cancelling ? 'Cancelling…' : valueText}</span>
              <span className="progress__track" aria-hidden="true">
                <span className="progress__fill" style={{ width: `${percentage ?? 0}%` }} />
              </span>
            </>
          )}
        </ProgressBar>
        <Button
          size="sm"
          variant="secondary"
          aria-label={`Cancel the download of ${file.safeName}`}
          isDisabled={download.cancelling}
          onPress={() => void actions.cancel(file.fileId)}
        >
          Cancel
        </Button>
      </div>
    );
  }

  if (download?.status === 'complete' && download.path) {
    const path = download.path;
    return (
      <div className="file-download">
        <StatusChip tone="success">Saved</StatusChip>
        <Button
          size="sm"
          variant="secondary"
          aria-label={`Show ${file.safeName} in its folder`}
          onPress={() => void actions.showInFolder(path)}
        >
          Show in folder
        </Button>
        <Button size="sm" variant="quiet" aria-label={`Download ${file.safeName} again`} onPress={start}>
          Download again
        </Button>
      </div>
    );
  }

  if (download?.status === 'failed' && download.failure) {
    const context = describeFailureContext(download.failure);
    return (
      <div className="file-download file-download--failed">
        <p className="file-download__problem" role="alert">
          {download.failure.message}
          {context ? <span className="file-download__context"> ({context})</span> : null}
        </p>
        <Button
          size="sm"
          variant="secondary"
          aria-label={`Try downloading ${file.safeName} again`}
          onPress={start}
        >
          Try again
        </Button>
      </div>
    );
  }

  return (
    <div className="file-download">
      {download?.status === 'cancelled' ? <span className="muted">Cancelled</span> : null}
      <Button size="sm" variant="primary" aria-label={`Download ${file.safeName}`} onPress={start}>
        Download
      </Button>
    </div>
  );
}
