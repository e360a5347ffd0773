import { FlattenedEncrypt, type FlattenedJWE, importJWK, type JWK, type KeyInput } from 'jose';
import { expect } from 'vitest';
import { JweError, type JweErrorCode } from '../../../src/main/cds/jose/jwe-errors';

/**
 * Test-only builders of encrypted CDS responses through jose's own JWE implementation (a different
 * implementation from both the engine's decryption and the sandbox's encryption), so hostile and
 * unsupported variants are real, well-formed JWEs that only differ in what is under test.
 */
export interface JoseResponseOptions {
  readonly alg?: string;
  readonly enc?: string;
  readonly zip?: 'DEF';
  readonly key: JWK | Uint8Array | string;
  readonly headerBlock: string;
  readonly body: Uint8Array;
  readonly apu?: Uint8Array;
  readonly apv?: Uint8Array;
}

async function joseKey(key: JWK | Uint8Array | string, alg: string): Promise<KeyInput> {
  if (typeof key === 'string') {
    return new TextEncoder().encode(key);
  }
  if (key instanceof Uint8Array) {
    return key;
  }
  return importJWK(key, alg);
}

async function joseEncrypt(options: JoseResponseOptions, plaintext: Uint8Array): Promise<FlattenedJWE> {
  const alg = options.alg ?? 'ECDH-ES';
  const enc = options.enc ?? 'A256GCM';
  const builder = new FlattenedEncrypt(plaintext).setProtectedHeader({
    alg,
    enc,
    ...(options.zip ? { zip: options.zip } : {}),
  });
  if (options.apu || options.apv) {
    builder.setKeyManagementParameters({
      ...(options.apu ? { apu: options.apu } : {}),
      ...(options.apv ? { apv: options.apv } : {}),
    });
  }
  return builder.encrypt(await joseKey(options.key, alg));
}

export interface CdsEncryptedResponse {
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

export async function joseCdsResponse(options: JoseResponseOptions): Promise<CdsEncryptedResponse> {
  const headerJwe = await joseEncrypt(options, new TextEncoder().encode(options.headerBlock));
  const bodyJwe = await joseEncrypt(options, options.body);
  return {
    headers: {
      'X-CDS-Header-JWE-Protected-Header': headerJwe.protected ?? '',
      'X-CDS-Header-JWE-Initialization-Vector': headerJwe.iv ?? '',
      'X-CDS-Header-JWE-Ciphertext': headerJwe.ciphertext,
      'X-CDS-Header-JWE-Authentication-Tag': headerJwe.tag ?? '',
      'X-CDS-Body-JWE-Protected-Header': bodyJwe.protected ?? '',
      'X-CDS-Body-JWE-Initialization-Vector': bodyJwe.iv ?? '',
    },
    body: Buffer.concat([
      Buffer.from(bodyJwe.ciphertext, 'base64url'),
      Buffer.from(bodyJwe.tag ?? '', 'base64url'),
    ]),
  };
}

/** Rewrites one field of a protected header (base64url JSON), leaving everything else as it was. */
export function editProtectedHeader(
  encoded: string,
  edit: (header: Record<string, unknown>) => void,
): string {
  const header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
  edit(header);
  return Buffer.from(JSON.stringify(header)).toString('base64url');
}

export function flipBit(bytes: Uint8Array, index: number, bit = 0): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ (1 << bit);
  return copy;
}

export function flipBase64UrlBit(encoded: string, index: number): string {
  return Buffer.from(flipBit(Buffer.from(encoded, 'base64url'), index)).toString('base64url');
}

/**
 * Runs a decryption expected to fail and checks the typed error: the right code, nothing returned,
 * and a message that carries no plaintext or key material.
 */
export async function expectJweFailure(
  attempt: Promise<unknown>,
  code: JweErrorCode,
  forbidden: readonly string[] = [],
): Promise<JweError> {
  let result: unknown;
  let caught: unknown;
  try {
    result = await attempt;
  } catch (error) {
    caught = error;
  }
  expect(result).toBeUndefined();
  expect(caught).toBeInstanceOf(JweError);
  const error = caught as JweError;
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  for (const secret of forbidden) {
    expect(error.message).not.toContain(secret);
    expect(String(error.stack)).not.toContain(secret);
  }
  return error;
}
