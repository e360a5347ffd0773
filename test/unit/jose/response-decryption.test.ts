import { flattenedDecrypt } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateDeviceKey } from '../../../src/main/cds/jose/device-keys';
import { decryptCdsResponse, isEncryptedCdsResponse } from '../../../src/main/cds/jose/response-decryption';
import { encryptCdsResponse } from '../../../src/sandbox/response-encryption';
import { joseCdsResponse } from './jwe-test-helpers';
import {
  OVERVIEW_BODY_TEXT,
  OVERVIEW_HEADER_BLOCK,
  OVERVIEW_PRIVATE_JWK,
  OVERVIEW_RESPONSE_BODY,
  OVERVIEW_RESPONSE_HEADERS,
} from './overview-vector';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('decryptCdsResponse: the overview vector (cds-wg1-02 overview, encrypted responses)', () => {
  it('decrypts the real example to exactly the documented header block and body', async () => {
    const result = await decryptCdsResponse({
      headers: OVERVIEW_RESPONSE_HEADERS,
      body: OVERVIEW_RESPONSE_BODY,
      privateJwk: OVERVIEW_PRIVATE_JWK,
    });
    expect(result.headerBlock).toBe(OVERVIEW_HEADER_BLOCK);
    expect(text(result.body)).toBe(OVERVIEW_BODY_TEXT);
    expect(result.headers).toEqual({ 'Content-Type': 'application/json', 'X-Log-ID': '123456abcdef' });
    expect(result.protectedHeaders.headers).toMatchObject({
      alg: 'ECDH-ES',
      enc: 'A256GCM',
      epk: { crv: 'P-256' },
    });
    expect(result.protectedHeaders.body.epk.x).toBe('FX5cNrc2FhR9LkG_y50GAJo2EjVBsqRCgFV3Qqfcvno');
  });

  it('reads header names case-insensitively, from a fetch Headers object too', async () => {
    const lower = Object.fromEntries(
      Object.entries(OVERVIEW_RESPONSE_HEADERS).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const fromHeaders = await decryptCdsResponse({
      headers: new Headers(OVERVIEW_RESPONSE_HEADERS),
      body: OVERVIEW_RESPONSE_BODY,
      privateJwk: OVERVIEW_PRIVATE_JWK,
    });
    const fromLower = await decryptCdsResponse({
      headers: lower,
      body: OVERVIEW_RESPONSE_BODY,
      privateJwk: OVERVIEW_PRIVATE_JWK,
    });
    expect(text(fromHeaders.body)).toBe(OVERVIEW_BODY_TEXT);
    expect(fromLower.headerBlock).toBe(OVERVIEW_HEADER_BLOCK);
  });

  it('agrees with jose: the vector reassembled as flattened JWEs decrypts to the same plaintext', async () => {
    const h = OVERVIEW_RESPONSE_HEADERS;
    const viaJoseHeaders = await flattenedDecrypt(
      {
        protected: h['X-CDS-Header-JWE-Protected-Header'] ?? '',
        iv: h['X-CDS-Header-JWE-Initialization-Vector'] ?? '',
        ciphertext: h['X-CDS-Header-JWE-Ciphertext'] ?? '',
        tag: h['X-CDS-Header-JWE-Authentication-Tag'] ?? '',
      },
      OVERVIEW_PRIVATE_JWK,
    );
    const bytes = Buffer.from(OVERVIEW_RESPONSE_BODY);
    const viaJoseBody = await flattenedDecrypt(
      {
        protected: h['X-CDS-Body-JWE-Protected-Header'] ?? '',
        iv: h['X-CDS-Body-JWE-Initialization-Vector'] ?? '',
        ciphertext: bytes.subarray(0, bytes.length - 16).toString('base64url'),
        tag: bytes.subarray(bytes.length - 16).toString('base64url'),
      },
      OVERVIEW_PRIVATE_JWK,
    );
    expect(text(viaJoseHeaders.plaintext)).toBe(OVERVIEW_HEADER_BLOCK);
    expect(text(viaJoseBody.plaintext)).toBe(OVERVIEW_BODY_TEXT);
  });
});

describe('isEncryptedCdsResponse', () => {
  it('recognises any X-CDS-*-JWE-* header, in any case, in records and Headers', () => {
    expect(isEncryptedCdsResponse(OVERVIEW_RESPONSE_HEADERS)).toBe(true);
    expect(isEncryptedCdsResponse({ 'x-cds-body-jwe-initialization-vector': 'abc' })).toBe(true);
    expect(isEncryptedCdsResponse(new Headers({ 'X-CDS-Header-JWE-Ciphertext': 'abc' }))).toBe(true);
    expect(isEncryptedCdsResponse({ 'content-type': 'application/json', 'x-cds-other': '1' })).toBe(false);
    expect(isEncryptedCdsResponse(new Headers({ 'content-type': 'application/json' }))).toBe(false);
  });
});

describe('round trips', () => {
  const headers = { 'Content-Type': 'application/json', 'X-Log-ID': 'log-42' };
  const body = new TextEncoder().encode(JSON.stringify({ accounts: [{ cds_account_id: 'a1' }], next: null }));

  it('sandbox encryption → engine decryption, with apu/apv in both protected headers', async () => {
    const device = await generateDeviceKey();
    const apu = new TextEncoder().encode('sandbox');
    const apv = new TextEncoder().encode(device.kid);
    const encrypted = await encryptCdsResponse({ headers, body, recipientJwk: device.publicJwk, apu, apv });
    expect(Object.keys(encrypted.headers).every((name) => name.startsWith('X-CDS-'))).toBe(true);
    const result = await decryptCdsResponse({
      headers: encrypted.headers,
      body: encrypted.body,
      privateJwk: device.privateJwk,
    });
    expect(result.headers).toEqual(headers);
    expect(result.headerBlock).toBe('Content-Type: application/json\nX-Log-ID: log-42');
    expect(Buffer.from(result.body).equals(Buffer.from(body))).toBe(true);
    expect(result.protectedHeaders.headers.apu).toBe(Buffer.from(apu).toString('base64url'));
    expect(result.protectedHeaders.body.apv).toBe(Buffer.from(apv).toString('base64url'));
    // Each JWE gets its own ephemeral key, as in the overview's example.
    expect(result.protectedHeaders.headers.epk.x).not.toBe(result.protectedHeaders.body.epk.x);
  });

  it('jose encryption (ECDH-ES + A256GCM, apu/apv) → engine decryption', async () => {
    const device = await generateDeviceKey();
    const encrypted = await joseCdsResponse({
      key: device.publicJwk,
      headerBlock: 'Content-Type: application/json\r\nX-Log-ID: z',
      body,
      apu: new Uint8Array([1, 2, 3]),
      apv: new Uint8Array([4, 5, 6, 7]),
    });
    const result = await decryptCdsResponse({
      headers: encrypted.headers,
      body: encrypted.body,
      privateJwk: device.privateJwk,
    });
    expect(result.headers).toEqual({ 'Content-Type': 'application/json', 'X-Log-ID': 'z' });
    expect(Buffer.from(result.body).equals(Buffer.from(body))).toBe(true);
  });

  it('an empty body decrypts to an empty body', async () => {
    const device = await generateDeviceKey();
    const encrypted = await encryptCdsResponse({
      headers,
      body: new Uint8Array(),
      recipientJwk: device.publicJwk,
    });
    expect(encrypted.body.length).toBe(16);
    const result = await decryptCdsResponse({ ...encrypted, privateJwk: device.privateJwk });
    expect(result.body.length).toBe(0);
  });
});
