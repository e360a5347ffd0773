import { Transform, type TransformCallback } from 'node:stream';

// Response size caps (issue #4 "HTTP hygiene"; SECURITY.md "response size is capped before
// decryption"): a body over the cap is refused while streaming, never buffered whole.

/** Raised inside the stream when more than `maxBytes` arrive; mapped to NetworkError 'too-large'. */
export class BodyTooLargeError extends Error {
  readonly code = 'UND_ERR_RES_EXCEEDED_MAX_SIZE';
  constructor(readonly maxBytes: number) {
    super(`response body exceeds ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * A pass-through stream that fails with `tooLarge()` as soon as the running total exceeds
 * `maxBytes`.
 */
export const createByteLimit = (
  maxBytes: number,
  tooLarge: () => Error,
  highWaterMark?: number,
): Transform => {
  let total = 0;
  return new Transform({
    ...(highWaterMark === undefined ? {} : { highWaterMark }),
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      total += chunk.length;
      if (total > maxBytes) {
        callback(tooLarge());
        return;
      }
      callback(null, chunk);
    },
  });
};
