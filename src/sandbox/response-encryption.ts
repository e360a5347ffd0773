import {
  createCipheriv,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * The sandbox's side of "Additional JWK Encryption" (cds-wg3-01 §7.4.6): when an authorization carries
 * a `jwk`, Customer Data API responses are encrypted for it, in the format of the cds-wg1-02
 * overview's "Providing a JWK in authorization_details for encrypted responses" example:
 *
 * - the real response headers become one "Name: value\n..." block, encrypted as a JWE whose protected
 *   header, IV, ciphertext and tag travel in the four X-CDS-Header-JWE-* headers;
 * - the body is a second JWE: protected header and IV in X-CDS-Body-JWE-*, ciphertext ‖ tag as the body;
 * - both are ECDH-ES (direct key agreement) + A256GCM, AAD = ASCII of the protected header, each with
 *   its own ephemeral P-256 key (the overview's two protected headers carry two different `epk`s).
 *
 * Written independently of the engine's decryption (src/main/cds/jose) and checked against jose's
 * JWE implementation in tests, so the two sides cannot share one mistake.
 */

export interface EncryptCdsResponseInput {
  /** The real headers to hide (e.g. Content-Type, X-Log-ID). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** The public key from the authorization's `jwk` details field. */
  readonly recipientJwk: Readonly<Record<string, unknown>>;
  /** Agreement PartyUInfo / PartyVInfo (RFC 7518 §4.6.1.2-3), put in both protected headers. */
  readonly apu?: Uint8Array;
  readonly apv?: Uint8Array;
}

export interface EncryptedCdsResponse {
  /** Only the X-CDS-* headers to send (the real headers are inside). */
  readonly headers: Record<string, string>;
  /** Body ciphertext followed by its 16-byte GCM tag. */
  readonly body: Uint8Array;
}

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/; // RFC 9110 §5.1 token

function b64u(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

function coordinate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^[A-Za-z0-9_-]{43}$/.test(value) &&
    Buffer.from(value, 'base64url').toString('base64url') === value
  );
}

/**
 * Whether a `jwk` authorization details value is a JWK Public Encryption Key the sandbox can encrypt
 * to (cds-wg3-01 §2 "JWK Public Encryption Key", §7.4.6: EC P-256 MUST be supported): a public EC
 * P-256 key on the curve, `use` "enc" if present, `alg` "ECDH-ES" if present, and no private member.
 */
export function isValidEncryptionJwk(jwk: unknown): boolean {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    return false;
  }
  const key = jwk as Record<string, unknown>;
  const { x, y } = key;
  if (key.kty !== 'EC' || key.crv !== 'P-256' || !coordinate(x) || !coordinate(y)) {
    return false;
  }
  if (PRIVATE_JWK_MEMBERS.some((member) => Object.hasOwn(key, member))) {
    return false;
  }
  if (key.use !== undefined && key.use !== 'enc') {
    return false;
  }
  if (key.alg !== undefined && key.alg !== 'ECDH-ES') {
    return false;
  }
  if (
    key.key_ops !== undefined &&
    !(Array.isArray(key.key_ops) && key.key_ops.every((op) => typeof op === 'string'))
  ) {
    return false;
  }
  try {
    // Node refuses points that are not on the curve.
    createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
}

function lengthPrefixed(bytes: Uint8Array): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(bytes.length);
  return Buffer.concat([prefix, bytes]);
}

interface JweSetup {
  readonly protectedHeader: string;
  readonly key: Buffer;
  readonly iv: Buffer;
}

/** A fresh ephemeral key, the ECDH-ES direct agreement key (RFC 7518 §4.6.2, Concat KDF) and an IV. */
function setUpJwe(recipient: KeyObject, apu: Uint8Array | undefined, apv: Uint8Array | undefined): JweSetup {
  const ephemeral = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { crv, kty, x, y } = ephemeral.publicKey.export({ format: 'jwk' });
  const header: Record<string, unknown> = { alg: 'ECDH-ES', enc: 'A256GCM', epk: { crv, kty, x, y } };
  if (apu) {
    header.apu = b64u(apu);
  }
  if (apv) {
    header.apv = b64u(apv);
  }
  const z = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const suppPubInfo = Buffer.alloc(4);
  suppPubInfo.writeUInt32BE(256);
  const key = createHash('sha256')
    .update(Buffer.from([0, 0, 0, 1]))
    .update(z)
    .update(lengthPrefixed(Buffer.from('A256GCM', 'ascii')))
    .update(lengthPrefixed(apu ?? new Uint8Array()))
    .update(lengthPrefixed(apv ?? new Uint8Array()))
    .update(suppPubInfo)
    .digest();
  return {
    protectedHeader: Buffer.from(JSON.stringify(header)).toString('base64url'),
    key,
    iv: randomBytes(12),
  };
}

function seal(setup: JweSetup, plaintext: Uint8Array): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', setup.key, setup.iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(setup.protectedHeader, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

function headerBlock(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => {
      if (!HEADER_NAME.test(name) || /[\r\n]/.test(value)) {
        throw new TypeError(`Header "${name.slice(0, 40)}" cannot be put in an encrypted header block.`);
      }
      return `${name}: ${value}`;
    })
    .join('\n');
}

/** Encrypts one response for the authorization's `jwk` (cds-wg3-01 §7.4.6). */
export async function encryptCdsResponse(input: EncryptCdsResponseInput): Promise<EncryptedCdsResponse> {
  if (!isValidEncryptionJwk(input.recipientJwk)) {
    throw new TypeError('The recipient key is not a public P-256 encryption key.');
  }
  const recipient = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: input.recipientJwk.x as string, y: input.recipientJwk.y as string },
    format: 'jwk',
  });

  const headerJwe = setUpJwe(recipient, input.apu, input.apv);
  const sealedHeaders = seal(headerJwe, Buffer.from(headerBlock(input.headers), 'utf8'));
  const bodyJwe = setUpJwe(recipient, input.apu, input.apv);
  const sealedBody = seal(bodyJwe, input.body);
  headerJwe.key.fill(0);
  bodyJwe.key.fill(0);

  return {
    headers: {
      'X-CDS-Header-JWE-Protected-Header': headerJwe.protectedHeader,
      'X-CDS-Header-JWE-Initialization-Vector': b64u(headerJwe.iv),
      'X-CDS-Header-JWE-Ciphertext': b64u(sealedHeaders.ciphertext),
      'X-CDS-Header-JWE-Authentication-Tag': b64u(sealedHeaders.tag),
      'X-CDS-Body-JWE-Protected-Header': bodyJwe.protectedHeader,
      'X-CDS-Body-JWE-Initialization-Vector': b64u(bodyJwe.iv),
    },
    body: Buffer.concat([sealedBody.ciphertext, sealedBody.tag]),
  };
}
