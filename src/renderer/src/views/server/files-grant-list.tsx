import { useMemo } from 'react';
import { QueryView } from '../../components/query-view';
import { useServiceQuery } from '../../ipc/use-service-query';
import { formatBytes } from './cds-wording';
import { useFileDownloadActions } from './files-download';
import { FileDownloadControl } from './files-download-control';

// cds-wg1-02 §9.2: the files of one Server-Provided Files Grant, listed in its details under Grants
// (the overview's flow "reach a grant through Grant Admin and download its files").

/** The files one Grant shared (its details in Grants), each with its download control. */
export function GrantFilesList({
  serverId,
  grantId,
}: {
  readonly serverId: string;
  readonly grantId: string;
}) {
  const actions = useFileDownloadActions(serverId);
  const files = useServiceQuery({
    key: `files.list:${serverId}:${grantId}`,
    load: (cds) => cds.files.list(serverId),
    serverId,
  });
  const mine = useMemo(
    () =>
      files.state.status === 'ready'
        ? files.state.value.files.filter((file) => file.grantId === grantId)
        : [],
    [files.state, grantId],
  );
  return (
    <QueryView
      query={files.state}
      loadingLabel="Loading the files of this Grant"
      errorTitle="The files of this Grant could not be listed"
      onRetry={files.reload}
    >
      {() =>
        mine.length === 0 ? (
          <p className="muted">No files are shared with this Grant yet.</p>
        ) : (
          <ul className="grant-files" aria-label="Files of this Grant">
            {mine.map((file) => (
              <li key={file.fileId} className="grant-files__item">
                <div className="cell-stack">
                  <span className="cell-stack__title">{file.safeName}</span>
                  <span className="cell-stack__detail">
                    {formatBytes(file.size)} · {file.mimeType}
                  </span>
                </div>
                <FileDownloadControl serverId={serverId} file={file} actions={actions} />
              </li>
            ))}
          </ul>
        )
      }
    </QueryView>
  );
}
