import { randomBytes } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ServerProvidedFile } from '../../shared/cds/index';
import type { ServerContext } from '../companion/server-context';
import { createBatchedFileWriter } from './batched-file-writer';
import { CdsError, type CdsErrorOptions } from './errors';
import { errorForStatus } from './http/json-response';
import { redactUrl } from './redact';
import { publishFile, safeFileName } from './safe-file-name';
import { type FilesGrantAccess, withGrantAdminToken } from './server-files';

// cds-wg1-02 §9.4: the raw data of a Server-Provided File from its `download_uri`, with the Grant
// Admin token of its Grant. Files may be large (bulk backfills), so the body is written to disk as
// it arrives, in large batches with backpressure, and never held in memory; it goes to a temporary
// file in the target folder that gets its real name only when complete and exactly the size the
// file object (§9.1 `size`) and Content-Length announced. A cancelled, cut or wrong-sized transfer
// leaves nothing behind, and an existing file is never replaced (" (1)" is added instead).

export interface DownloadProgress {
  readonly received: number;
  readonly total: number;
}

export interface DownloadOptions {
  readonly folder: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Least time between two progress reports (the last one is always sent). Default 100 ms. */
  readonly progressIntervalMs?: number;
  readonly now?: () => number;
}

export interface DownloadResult {
  readonly path: string;
  readonly size: number;
}

/** The download was cancelled (by its id); nothing was saved. */
export class DownloadCancelledError extends Error {
  constructor() {
    super('the download was cancelled');
  }
}

/** The data did not have the size the Server announced; nothing was saved. */
export class DownloadSizeError extends CdsError {
  readonly kind = 'validation' as const;
  constructor(problem: string, options: CdsErrorOptions) {
    super(`${problem}, so nothing was saved`, options);
  }
}

/**
 * Counts bytes and reports progress at most every `intervalMs` (the last report is always sent),
 * so a fast download makes a handful of events per second, not one per socket read.
 */
class ProgressCounter {
  received = 0;
  private lastReport = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly total: number,
    private readonly report: ((progress: DownloadProgress) => void) | undefined,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}
  add(bytes: number): void {
    this.received += bytes;
    if (this.report === undefined) return;
    const at = this.now();
    if (at - this.lastReport >= this.intervalMs) {
      this.lastReport = at;
      this.safeReport();
    }
  }
  safeReport(): void {
    try {
      this.report?.({ received: this.received, total: this.total });
    } catch {
      // A failing listener must not break the transfer.
    }
  }
}

async function requireFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`the folder ${folder} does not exist`);
}

/** Downloads one file into `options.folder`; see the file comment for the guarantees. */
export async function downloadServerFile(
  context: ServerContext,
  target: { readonly file: ServerProvidedFile; readonly access: FilesGrantAccess },
  options: DownloadOptions,
): Promise<DownloadResult> {
  const { file, access } = target;
  const step = `downloading the file ${file.name}`;
  const errorContext = { server: context.ref, step };
  const folder = path.resolve(options.folder);
  await requireFolder(folder);
  const finalName = safeFileName(file.name, `file-${file.file_id}`);
  const temp = path.join(folder, `.${finalName.slice(0, 180)}.${randomBytes(6).toString('hex')}.part`);
  const signal = options.signal;
  const now = options.now ?? (() => performance.now());
  let tempCreated = false;
  try {
    if (signal?.aborted) throw new DownloadCancelledError();
    const received = await withGrantAdminToken(context, access, async (bearer) => {
      const response = await context.http.request(file.download_uri, {
        ...errorContext,
        bearer,
        headers: { accept: '*/*' },
        // A body longer than announced is cut off at once (too-large) rather than written.
        maxBytes: file.size,
        ...(signal ? { signal } : {}),
      });
      if (response.status < 200 || response.status > 299) {
        const body = await response.bytes().catch(() => Buffer.alloc(0));
        throw errorForStatus({
          ...errorContext,
          status: response.status,
          method: 'GET',
          url: redactUrl(response.url),
          body,
          secrets: [bearer],
        });
      }
      const declared = response.header('content-length');
      if (declared !== undefined && Number.parseInt(declared, 10) !== file.size) {
        // The capped body may already be failing (too large); that error is replaced by this one.
        response.discard();
        throw new DownloadSizeError(
          `the Server announced ${declared} bytes for a file described as ${file.size} bytes`,
          errorContext,
        );
      }
      const counter = new ProgressCounter(
        file.size,
        options.onProgress,
        options.progressIntervalMs ?? 100,
        now,
      );
      const handle = await open(temp, 'wx', 0o600).catch((error: unknown) => {
        // Nobody will read the body: close its connection rather than leave it waiting.
        response.discard();
        throw error;
      });
      tempCreated = true;
      const writer = createBatchedFileWriter(handle);
      try {
        // One pass over the socket's chunks: the cap (maxBytes) is checked by readChunks, the count
        // and progress here, and the writer batches them to disk with backpressure.
        const count = await response.readChunks((chunk) => {
          counter.add(chunk.length);
          return writer.write(chunk);
        });
        await writer.finish();
        counter.safeReport();
        if (count !== file.size) {
          throw new DownloadSizeError(
            `the Server sent ${count} bytes for a file described as ${file.size} bytes`,
            errorContext,
          );
        }
        // Flush to disk before the name appears: a crash never leaves a short file under the real name.
        await handle.sync();
        return count;
      } finally {
        // A failed or cancelled transfer may still have a write in flight: let it land before closing.
        await writer.settle();
        await handle.close();
      }
    });
    const written = await publishFile(temp, folder, finalName);
    tempCreated = false;
    return { path: written, size: received };
  } catch (error) {
    if (tempCreated) await unlink(temp).catch(() => undefined);
    if (signal?.aborted) throw new DownloadCancelledError();
    // Transfer failures are already CdsErrors (readChunks); what is left is the disk's (ENOSPC...).
    throw error;
  }
}
