import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ServerProvidedFile } from '../../shared/cds/index';
import type { ServerContext } from '../companion/server-context';
import { CdsError, type CdsErrorOptions, NetworkError } from './errors';
import { errorForStatus } from './http/json-response';
import { redactUrl } from './redact';
import { publishFile, safeFileName } from './safe-file-name';
import { type FilesGrantAccess, withGrantAdminToken } from './server-files';

// cds-wg1-02 §9.4: the raw data of a Server-Provided File from its `download_uri`, with the Grant
// Admin token of its Grant. Files may be large (bulk backfills), so the body is piped to disk with
// backpressure and never held in memory; it goes to a temporary file in the target folder that
// gets its real name only when complete and exactly the size the file object (§9.1 `size`) and
// Content-Length announced. A cancelled, cut or wrong-sized transfer leaves nothing behind, and an
// existing file is never replaced (" (1)" is added instead).

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

/** Buffered between the socket and the disk: a few MiB at most, whatever the file's size. */
const streamBufferBytes = 1024 * 1024;

/** Counts bytes and reports progress, passing data through untouched (backpressure intact). */
class ProgressCounter extends Transform {
  received = 0;
  private lastReport = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly total: number,
    private readonly report: ((progress: DownloadProgress) => void) | undefined,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {
    // Large buffers between the socket and the file: fewer, bigger writes (bench: download).
    super({ highWaterMark: streamBufferBytes });
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    const at = this.now();
    if (this.report && at - this.lastReport >= this.intervalMs) {
      this.lastReport = at;
      this.safeReport();
    }
    callback(null, chunk);
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
        response.body.on('error', () => undefined);
        response.body.destroy();
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
      tempCreated = true;
      await pipeline(
        response.body,
        counter,
        createWriteStream(temp, { flags: 'wx', mode: 0o600, highWaterMark: streamBufferBytes }),
        signal ? { signal } : {},
      );
      counter.safeReport();
      return counter.received;
    });
    if (received !== file.size) {
      throw new DownloadSizeError(
        `the Server sent ${received} bytes for a file described as ${file.size} bytes`,
        errorContext,
      );
    }
    // Flush to disk before the name appears: a crash never leaves a short file under the real name.
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const written = await publishFile(temp, folder, finalName);
    tempCreated = false;
    return { path: written, size: received };
  } catch (error) {
    if (tempCreated) await unlink(temp).catch(() => undefined);
    if (signal?.aborted) throw new DownloadCancelledError();
    if (error instanceof CdsError || error instanceof DownloadCancelledError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
      throw new NetworkError({
        ...errorContext,
        failure: 'truncated',
        method: 'GET',
        url: redactUrl(file.download_uri),
      });
    }
    throw error;
  }
}
