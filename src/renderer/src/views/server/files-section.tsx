import { useState } from 'react';
import type { ServerFileView } from '../../../../shared/ipc/files-contract';
import { Button } from '../../components/button';
import { DateTime } from '../../components/date-time';
import { EmptyState } from '../../components/empty-state';
import { QueryView } from '../../components/query-view';
import { type TableSort, type VirtualColumn, VirtualTable } from '../../components/virtual-table';
import { useServiceQuery } from '../../ipc/use-service-query';
import { useNavigationStore } from '../../stores/renderer-stores';
import { formatBytes } from './cds-wording';
import { DataSectionHeader } from './data-section-header';
import { useFileDownloadActions } from './files-download';
import { FileDownloadControl } from './files-download-control';
import { FilesFolderNote } from './files-folder-note';
import { sortFiles } from './files-sort';
import type { ServerSectionProps } from './server-section-props';
import '../../styles/data-sections.css';

// Server-Provided Files (cds-wg1-02 §9): every file of every files Grant (§3.3.3) this registration
// holds, reached with the Grant Admin path (§3.3.2), each with the Grant it came with.

export function FilesSection({ server, overview, availableSections }: ServerSectionProps) {
  const openSection = useNavigationStore((state) => state.openSection);
  const actions = useFileDownloadActions(server.id);
  const [sort, setSort] = useState<TableSort>({ column: 'modified', direction: 'descending' });
  const filesScopes = overview.scopes.filter((scope) => scope.kind === 'serverProvidedFiles');
  const registeredForFiles = overview.registration?.scopes.some((scope) =>
    filesScopes.some((files) => files.id === scope),
  );
  // files.list emits files.changed itself, so the list reloads on a sync (servers.changed), not on
  // its own area's event (which would reload forever).
  const files = useServiceQuery({
    key: `files.list:${server.id}`,
    load: (cds) => cds.files.list(server.id),
    watch: ['servers'],
    serverId: server.id,
    enabled: registeredForFiles === true,
  });

  if (!registeredForFiles) {
    return (
      <EmptyState
        title="No files from this Server"
        description={
          filesScopes.length === 0
            ? `${server.name} does not share files with registered organisations.`
            : `Files are shared through the “${filesScopes[0]?.name ?? 'files'}” scope. ${
                overview.registration === null ? 'Register' : 'Add it to your registration'
              } to receive them.`
        }
        actions={
          filesScopes.length > 0 && availableSections.includes('registration') ? (
            <Button variant="primary" onPress={() => openSection('registration')}>
              Registration
            </Button>
          ) : undefined
        }
      />
    );
  }

  const columns: VirtualColumn<ServerFileView>[] = [
    {
      id: 'name',
      label: 'File',
      isSortable: true,
      width: '30%',
      render: (file) => (
        <div className="cell-stack">
          <span className="cell-stack__title">{file.safeName}</span>
          {file.description ? <span className="cell-stack__detail">{file.description}</span> : null}
        </div>
      ),
    },
    {
      id: 'size',
      label: 'Size',
      isSortable: true,
      width: '10rem',
      render: (file) => (
        <div className="cell-stack">
          <span>{formatBytes(file.size)}</span>
          <span className="cell-stack__detail">{file.mimeType}</span>
        </div>
      ),
    },
    {
      id: 'grant',
      label: 'Came with Grant',
      isSortable: true,
      width: '11rem',
      render: (file) =>
        availableSections.includes('grants') ? (
          <Button
            variant="quiet"
            size="sm"
            className="link-button mono"
            aria-label={`Open Grant ${file.grantId} of ${file.safeName}`}
            onPress={() => openSection('grants', file.grantId)}
          >
            {file.grantId}
          </Button>
        ) : (
          <span className="mono">{file.grantId}</span>
        ),
    },
    {
      id: 'modified',
      label: 'Updated',
      isSortable: true,
      width: '10rem',
      render: (file) => <DateTime value={file.modified} />,
    },
    {
      id: 'download',
      label: 'Download',
      width: '17rem',
      render: (file) => <FileDownloadControl serverId={server.id} file={file} actions={actions} />,
    },
  ];

  return (
    <div className="section-stack">
      <DataSectionHeader title="Files" onRefresh={files.reload}>
        Files {server.name} shares with you, such as bulk data exports and onboarding documents. Each file
        comes with a Grant; downloading uses that Grant’s access.
      </DataSectionHeader>
      <FilesFolderNote />
      <QueryView
        query={files.state}
        loadingLabel="Loading files"
        errorTitle={`The files of ${server.name} could not be listed`}
        onRetry={files.reload}
      >
        {(result) => (
          <div className="section-stack">
            {result.problems.length > 0 ? (
              <div className="callout callout--warning" role="status">
                <div>
                  <p className="callout__title">Some files could not be listed</p>
                  <ul className="callout__list">
                    {result.problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                </div>
              </div>
            ) : null}
            {result.files.length === 0 ? (
              <EmptyState
                title="No files yet"
                description={`${server.name} has not shared any files with you. New files appear here after a sync.`}
              />
            ) : (
              <VirtualTable
                label={`Files from ${server.name}`}
                rows={sortFiles(result.files, sort)}
                columns={columns}
                rowKey={(file) => file.fileId}
                sort={sort}
                onSortChange={setSort}
                estimateRowHeight={64}
              />
            )}
          </div>
        )}
      </QueryView>
    </div>
  );
}
