import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import mime from 'mime';
import { scaleBytes } from '../../shared/byte-units';
import type { MessageAttachment } from '../../shared/cds/index';
import { writeNewFile } from './safe-file-name';

// Message attachments (cds-wg1-02 §6.7): file name, MIME type ("Unknown file content types MUST have
// a `mime_type` value of `application/octet-stream`") and Base64 data. §6.9: a Server's limit for
// attachments is at least 10 megabytes (413 above it), so up to that floor a Message is always
// accepted and above it this app refuses before sending anything.

/** cds-wg1-02 §6.9: the smallest attachment limit a Server may have. */
export const ATTACHMENT_FLOOR_BYTES = 10 * 1024 * 1024;

export const OCTET_STREAM = 'application/octet-stream';

// Magic numbers of the formats people attach most (letters of authorization, scans).
const SIGNATURES: ReadonlyArray<{ readonly type: string; readonly bytes: readonly number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8(7|9)a
];

/** The MIME type the first bytes prove, or null. */
export function sniffMimeType(head: Uint8Array): string | null {
  for (const signature of SIGNATURES) {
    if (head.length >= signature.bytes.length && signature.bytes.every((byte, i) => head[i] === byte))
      return signature.type;
  }
  return null;
}

/** The content decides when it is recognisable; else the extension; else application/octet-stream (§6.7). */
export function detectMimeType(fileName: string, head: Uint8Array): string {
  return sniffMimeType(head) ?? mime.getType(fileName) ?? OCTET_STREAM;
}

/** The decoded size of Base64 text, without decoding it. */
export function base64DecodedSize(data: string): number {
  const clean = data.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

/** An attachment ready to send, and its decoded size. */
export interface PreparedAttachment {
  readonly attachment: MessageAttachment;
  readonly size: number;
}

export class AttachmentTooLargeError extends Error {
  constructor(readonly totalBytes: number) {
    super(
      `the attachments total ${formatBytes(totalBytes)} (${totalBytes.toLocaleString('en-US')} bytes), more than the ${formatBytes(ATTACHMENT_FLOOR_BYTES)} (${ATTACHMENT_FLOOR_BYTES.toLocaleString('en-US')} bytes) every Server must accept (cds-wg1-02 §6.9); attach smaller files or share them another way`,
    );
  }
}

export const formatBytes = (bytes: number): string => {
  const scaled = scaleBytes(bytes);
  return scaled ? `${scaled.value.toFixed(scaled.value < 10 ? 1 : 0)} ${scaled.unit}` : `${bytes} bytes`;
};

/**
 * Reads files to attach. Sizes are checked from the file system first, so a 2 GB file is refused
 * without being read; the total is checked against the §6.9 floor.
 */
export async function readAttachments(paths: readonly string[]): Promise<PreparedAttachment[]> {
  const sizes = await Promise.all(
    paths.map(async (file) => {
      const info = await stat(file);
      if (!info.isFile()) throw new Error(`${path.basename(file)} is not a file`);
      return info.size;
    }),
  );
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > ATTACHMENT_FLOOR_BYTES) throw new AttachmentTooLargeError(total);
  const prepared: PreparedAttachment[] = [];
  for (const file of paths) {
    const handle = await open(file, 'r');
    let data: Buffer;
    try {
      data = await handle.readFile();
    } finally {
      await handle.close();
    }
    const filename = path.basename(file);
    prepared.push({
      attachment: {
        filename,
        mime_type: detectMimeType(filename, data.subarray(0, 16)),
        data: data.toString('base64'),
      },
      size: data.length,
    });
  }
  checkAttachmentTotal(prepared.map((item) => item.size));
  return prepared;
}

/** An attachment given as content (the renderer's file picker, drag and drop). */
export function prepareAttachment(filename: string, base64: string): PreparedAttachment {
  const data = Buffer.from(base64, 'base64');
  const name = path.basename(filename.replace(/\\/g, '/')) || 'attachment';
  return {
    attachment: {
      filename: name,
      mime_type: detectMimeType(name, data.subarray(0, 16)),
      data: data.toString('base64'),
    },
    size: data.length,
  };
}

/** Throws AttachmentTooLargeError above the §6.9 floor. */
export function checkAttachmentTotal(sizes: readonly number[]): void {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > ATTACHMENT_FLOOR_BYTES) throw new AttachmentTooLargeError(total);
}

/** Saves a received attachment in `folder` under a safe name, never replacing a file (" (1)" ...). */
export async function saveAttachment(
  attachment: MessageAttachment,
  folder: string,
): Promise<{ path: string; size: number }> {
  const data = Buffer.from(attachment.data, 'base64');
  const written = await writeNewFile(folder, attachment.filename || 'attachment', data);
  return { path: written, size: data.length };
}
