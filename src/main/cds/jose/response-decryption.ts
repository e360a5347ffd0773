import { createPrivateKey, type KeyObject } from 'node:crypto';
import { decodeBase64Url } from './base64url';
import { type HeadersLike, isEncryptedCdsResponse, readCdsJweHeaders, singleHeader } from './cds-jwe-headers';
import { deriveDirectAgreementKey } from './concat-kdf';
import { decryptGcm, decryptGcmBody, type EncryptedBodySource } from './gcm-decryption';
import { parseHeaderBlock } from './header-block';
import { JweError } from './jwe-errors';
import {
  type JwePart,
  type JweProtectedHeader,
  parseProtectedHeader,
  partLabel,
} from './jwe-protected-header';
import { type P256PrivateJwk, p256PrivateJwkSchema } from './jwk-schemas';

export type { EncryptedBodySource, HeadersLike, JweProtectedHeader };
export { isEncryptedCdsResponse };

/** Default cap on the encrypted body read from the network (ciphertext ‖ tag). */
export const DEFAULT_MAX_ENCRYPTED_BODY_BYTES = 128 * 1024 * 1024;

// The header block travels in HTTP headers, which Servers and proxies cap far below this.
const MAX_HEADER_CIPHERTEXT_CHARS = 64 * 1024;

export interface DecryptCdsResponseInput {
  /** The HTTP response headers (case-insensitive names). */
  readonly headers: HeadersLike;
  /** The raw HTTP body: ciphertext ‖ 16-byte tag, in memory or as a stream of chunks. */
  readonly body: EncryptedBodySource;
  /** The device's private key (from the vault); any P-256 private JWK. */
  readonly privateJwk: P256PrivateJwk;
  /** Refuse bodies larger than this many bytes, before buffering them. */
  readonly maxBodyBytes?: number;
}

export interface DecryptedCdsResponse {
  /** The decrypted header block as sent: "Name: value" lines. */
  readonly headerBlock: string;
  /** The decrypted headers parsed (e.g. Content-Type, X-Log-ID), names as the Server spelled them. */
  readonly headers: Record<string, string>;
  /** The decrypted body. */
  readonly body: Uint8Array;
  /** The two JWE protected headers (public values only: alg, enc, epk, apu, apv). */
  readonly protectedHeaders: { readonly headers: JweProtectedHeader; readonly body: JweProtectedHeader };
}

function importDeviceKey(privateJwk: P256PrivateJwk): KeyObject {
  const parsed = p256PrivateJwkSchema.safeParse(privateJwk);
  if (!parsed.success) {
    throw new JweError('invalid_key', "This device's decryption key is damaged or is not a P-256 key.");
  }
  const { kty, crv, x, y, d } = parsed.data;
  try {
    return createPrivateKey({ key: { kty, crv, x, y, d }, format: 'jwk' });
  } catch {
    throw new JweError('invalid_key', "This device's decryption key is damaged or is not a P-256 key.");
  }
}

function decodePart(value: string, what: string, part: JwePart): Buffer {
  const bytes = decodeBase64Url(value);
  if (!bytes) {
    throw new JweError('invalid_header', `The ${what} of ${partLabel(part)} is not valid base64url.`);
  }
  return bytes;
}

function contentLength(headers: HeadersLike): number | undefined {
  // With a content coding, Content-Length counts the coded bytes, not the ones a client that
  // decodes (fetch does) hands over: it cannot be used to size the body then (RFC 9110 §8.6).
  const coding = singleHeader(headers, 'content-encoding');
  if (coding !== undefined && coding.toLowerCase() !== 'identity') {
    return undefined;
  }
  const value = singleHeader(headers, 'content-length');
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d{1,15}$/.test(value)) {
    throw new JweError(
      'invalid_header',
      'The Server sent an invalid Content-Length for the encrypted response.',
    );
  }
  return Number(value);
}

/**
 * Decrypts a CDS response encrypted for this device (cds-wg3-01 §7.4.6; the format is the one the
 * cds-wg1-02 overview's "encrypted responses" example decrypts): two JWEs with ECDH-ES + A256GCM,
 * one for the header block (all parts in X-CDS-Header-JWE-* headers), one for the body (protected
 * header and IV in X-CDS-Body-JWE-* headers, ciphertext ‖ tag as the HTTP body). The AAD of each is
 * the ASCII of its protected header as received.
 *
 * Everything is checked before any plaintext is returned; failures are `JweError`s.
 */
export async function decryptCdsResponse(input: DecryptCdsResponseInput): Promise<DecryptedCdsResponse> {
  const maxBodyBytes = input.maxBodyBytes ?? DEFAULT_MAX_ENCRYPTED_BODY_BYTES;
  const parts = readCdsJweHeaders(input.headers);
  const expectedBytes = contentLength(input.headers);

  // All header checks come first, so an unsupported or malformed response is refused before a
  // single body byte is read.
  const headerJwe = parseProtectedHeader(parts.headerProtected, 'headers');
  const bodyJwe = parseProtectedHeader(parts.bodyProtected, 'body');
  const headerIv = decodePart(parts.headerIv, 'initialization vector', 'headers');
  const bodyIv = decodePart(parts.bodyIv, 'initialization vector', 'body');
  if (parts.headerCiphertext.length > MAX_HEADER_CIPHERTEXT_CHARS) {
    throw new JweError('invalid_header', 'The encrypted response headers are too large to be headers.');
  }
  const headerCiphertext = decodePart(parts.headerCiphertext, 'ciphertext', 'headers');
  const headerTag = decodePart(parts.headerTag, 'authentication tag', 'headers');
  const privateKey = importDeviceKey(input.privateJwk);

  const headerKey = deriveDirectAgreementKey({
    privateKey,
    ephemeralPublicKey: headerJwe.ephemeralPublicKey,
    enc: 'A256GCM',
    apu: headerJwe.apu,
    apv: headerJwe.apv,
  });
  const bodyKey = deriveDirectAgreementKey({
    privateKey,
    ephemeralPublicKey: bodyJwe.ephemeralPublicKey,
    enc: 'A256GCM',
    apu: bodyJwe.apu,
    apv: bodyJwe.apv,
  });

  try {
    const headerPlaintext = decryptGcm({
      key: headerKey,
      iv: headerIv,
      aad: headerJwe.aad,
      ciphertext: headerCiphertext,
      tag: headerTag,
      label: partLabel('headers'),
    });
    let headerBlock: string;
    try {
      headerBlock = new TextDecoder('utf-8', { fatal: true }).decode(headerPlaintext);
    } catch {
      throw new JweError('invalid_header', 'The decrypted response headers are not text.');
    }
    const headers = parseHeaderBlock(headerBlock);
    const body = await decryptGcmBody({
      key: bodyKey,
      iv: bodyIv,
      aad: bodyJwe.aad,
      source: input.body,
      maxBytes: maxBodyBytes,
      ...(expectedBytes === undefined ? {} : { expectedBytes }),
      label: partLabel('body'),
    });
    return {
      headerBlock,
      headers,
      body,
      protectedHeaders: { headers: headerJwe.header, body: bodyJwe.header },
    };
  } finally {
    headerKey.fill(0);
    bodyKey.fill(0);
  }
}
