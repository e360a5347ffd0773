import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  generateDeviceKey,
  parseStoredDeviceKey,
  publicJwkOf,
  thumbprint,
} from '../../../src/main/cds/jose/device-keys';
import { devicePrivateJwkSchema, devicePublicJwkSchema } from '../../../src/main/cds/jose/jwk-schemas';
import { isValidEncryptionJwk } from '../../../src/sandbox/response-encryption';
import { OVERVIEW_PRIVATE_JWK } from './overview-vector';

describe('generateDeviceKey', () => {
  it('makes a P-256 encryption key pair whose kid is the RFC 7638 thumbprint', async () => {
    const key = await generateDeviceKey();
    expect(key.publicJwk).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      use: 'enc',
      alg: 'ECDH-ES',
      kid: key.kid,
    });
    expect(key.privateJwk.kid).toBe(key.kid);
    const expected = await calculateJwkThumbprint(
      { kty: 'EC', crv: 'P-256', x: key.publicJwk.x, y: key.publicJwk.y },
      'sha256',
    );
    expect(key.kid).toBe(expected);
    expect(devicePublicJwkSchema.safeParse(key.publicJwk).success).toBe(true);
    expect(devicePrivateJwkSchema.safeParse(key.privateJwk).success).toBe(true);
  });

  it('never puts the private scalar in the public key', async () => {
    const key = await generateDeviceKey();
    expect(Object.keys(key.publicJwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(JSON.stringify(key.publicJwk)).not.toContain(key.privateJwk.d);
    expect(devicePublicJwkSchema.safeParse({ ...key.publicJwk, d: key.privateJwk.d }).success).toBe(false);
  });

  it('makes a different key every time, and the halves really belong together', async () => {
    const [a, b] = await Promise.all([generateDeviceKey(), generateDeviceKey()]);
    expect(a.kid).not.toBe(b.kid);
    // ECDH both ways agrees only if each private key matches its public key.
    const shared1 = diffieHellman({
      privateKey: createPrivateKey({ key: a.privateJwk, format: 'jwk' }),
      publicKey: createPublicKey({ key: b.publicJwk, format: 'jwk' }),
    });
    const shared2 = diffieHellman({
      privateKey: createPrivateKey({ key: b.privateJwk, format: 'jwk' }),
      publicKey: createPublicKey({ key: a.publicJwk, format: 'jwk' }),
    });
    expect(shared1.equals(shared2)).toBe(true);
  });

  it('is accepted by the sandbox as a JWK Public Encryption Key (cds-wg3-01 §7.4.6)', async () => {
    const key = await generateDeviceKey();
    expect(isValidEncryptionJwk(key.publicJwk)).toBe(true);
    expect(isValidEncryptionJwk(key.privateJwk)).toBe(false);
  });
});

describe('publicJwkOf', () => {
  it('returns the public half of a stored key, recomputed from the private scalar', async () => {
    const key = await generateDeviceKey();
    expect(publicJwkOf(key.privateJwk)).toEqual(key.publicJwk);
  });

  it('refuses a stored key whose halves do not match, without echoing the key', async () => {
    const [a, b] = await Promise.all([generateDeviceKey(), generateDeviceKey()]);
    const mixed = { ...a.privateJwk, d: b.privateJwk.d };
    expect(() => publicJwkOf(mixed)).toThrow(/do not match/);
    try {
      publicJwkOf(mixed);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(b.privateJwk.d);
    }
  });

  it('works for the overview key once it has use/alg/kid', async () => {
    const kid = await thumbprint(OVERVIEW_PRIVATE_JWK);
    const stored = { ...OVERVIEW_PRIVATE_JWK, use: 'enc' as const, alg: 'ECDH-ES' as const, kid };
    expect(publicJwkOf(stored)).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: OVERVIEW_PRIVATE_JWK.x,
      y: OVERVIEW_PRIVATE_JWK.y,
      use: 'enc',
      alg: 'ECDH-ES',
      kid,
    });
  });
});

describe('thumbprint', () => {
  it('matches the RFC 7638 thumbprint of the overview key and ignores non-required members', async () => {
    const expected = await calculateJwkThumbprint(
      { kty: 'EC', crv: 'P-256', x: OVERVIEW_PRIVATE_JWK.x, y: OVERVIEW_PRIVATE_JWK.y },
      'sha256',
    );
    expect(await thumbprint(OVERVIEW_PRIVATE_JWK)).toBe(expected);
    expect(await thumbprint({ ...OVERVIEW_PRIVATE_JWK })).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('parseStoredDeviceKey', () => {
  it('round-trips through the JSON text the vault stores', async () => {
    const key = await generateDeviceKey();
    expect(parseStoredDeviceKey(JSON.stringify(key.privateJwk))).toEqual(key.privateJwk);
  });

  it('refuses unreadable or wrong-shaped text without echoing it', () => {
    expect(() => parseStoredDeviceKey('{"d":"TOPSECRET"')).toThrow(/not readable/);
    expect(() => parseStoredDeviceKey('{"d":"TOPSECRET"')).not.toThrow(/TOPSECRET/);
    expect(() => parseStoredDeviceKey(JSON.stringify({ kty: 'RSA', d: 'TOPSECRET' }))).toThrow(/not a P-256/);
  });
});
