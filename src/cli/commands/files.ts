import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DownloadResult } from '../../shared/ipc/files-contract';
import { type CommandGroup, UsageError } from '../cli-types';
import { table, when } from '../format';
import { progressLine } from '../progress-bar';

// `cds-companion files ...` (cds-wg1-02 §9): list the Server-Provided Files, download one or all
// into a folder (safe names, never overwriting), with a progress bar on a terminal.

const DOWNLOAD_USAGE = 'files download <server> (<file-id>|--all) [--out DIR]';

export const command: CommandGroup = {
  name: 'files',
  summary: 'Server-Provided Files (cds-wg1-02 §9).',
  subcommands: {
    list: {
      usage: 'files list <server>',
      summary: 'Lists the files shared with this registration (with --json: as the Server gave them).',
      positionals: [1, 1],
      run: async (context, [server]) => {
        const result = await (await context.api())['files.list'](server as string);
        return {
          json: result.files.map((file) => file.object),
          text: [
            table(
              ['FILE ID', 'SIZE', 'TYPE', 'MODIFIED', 'NAME'],
              result.files.map((f) => [f.fileId, String(f.size), f.mimeType, when(f.modified), f.name]),
            ),
            ...result.problems.map((problem) => `warning: ${problem}`),
          ].join('\n'),
        };
      },
    },
    download: {
      usage: DOWNLOAD_USAGE,
      summary: 'Downloads one file, or every file with --all, into DIR (default: the current folder).',
      optionHelp: [
        '--all      download every file',
        '--out DIR  the folder to save into (created if missing)',
      ],
      options: { all: { type: 'boolean' }, out: { type: 'string' } },
      positionals: [1, 2],
      run: async (context, [server, fileId], values) => {
        const all = values.all === true;
        if (all === (fileId !== undefined)) throw new UsageError('give one file id or --all', DOWNLOAD_USAGE);
        // The person's working directory, not this process's (which may be the background Companion).
        const folder = path.resolve(context.cwd, typeof values.out === 'string' ? values.out : '.');
        await mkdir(folder, { recursive: true });
        const api = await context.api();
        const events = context.json ? null : await context.events();
        const listed = await api['files.list'](server as string);
        // One file: downloaded by id even if not listed, so the Companion says why it cannot be.
        const targets = all
          ? listed.files.map((file) => ({ fileId: file.fileId, name: file.name }))
          : [
              {
                fileId: fileId as string,
                name: listed.files.find((file) => file.fileId === fileId)?.name ?? (fileId as string),
              },
            ];
        const results: DownloadResult[] = [];
        for (const file of targets) {
          context.signal.throwIfAborted();
          const downloadId = randomUUID();
          const bar = progressLine(file.name, context.err);
          const stop = events?.on('download.progress', (event) => {
            if (event.downloadId === downloadId) bar.update(event.received, event.total);
          });
          // Ctrl-C (or the terminal gone): the Companion cancels the download and removes its temp file.
          const cancel = () => {
            void api['files.cancelDownload'](downloadId).catch(() => undefined);
          };
          context.signal.addEventListener('abort', cancel, { once: true });
          try {
            results.push(await api['files.download'](server as string, file.fileId, { folder, downloadId }));
          } finally {
            context.signal.removeEventListener('abort', cancel);
            stop?.();
            bar.done();
          }
          context.signal.throwIfAborted();
        }
        return {
          json: results,
          text:
            results.length === 0
              ? '(no files)'
              : results
                  .map((result) =>
                    `${result.status === 'complete' ? 'saved' : 'cancelled'} ${result.fileId} ${result.path ?? ''}`.trim(),
                  )
                  .join('\n'),
        };
      },
    },
  },
};
