import { z } from 'zod';
import { type ServerProvidedFile, safeParseCds, serverProvidedFileSchema } from '../../shared/cds/index';
import type { ServerFileView } from '../../shared/ipc/files-contract';
import { safeFileName } from '../cds/safe-file-name';
import type { FetchedServerFile, FilesGrantAccess } from '../cds/server-files';

// The Server-Provided Files of each Server (`state/files.json`): the file objects as the Server gave
// them (cds-wg1-02 §9.1) and the Grant each came with, which decides the Grant Admin token used to
// download it (§3.3.2). No token is stored: they live in the token manager's memory only.

export const cachedFileSchema = z.object({
  object: z.record(z.string(), z.unknown()),
  access: z.object({
    grantId: z.string(),
    clientId: z.string(),
    grantAdminScope: z.string(),
    grantAdminClientId: z.string(),
  }),
});

export const fileCacheSchema = z.object({
  files: z.record(z.string(), cachedFileSchema),
  order: z.array(z.string()),
  problems: z.array(z.string()),
  syncedAt: z.string().nullable(),
});
export type FileCache = z.infer<typeof fileCacheSchema>;

export const emptyFileCache = (): FileCache => ({ files: {}, order: [], problems: [], syncedAt: null });

export function fileCacheOf(
  fetched: readonly FetchedServerFile[],
  problems: readonly string[],
  at: string,
): FileCache {
  return {
    files: Object.fromEntries(
      fetched.map((item) => [item.file.file_id, { object: item.raw, access: { ...item.access } }]),
    ),
    order: fetched.map((item) => item.file.file_id),
    problems: [...problems],
    syncedAt: at,
  };
}

/** A cached file, parsed, with its Grant access; undefined when unknown or unreadable. */
export function cachedFile(
  cache: FileCache,
  fileId: string,
): { file: ServerProvidedFile; access: FilesGrantAccess } | undefined {
  const entry = cache.files[fileId];
  if (!entry) return undefined;
  const parsed = safeParseCds(serverProvidedFileSchema, entry.object, 'a saved Server-Provided File');
  return parsed.success ? { file: parsed.data, access: entry.access } : undefined;
}

export function fileViewsOf(serverId: string, cache: FileCache): ServerFileView[] {
  return cache.order.flatMap((fileId) => {
    const found = cachedFile(cache, fileId);
    const entry = cache.files[fileId];
    if (!found || !entry) return [];
    const { file, access } = found;
    return [
      {
        serverId,
        fileId: file.file_id,
        grantId: access.grantId,
        clientId: access.clientId,
        name: file.name,
        safeName: safeFileName(file.name, `file-${file.file_id}`),
        mimeType: file.mime_type,
        size: file.size,
        description: file.description,
        created: file.created,
        modified: file.modified,
        object: entry.object,
      },
    ];
  });
}
