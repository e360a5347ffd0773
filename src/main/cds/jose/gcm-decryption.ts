import { createDecipheriv, type DecipherGCM } from 'node:crypto';
import { JweError } from './jwe-errors';

// RFC 7518 §5.3: A256GCM uses a 256-bit key, a 96-bit IV and a 128-bit authentication tag.
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

// Decipher input per update(): large enough to keep per-call overhead small, small enough that the
// short-lived output pieces stay small (measured in bench/decrypt-bench.ts).
const UPDATE_SLICE_BYTES = 256 * 1024;

/** The raw HTTP body: already in memory, or a stream of chunks (Node Readable, undici body...). */
export type EncryptedBodySource = Uint8Array | AsyncIterable<Uint8Array | string>;

interface GcmKeyInput {
  readonly key: Buffer;
  readonly iv: Buffer;
  readonly aad: Buffer;
  /** Says which part failed, for messages. */
  readonly label: string;
}

function createGcmDecipher(input: GcmKeyInput): DecipherGCM {
  if (input.iv.length !== GCM_IV_BYTES) {
    throw new JweError(
      'invalid_header',
      `The initialization vector of ${input.label} has the wrong length (A256GCM needs 96 bits).`,
    );
  }
  // authTagLength pins the tag to 128 bits: without it Node accepts shortened tags, which would
  // make forgeries far cheaper.
  const decipher = createDecipheriv('aes-256-gcm', input.key, input.iv, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(input.aad);
  return decipher;
}

function authenticationFailed(label: string, cause?: unknown): JweError {
  return new JweError(
    'authentication_failed',
    `${capitalise(label)} could not be decrypted: it was changed in transit, ` +
      'or it was encrypted for a different device key.',
    { cause },
  );
}

function finish(decipher: DecipherGCM, label: string): void {
  try {
    decipher.final();
  } catch {
    // The cause from OpenSSL carries no secret, but it adds nothing for a reader either.
    throw authenticationFailed(label);
  }
}

/** Decrypts a small JWE part held in memory (the encrypted header block). */
export function decryptGcm(
  input: GcmKeyInput & { readonly ciphertext: Buffer; readonly tag: Buffer },
): Buffer {
  if (input.tag.length !== GCM_TAG_BYTES) {
    throw new JweError('truncated', `The authentication tag of ${input.label} is incomplete.`);
  }
  const decipher = createGcmDecipher(input);
  decipher.setAuthTag(input.tag);
  const plaintext = decipher.update(input.ciphertext);
  try {
    finish(decipher, input.label);
  } catch (error) {
    plaintext.fill(0);
    throw error;
  }
  return plaintext;
}

/**
 * Decrypts the body: ciphertext ‖ 16-byte tag. The size is checked while reading, so a body over
 * `maxBytes` is refused as soon as the cap is passed, without being buffered whole. GCM only proves
 * integrity at final(), so plaintext is kept here and released only after final() succeeds; on any
 * failure it is wiped and nothing is returned.
 *
 * Memory: the plaintext goes into one buffer allocated up front whenever the length is known (an
 * in-memory body, or a stream with `expectedBytes` from Content-Length), and the ciphertext is fed
 * to the decipher in slices: one update over a huge input makes Node hold its output twice. Without
 * a known length, pieces are joined at the end (briefly twice the plaintext).
 */
export async function decryptGcmBody(
  input: GcmKeyInput & {
    readonly source: EncryptedBodySource;
    readonly maxBytes: number;
    readonly expectedBytes?: number;
  },
): Promise<Buffer> {
  const { source, maxBytes, expectedBytes, label } = input;
  const tooLarge = () =>
    new JweError(
      'body_too_large',
      `The encrypted response is larger than the ${formatBytes(maxBytes)} this app accepts; it was not read.`,
    );
  const truncated = () =>
    new JweError('truncated', `${capitalise(label)} is incomplete: it ends before its tag.`);

  if (expectedBytes !== undefined && expectedBytes > maxBytes) {
    throw tooLarge();
  }
  if (source instanceof Uint8Array) {
    if (source.length > maxBytes) {
      throw tooLarge();
    }
    if (source.length < GCM_TAG_BYTES || (expectedBytes !== undefined && expectedBytes !== source.length)) {
      throw truncated();
    }
    const decipher = createGcmDecipher(input);
    const split = source.length - GCM_TAG_BYTES;
    decipher.setAuthTag(source.subarray(split));
    const plaintext = Buffer.allocUnsafe(split);
    let written = 0;
    try {
      for (let offset = 0; offset < split; offset += UPDATE_SLICE_BYTES) {
        const piece = decipher.update(source.subarray(offset, Math.min(split, offset + UPDATE_SLICE_BYTES)));
        written += piece.copy(plaintext, written);
      }
      if (written !== split) {
        throw authenticationFailed(label);
      }
      finish(decipher, label);
    } catch (error) {
      plaintext.fill(0);
      throw error;
    }
    return plaintext;
  }

  const decipher = createGcmDecipher(input);
  const plaintextLength =
    expectedBytes !== undefined ? Math.max(expectedBytes - GCM_TAG_BYTES, 0) : undefined;
  const output = plaintextLength !== undefined ? Buffer.allocUnsafe(plaintextLength) : undefined;
  const pieces: Buffer[] = [];
  let written = 0;
  let received = 0;
  // The last 16 bytes seen so far: they may be the tag, so they are only decrypted once more arrives.
  let held: Buffer = Buffer.alloc(0);

  const emit = (piece: Buffer) => {
    if (piece.length === 0) {
      return;
    }
    if (output) {
      if (written + piece.length > output.length) {
        throw new JweError('truncated', `${capitalise(label)} is longer than the Server announced.`);
      }
      piece.copy(output, written);
      piece.fill(0);
    } else {
      pieces.push(piece);
    }
    written += piece.length;
  };
  const wipe = () => {
    // Only what was written: touching the rest would commit memory for nothing.
    output?.fill(0, 0, written);
    for (const piece of pieces) {
      piece.fill(0);
    }
    pieces.length = 0;
  };

  try {
    // Throwing inside for-await calls the iterator's return(): a Node stream is destroyed, so the
    // rest of an oversized body is never read.
    for await (const chunk of source) {
      const bytes =
        typeof chunk === 'string'
          ? Buffer.from(chunk)
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      received += bytes.length;
      if (received > maxBytes) {
        throw tooLarge();
      }
      if (expectedBytes !== undefined && received > expectedBytes) {
        throw new JweError('truncated', `${capitalise(label)} is longer than the Server announced.`);
      }
      if (bytes.length >= GCM_TAG_BYTES) {
        emit(decipher.update(held));
        const release = bytes.length - GCM_TAG_BYTES;
        for (let offset = 0; offset < release; offset += UPDATE_SLICE_BYTES) {
          emit(decipher.update(bytes.subarray(offset, Math.min(release, offset + UPDATE_SLICE_BYTES))));
        }
        // Copied, so the (possibly large) chunk is not kept alive by its last 16 bytes.
        held = Buffer.from(bytes.subarray(bytes.length - GCM_TAG_BYTES));
      } else {
        const joined = Buffer.concat([held, bytes]);
        const release = Math.max(joined.length - GCM_TAG_BYTES, 0);
        emit(decipher.update(joined.subarray(0, release)));
        held = joined.subarray(release);
      }
    }
    if (held.length < GCM_TAG_BYTES || (expectedBytes !== undefined && received !== expectedBytes)) {
      throw truncated();
    }
    decipher.setAuthTag(held);
    finish(decipher, label);
  } catch (error) {
    wipe();
    throw error;
  }
  if (output) {
    return output;
  }
  const plaintext = Buffer.concat(pieces, written);
  wipe();
  return plaintext;
}

function capitalise(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}
