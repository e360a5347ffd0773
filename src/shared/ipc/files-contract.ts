import { z } from 'zod';
import { method } from './define';

/** A Server-Provided File (cds-wg1-02 §9.1) and the Grant it came with. */
export const serverFileView = z.object({
  serverId: z.string(),
  fileId: z.string(),
  grantId: z.string(),
  clientId: z.string(),
  name: z.string(),
  /** The name it will be saved under (base name only, no reserved or control characters). */
  safeName: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  description: z.string(),
  created: z.string(),
  modified: z.string(),
  /** The file object as the Server gave it. */
  object: z.record(z.string(), z.unknown()),
});
export type ServerFileView = z.infer<typeof serverFileView>;

export const fileListResult = z.object({
  files: z.array(serverFileView),
  /** Files Grants that could not be read (the others are still listed). */
  problems: z.array(z.string()),
});
export type FileListResult = z.infer<typeof fileListResult>;

export const downloadResult = z.object({
  downloadId: z.string(),
  fileId: z.string(),
  status: z.enum(['complete', 'cancelled']),
  /** Where it was saved (null when cancelled). */
  path: z.string().nullable(),
  size: z.number().int().nonnegative(),
});
export type DownloadResult = z.infer<typeof downloadResult>;

export const filesMethods = {
  'files.list': method(z.tuple([z.string()]), fileListResult),
  /** Streams the file into `folder`; progress arrives as `download.progress` with `downloadId`. */
  'files.download': method(
    z.tuple([
      z.string(),
      z.string(),
      z.object({ folder: z.string().min(1), downloadId: z.string().min(1).max(100).optional() }),
    ]),
    downloadResult,
  ),
  /** Cancels a running download: its temporary file is removed, nothing is saved. */
  'files.cancelDownload': method(z.tuple([z.string()]), z.object({ cancelled: z.boolean() })),
};

export const filesEvents = {
  'files.changed': z.object({ serverId: z.string() }),
  'download.progress': z.object({
    serverId: z.string(),
    fileId: z.string(),
    downloadId: z.string(),
    received: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
};
