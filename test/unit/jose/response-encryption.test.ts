import { generateKeyPairSync } from 'node:crypto';
import { flattenedDecrypt } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateDeviceKey } from '../../../src/main/cds/jose/device-keys';
import { encryptCdsResponse, isValidEncryptionJwk } from '../../../src/sandbox/response-encryption';

describe('encryptCdsResponse (sandbox)', () => {
  it('produces the overview format, which jose decrypts as two flattened JWEs', async () => {
    const device = await generateDeviceKey();
    const body = new TextEncoder().encode('{"accounts": [], "next": null, "previous": null}');
    const apu = new TextEncoder().encode('server');
    const apv = new TextEncoder().encode('device');
    const { headers, body: sealed } = await encryptCdsResponse({
      headers: { 'Content-Type': 'application/json', 'X-Log-ID': '123456abcdef' },
      body,
      recipientJwk: device.publicJwk,
      apu,
      apv,
    });
    expect(Object.keys(headers).sort()).toEqual([
      'X-CDS-Body-JWE-Initialization-Vector',
      'X-CDS-Body-JWE-Protected-Header',
      'X-CDS-Header-JWE-Authentication-Tag',
      'X-CDS-Header-JWE-Ciphertext',
      'X-CDS-Header-JWE-Initialization-Vector',
      'X-CDS-Header-JWE-Protected-Header',
    ]);
    expect(sealed.length).toBe(body.length + 16);

    const headerJwe = await flattenedDecrypt(
      {
        protected: headers['X-CDS-Header-JWE-Protected-Header'] ?? '',
        iv: headers['X-CDS-Header-JWE-Initialization-Vector'] ?? '',
        ciphertext: headers['X-CDS-Header-JWE-Ciphertext'] ?? '',
        tag: headers['X-CDS-Header-JWE-Authentication-Tag'] ?? '',
      },
      device.privateJwk,
      { keyManagementAlgorithms: ['ECDH-ES'], contentEncryptionAlgorithms: ['A256GCM'] },
    );
    expect(new TextDecoder().decode(headerJwe.plaintext)).toBe(
      'Content-Type: application/json\nX-Log-ID: 123456abcdef',
    );
    expect(headerJwe.protectedHeader).toMatchObject({
      alg: 'ECDH-ES',
      enc: 'A256GCM',
      epk: { kty: 'EC', crv: 'P-256' },
      apu: Buffer.from(apu).toString('base64url'),
      apv: Buffer.from(apv).toString('base64url'),
    });

    const bytes = Buffer.from(sealed);
    const bodyJwe = await flattenedDecrypt(
      {
        protected: headers['X-CDS-Body-JWE-Protected-Header'] ?? '',
        iv: headers['X-CDS-Body-JWE-Initialization-Vector'] ?? '',
        ciphertext: bytes.subarray(0, bytes.length - 16).toString('base64url'),
        tag: bytes.subarray(bytes.length - 16).toString('base64url'),
      },
      device.privateJwk,
    );
    expect(Buffer.from(bodyJwe.plaintext).equals(Buffer.from(body))).toBe(true);
  });

  it('uses a fresh ephemeral key and IV for every response', async () => {
    const device = await generateDeviceKey();
    const input = {
      headers: { 'Content-Type': 'text/plain' },
      body: new Uint8Array(8),
      recipientJwk: device.publicJwk,
    };
    const a = await encryptCdsResponse(input);
    const b = await encryptCdsResponse(input);
    expect(a.headers['X-CDS-Body-JWE-Protected-Header']).not.toBe(
      b.headers['X-CDS-Body-JWE-Protected-Header'],
    );
    expect(a.headers['X-CDS-Header-JWE-Protected-Header']).not.toBe(
      a.headers['X-CDS-Body-JWE-Protected-Header'],
    );
    expect(a.headers['X-CDS-Body-JWE-Initialization-Vector']).not.toBe(
      b.headers['X-CDS-Body-JWE-Initialization-Vector'],
    );
  });

  it('refuses an invalid recipient key and headers that cannot be put in a block', async () => {
    const device = await generateDeviceKey();
    await expect(
      encryptCdsResponse({ headers: {}, body: new Uint8Array(), recipientJwk: { kty: 'oct', k: 'AAAA' } }),
    ).rejects.toThrow(TypeError);
    await expect(
      encryptCdsResponse({
        headers: { 'X-Evil': 'a\r\nb' },
        body: new Uint8Array(),
        recipientJwk: device.publicJwk,
      }),
    ).rejects.toThrow(TypeError);
  });
});

describe('isValidEncryptionJwk (cds-wg3-01 §7.4.6)', () => {
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = p256.publicKey.export({ format: 'jwk' });
  const priv = p256.privateKey.export({ format: 'jwk' });

  it('accepts a public P-256 key with use "enc" or no use', () => {
    expect(isValidEncryptionJwk(pub)).toBe(true);
    expect(isValidEncryptionJwk({ ...pub, use: 'enc' })).toBe(true);
    expect(isValidEncryptionJwk({ ...pub, use: 'enc', alg: 'ECDH-ES', kid: 'k1' })).toBe(true);
  });

  it('rejects private keys, other uses, algorithms, curves and types', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
    const offCurveY = Buffer.from(pub.y ?? '', 'base64url');
    offCurveY[0] = (offCurveY[0] ?? 0) ^ 1;
    const cases: unknown[] = [
      priv,
      { ...pub, use: 'sig' },
      { ...pub, alg: 'ECDH-ES+A256KW' },
      { ...pub, alg: 'ES256' },
      { ...pub, y: offCurveY.toString('base64url') },
      { ...pub, x: 'short' },
      { ...pub, key_ops: 'deriveKey' },
      p384,
      { ...p384, crv: 'P-256' },
      rsa,
      x25519,
      null,
      'a string',
      [pub],
      {},
    ];
    for (const jwk of cases) {
      expect(isValidEncryptionJwk(jwk)).toBe(false);
    }
  });
});
