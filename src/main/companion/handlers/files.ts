import { randomUUID } from 'node:crypto';
import type { DownloadResult, FileListResult } from '../../../shared/ipc/files-contract';
import { DownloadCancelledError, downloadServerFile } from '../../cds/file-download';
import { listGrants } from '../../cds/grants';
import { type FetchedServerFile, filesGrantAccess, listGrantFiles } from '../../cds/server-files';
import type { AreaStore } from '../area-store';
import { CompanionError, toCdsError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import {
  cachedFile,
  emptyFileCache,
  type FileCache,
  fileCacheOf,
  fileCacheSchema,
  fileViewsOf,
} from '../file-cache';
import type { ServerContext } from '../server-context';

// The Server-Provided Files area (cds-wg1-02 §9): the files of every files Grant (§3.3.3), each
// listed and downloaded with its Grant's Grant Admin token (§3.3.2); downloads stream to disk with
// `download.progress` events and can be cancelled by id.

export const filesModule: CompanionModuleFactory = async (core) => {
  const cache: AreaStore<FileCache> = await core.openCache({
    area: 'files',
    schema: fileCacheSchema,
    empty: emptyFileCache,
  });
  const running = new Map<string, AbortController>();
  const contextOf = (serverId: string, step: string) => {
    const context = core.context(serverId, step);
    context.requireRegistration(step);
    return context;
  };

  /** Lists the files of every files Grant; one Grant failing is reported, the others still listed. */
  const refresh = async (context: ServerContext): Promise<FileCache> => {
    const filesScopes = context.scopes
      .filter((scope) => scope.kind === 'serverProvidedFiles')
      .map((scope) => scope.id);
    const at = new Date(core.clock.now()).toISOString();
    let next: FileCache;
    if (filesScopes.length === 0 || context.oauth.cds_server_provided_files_api === undefined) {
      next = fileCacheOf([], [], at);
    } else {
      const grants = await listGrants(context, { scopes: filesScopes });
      const { access, problems } = filesGrantAccess(
        context,
        grants.map((item) => item.grant),
      );
      const byId = new Map<string, FetchedServerFile>();
      for (const grant of access) {
        try {
          for (const fetched of await listGrantFiles(context, grant))
            if (!byId.has(fetched.file.file_id)) byId.set(fetched.file.file_id, fetched);
        } catch (error) {
          problems.push(
            toCdsError(error, context.ref, `listing the files of Grant ${grant.grantId}`).userMessage,
          );
        }
      }
      next = fileCacheOf([...byId.values()], problems, at);
    }
    await cache.update(context.serverId, () => next);
    core.events.emit('files.changed', { serverId: context.serverId });
    return next;
  };

  const download = async (
    serverId: string,
    fileId: string,
    options: { folder: string; downloadId?: string | undefined },
  ): Promise<DownloadResult> => {
    const step = `downloading file ${fileId}`;
    const context = contextOf(serverId, step);
    let target = cachedFile(cache.readOrEmpty(context.serverId), fileId);
    if (!target) target = cachedFile(await refresh(context), fileId);
    if (!target)
      throw new CompanionError(
        'not-found',
        `no Server-Provided File ${fileId} is shared with this registration`,
        { server: context.ref, step },
      );
    const downloadId = options.downloadId ?? randomUUID();
    if (running.has(downloadId))
      throw new CompanionError('conflict', `a download with the id ${downloadId} is already running`, {
        server: context.ref,
        step,
      });
    const controller = new AbortController();
    running.set(downloadId, controller);
    const progress = (received: number, total: number) =>
      core.events.emit('download.progress', {
        serverId: context.serverId,
        fileId,
        downloadId,
        received,
        total,
      });
    try {
      progress(0, target.file.size);
      const result = await downloadServerFile(context, target, {
        folder: options.folder,
        signal: controller.signal,
        onProgress: ({ received, total }) => progress(received, total),
      });
      return { downloadId, fileId, status: 'complete', path: result.path, size: result.size };
    } catch (error) {
      if (error instanceof DownloadCancelledError)
        return { downloadId, fileId, status: 'cancelled', path: null, size: 0 };
      if (error instanceof Error && /^the folder .* does not exist$/.test(error.message)) {
        throw new CompanionError('invalid-argument', error.message, { server: context.ref, step });
      }
      throw error;
    } finally {
      running.delete(downloadId);
    }
  };

  return {
    area: 'files',
    syncOrder: 50,
    sync: async (context) => ({ files: (await refresh(context)).order.length }),
    forgetServer: (serverId) => cache.forget(serverId),
    handlers: {
      'files.list': async (serverId): Promise<FileListResult> => {
        const context = contextOf(serverId, 'listing the Server-Provided Files');
        const current = await refresh(context);
        return { files: fileViewsOf(context.serverId, current), problems: current.problems };
      },
      'files.download': download,
      'files.cancelDownload': async (downloadId) => {
        const controller = running.get(downloadId);
        if (!controller) return { cancelled: false };
        controller.abort();
        return { cancelled: true };
      },
    },
    close: async () => {
      for (const controller of running.values()) controller.abort();
      running.clear();
    },
  };
};
