import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { decodeBase64Url } from './base64url';
import { describeServerValue, JweError } from './jwe-errors';
import { p256PublicJwkSchema } from './jwk-schemas';
import { importP256PublicKey } from './p256-point';

/** Which of the two JWEs of an encrypted CDS response a header belongs to (for messages). */
export type JwePart = 'headers' | 'body';

const PART_LABEL: Record<JwePart, string> = {
  headers: 'the encrypted response headers',
  body: 'the encrypted response body',
};

export function partLabel(part: JwePart): string {
  return PART_LABEL[part];
}

// Members an EC public key must not carry: a private key in `epk` is a malformed (or leaking) header.
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The decoded JWE Protected Header we accept (RFC 7516 §4; RFC 7518 §4.6.1). */
export const jweProtectedHeaderSchema = z.looseObject({
  alg: z.literal('ECDH-ES'),
  enc: z.literal('A256GCM'),
  epk: p256PublicJwkSchema,
  apu: z.string().optional(),
  apv: z.string().optional(),
});
export type JweProtectedHeader = z.infer<typeof jweProtectedHeaderSchema>;

export interface ParsedProtectedHeader {
  readonly header: JweProtectedHeader;
  /** JWE AAD: the ASCII bytes of the protected header exactly as received (RFC 7516 §5.1 step 14). */
  readonly aad: Buffer;
  readonly ephemeralPublicKey: KeyObject;
  readonly apu: Buffer;
  readonly apv: Buffer;
}

// Protected headers are a few hundred bytes; anything far larger is not a JWE header we made sense of.
const MAX_PROTECTED_HEADER_CHARS = 8192;

function decodePartyInfo(value: unknown, name: 'apu' | 'apv', part: JwePart): Buffer {
  if (value === undefined) {
    return Buffer.alloc(0);
  }
  const bytes = typeof value === 'string' ? decodeBase64Url(value) : undefined;
  if (!bytes) {
    throw new JweError('invalid_header', `The "${name}" value in ${partLabel(part)} is not valid base64url.`);
  }
  return bytes;
}

/**
 * Decodes and checks one JWE Protected Header. Only ECDH-ES (direct key agreement) with A256GCM on a
 * P-256 ephemeral key is accepted (cds-wg3-01 §7.4.6 requires Servers to support EC P-256; the
 * overview's example uses exactly ECDH-ES + A256GCM). Everything else is refused before any key
 * agreement happens.
 */
export function parseProtectedHeader(encoded: string, part: JwePart): ParsedProtectedHeader {
  const label = partLabel(part);
  const bytes = encoded.length <= MAX_PROTECTED_HEADER_CHARS ? decodeBase64Url(encoded) : undefined;
  if (!bytes || bytes.length === 0) {
    throw new JweError('invalid_header', `The protected header of ${label} is not valid base64url.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new JweError('invalid_header', `The protected header of ${label} is not valid JSON.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new JweError('invalid_header', `The protected header of ${label} is not a JSON object.`);
  }
  const fields = raw as Record<string, unknown>;

  if (fields.alg !== 'ECDH-ES') {
    throw new JweError(
      'unsupported_algorithm',
      `The Server protected ${label} with key algorithm ${describeServerValue(fields.alg)}; ` +
        'CDS Companion only accepts "ECDH-ES" with this device\'s key.',
    );
  }
  if (fields.enc !== 'A256GCM') {
    throw new JweError(
      'unsupported_encryption',
      `The Server encrypted ${label} with ${describeServerValue(fields.enc)}; ` +
        'CDS Companion only accepts "A256GCM".',
    );
  }
  // RFC 7516 §4.1.3: compressed plaintext is refused (decompression of untrusted data is a
  // resource-exhaustion risk and CDS never asks for it).
  if ('zip' in fields) {
    throw new JweError(
      'compression_not_supported',
      `The Server compressed ${label} ("zip"), which CDS Companion does not accept.`,
    );
  }
  // RFC 7516 §4.1.13: critical extensions we do not understand must make the JWE invalid.
  if ('crit' in fields) {
    throw new JweError(
      'invalid_header',
      `The protected header of ${label} requires extensions ("crit") CDS Companion does not know.`,
    );
  }

  const epkMessage = `The Server's one-time key in ${label} is not a valid P-256 public key.`;
  const epk = fields.epk;
  if (
    typeof epk === 'object' &&
    epk !== null &&
    PRIVATE_JWK_MEMBERS.some((member) => Object.hasOwn(epk, member))
  ) {
    throw new JweError('invalid_epk', epkMessage);
  }
  const epkParsed = p256PublicJwkSchema.safeParse(epk);
  if (!epkParsed.success) {
    throw new JweError('invalid_epk', epkMessage);
  }
  const ephemeralPublicKey = importP256PublicKey(epkParsed.data);
  if (!ephemeralPublicKey) {
    throw new JweError('invalid_epk', epkMessage);
  }

  const apu = decodePartyInfo(fields.apu, 'apu', part);
  const apv = decodePartyInfo(fields.apv, 'apv', part);

  const header = jweProtectedHeaderSchema.parse(fields);
  return { header, aad: Buffer.from(encoded, 'ascii'), ephemeralPublicKey, apu, apv };
}
