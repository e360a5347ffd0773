import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { SandboxContext } from './context';
import { badRequest } from './errors';
import { addFileGrant } from './registration';
import { scopeType } from './scopes';
import type { FileRecord, Json } from './state';

// Server-Provided Files of any size (cds-wg1-02 §9: "bulk backfills") without holding them in
// memory: the bytes are generated on the fly from the file id, the same every time, so a test or a
// benchmark can download a 1 GiB file and compare what two clients received. Created through the
// control surface (`control.createGeneratedFileGrant`, admin operation `generated-file-grant`).

/** Largest generated file: 64 GiB. */
export const MAX_GENERATED_BYTES = 64 * 1024 ** 3;

const BLOCK_BYTES = 64 * 1024;
/**
 * What the stream hands to the socket at a time: 16 copies of the block. One 64 KiB write per
 * block cost the sandbox about 0.5-0.8 s of CPU per GiB, half of it per-write overhead; 1 MiB writes
 * halve that, which matters when the sandbox shares a small machine with the client it serves
 * (bench: download).
 */
const SEND_BYTES = 16 * BLOCK_BYTES;

/** The 64 KiB block a generated file repeats: SHA-256 in counter mode over the file id. */
function blockFor(fileId: string): Buffer {
  const block = Buffer.alloc(BLOCK_BYTES);
  for (let offset = 0, counter = 0; offset < BLOCK_BYTES; offset += 32, counter += 1) {
    createHash('sha256').update(`${fileId}:${counter}`).digest().copy(block, offset);
  }
  return block;
}

/** The generated file's content as a stream of `size` bytes (its 64 KiB block repeated). */
export function generatedFileStream(fileId: string, size: number): Readable {
  const block = blockFor(fileId);
  const run = Buffer.alloc(SEND_BYTES);
  for (let offset = 0; offset < SEND_BYTES; offset += BLOCK_BYTES) block.copy(run, offset);
  let sent = 0;
  return new Readable({
    highWaterMark: SEND_BYTES,
    read() {
      // Push until the consumer's buffer is full (backpressure) or the file ends.
      while (sent < size) {
        const length = Math.min(SEND_BYTES, size - sent);
        sent += length;
        if (!this.push(length === SEND_BYTES ? run : run.subarray(0, length))) return;
      }
      this.push(null);
    },
  });
}

/** Answers a download of a generated file (files.ts calls this for records with `generated`). */
export function sendGeneratedFile(reply: FastifyReply, record: FileRecord & { generated: { size: number } }) {
  const name = String(record.object.name).replace(/["\\\r\n]/g, '_');
  reply
    .header('content-type', String(record.object.mime_type))
    .header('content-length', String(record.generated.size))
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store');
  return reply.send(generatedFileStream(record.object.file_id, record.generated.size));
}

/**
 * Shares one generated file of `size` bytes with a Server-Provided Files Client Object, in a new
 * files Grant (§3.3.3), like `createFileGrant` does for given bytes.
 */
export function createGeneratedFileGrant(
  ctx: SandboxContext,
  input: { clientId: string; name?: string; mimeType?: string; size: number },
): Json {
  const client = ctx.client(input.clientId);
  if (!client || scopeType(String(client.object.scope)) !== 'cds_server_provided_files') {
    throw badRequest('clientId must name a Server-Provided Files Client Object.');
  }
  if (!Number.isSafeInteger(input.size) || input.size < 0 || input.size > MAX_GENERATED_BYTES) {
    throw badRequest(`size must be a whole number of bytes from 0 to ${MAX_GENERATED_BYTES}.`);
  }
  const grant = addFileGrant(ctx, client.registrationId, input.clientId, [
    {
      name: input.name ?? 'generated-backfill.bin',
      mimeType: input.mimeType ?? 'application/octet-stream',
      description: `A generated file of ${input.size} bytes.`,
      data: new Uint8Array(0),
    },
  ]);
  const details = grant.object.authorization_details as Json[];
  const fileId = String(details[0]?.file_id);
  const record = ctx.state.files[fileId];
  if (record) {
    record.generated = { size: input.size };
    record.object.size = input.size;
  }
  return grant.object;
}
