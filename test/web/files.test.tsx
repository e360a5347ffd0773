import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createFileDownloadsStore, fileDownloadOf } from '../../src/renderer/src/stores/file-downloads-store';
import { FilesSection } from '../../src/renderer/src/views/server/files-section';
import { sortFiles } from '../../src/renderer/src/views/server/files-sort';
import type { DownloadResult, ServerFileView } from '../../src/shared/ipc/files-contract';
import { bodyText, type Handlers, withApp } from './customer-data-providers';
import { buttonByName, flush, press } from './render';
import { deferred, pressButton, sandboxOverview, sectionUnderTest, serviceError } from './section-support';

const filesScopes = [
  { id: 'cds_server_provided_files_1', name: 'Server-Provided Files', kind: 'serverProvidedFiles' as const },
];
const overview = sandboxOverview(filesScopes, ['cds_server_provided_files_1']);

const file = (id: string, extra: Partial<ServerFileView> = {}): ServerFileView => ({
  serverId: 'srv-1',
  fileId: id,
  grantId: 'g-files',
  clientId: 'client-files',
  name: `${id}.pdf`,
  safeName: `${id}.pdf`,
  mimeType: 'application/pdf',
  size: 40_960,
  description: `About ${id}.`,
  created: '2025-09-01T10:00:00Z',
  modified: '2025-09-01T10:00:00Z',
  object: {},
  ...extra,
});
const files = [
  file('welcome-pack'),
  file('ca-cert', { safeName: 'ca.pem', size: 900, mimeType: 'application/x-pem-file' }),
];

const section = sectionUnderTest(FilesSection, { overview, virtualTable: true });

describe('file downloads store', () => {
  it('follows one download per file and ignores answers for a replaced one', () => {
    const store = createFileDownloadsStore();
    store.getState().start('srv-1', 'f', 'd1');
    store.getState().start('srv-1', 'f', 'd2');
    store
      .getState()
      .settle('srv-1', { downloadId: 'd1', fileId: 'f', status: 'complete', path: '/x', size: 1 });
    expect(fileDownloadOf(store.getState(), 'srv-1', 'f')?.status).toBe('running');
    store.getState().requestCancel('srv-1', 'f');
    expect(fileDownloadOf(store.getState(), 'srv-1', 'f')?.cancelling).toBe(true);
    store
      .getState()
      .settle('srv-1', { downloadId: 'd2', fileId: 'f', status: 'cancelled', path: null, size: 0 });
    expect(fileDownloadOf(store.getState(), 'srv-1', 'f')).toMatchObject({
      status: 'cancelled',
      cancelling: false,
    });
    store.getState().fail('srv-1', 'f', 'd2', { name: 'Error', message: 'gone' });
    expect(fileDownloadOf(store.getState(), 'srv-1', 'f')?.failure?.message).toBe('gone');
  });

  it('sorts files by size as numbers', () => {
    expect(sortFiles(files, { column: 'size', direction: 'ascending' }).map((f) => f.fileId)).toEqual([
      'ca-cert',
      'welcome-pack',
    ]);
  });
});

function filesApp(extra: Handlers = {}) {
  return withApp({
    'files.list': async () => ({ files, problems: [] }),
    'settings.get': async () => ({ downloadFolder: '/home/ada/Downloads' }),
    ...extra,
  });
}

describe('Files section', () => {
  it('lists the files with the Grant each came with and the download folder', async () => {
    const app = filesApp();
    await section.show(app, { availableSections: ['grants'] });
    const text = bodyText();
    expect(text).toContain('welcome-pack.pdf');
    expect(text).toContain('ca.pem');
    expect(text).toContain('40 KB');
    expect(text).toContain('/home/ada/Downloads');
    await press(buttonByName(document.body, 'Open Grant g-files of ca.pem'));
    expect(app.stores.navigation.getState()).toMatchObject({ section: 'grants', focus: 'g-files' });
  });

  it('downloads with a progress bar, then offers Show in folder', async () => {
    const answer = deferred<DownloadResult>();
    const app = filesApp({
      'files.download': () => answer.promise,
      'files.showInFolder': async (path) => ({ path }),
    });
    await section.show(app);
    await pressButton('Download welcome-pack.pdf');
    const call = app.calls.find((entry) => entry.method === 'files.download');
    const options = call?.args[2] as { folder: string; downloadId: string };
    expect(call?.args.slice(0, 2)).toEqual(['srv-1', 'welcome-pack']);
    expect(options.folder).toBe('/home/ada/Downloads');

    await act(async () =>
      app.emit('download.progress', {
        serverId: 'srv-1',
        fileId: 'welcome-pack',
        downloadId: options.downloadId,
        received: 10_240,
        total: 40_960,
      }),
    );
    const bar = document.querySelector('[role=progressbar]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('10240');
    expect(bar?.getAttribute('aria-valuetext')).toBe('10 KB of 40 KB');
    expect(document.querySelector<HTMLElement>('.progress__fill')?.style.width).toBe('25%');

    answer.resolve({
      downloadId: options.downloadId,
      fileId: 'welcome-pack',
      status: 'complete',
      path: '/home/ada/Downloads/welcome-pack.pdf',
      size: 40_960,
    });
    await flush();
    expect(document.querySelector('[role=progressbar]')).toBeNull();
    expect(document.querySelector('.toast')?.textContent).toContain('welcome-pack.pdf downloaded');
    await pressButton('Show welcome-pack.pdf in its folder');
    expect(app.calls.find((entry) => entry.method === 'files.showInFolder')?.args).toEqual([
      '/home/ada/Downloads/welcome-pack.pdf',
    ]);
  });

  it('cancels a running download', async () => {
    const answer = deferred<DownloadResult>();
    const app = filesApp({
      'files.download': () => answer.promise,
      'files.cancelDownload': async () => ({ cancelled: true }),
    });
    await section.show(app);
    await pressButton('Download ca.pem');
    const options = app.calls.find((entry) => entry.method === 'files.download')?.args[2] as
      | { downloadId: string }
      | undefined;
    const downloadId = options?.downloadId ?? '';
    expect(downloadId).not.toBe('');
    await pressButton('Cancel the download of ca.pem');
    expect(app.calls.find((entry) => entry.method === 'files.cancelDownload')?.args).toEqual([downloadId]);
    expect(bodyText()).toContain('Cancelling…');
    answer.resolve({ downloadId, fileId: 'ca-cert', status: 'cancelled', path: null, size: 0 });
    await flush();
    expect(bodyText()).toContain('Cancelled');
    expect(buttonByName(document.body, 'Download ca.pem')).not.toBeNull();
  });

  it('shows a failed download with the Server and step, and tries again', async () => {
    let attempt = 0;
    const app = filesApp({
      'files.download': async (_server, fileId, options) => {
        attempt += 1;
        if (attempt === 1) throw serviceError('HTTP 503', 'downloading file ca-cert');
        return {
          downloadId: (options as { downloadId: string }).downloadId,
          fileId,
          status: 'complete',
          path: '/tmp/ca.pem',
          size: 900,
        };
      },
    });
    await section.show(app);
    await pressButton('Download ca.pem');
    expect(document.querySelector('.file-download__problem')?.textContent).toContain(
      'HTTP 503 (Sandbox Grid Utility · downloading file ca-cert)',
    );
    await pressButton('Try downloading ca.pem again');
    expect(bodyText()).toContain('Saved');
  });

  it('explains why there are no files when the registration lacks the files scope', async () => {
    const app = filesApp();
    const registeredForNothing = sandboxOverview(filesScopes, []);
    await section.show(app, { overview: registeredForNothing, availableSections: ['registration'] });
    expect(bodyText()).toContain('Files are shared through the “Server-Provided Files” scope');
    expect(app.calls.some((entry) => entry.method === 'files.list')).toBe(false);
  });
});
