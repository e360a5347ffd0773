import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importP256PublicKey, isOnP256 } from '../../../src/main/cds/jose/p256-point';

const P = Buffer.from('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff', 'hex');

describe('isOnP256', () => {
  it('accepts real P-256 public keys', () => {
    for (let i = 0; i < 5; i += 1) {
      const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
      expect(isOnP256(Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url'))).toBe(
        true,
      );
    }
  });

  it('rejects random coordinates (almost never on the curve), agreeing with node:crypto', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (x, y) => {
          const ours = isOnP256(x, y);
          const imported = importP256PublicKey({
            x: Buffer.from(x).toString('base64url'),
            y: Buffer.from(y).toString('base64url'),
          });
          expect(ours).toBe(imported !== undefined);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects coordinates of the wrong size or not reduced mod p', () => {
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const x = Buffer.from(jwk.x ?? '', 'base64url');
    const y = Buffer.from(jwk.y ?? '', 'base64url');
    expect(isOnP256(x.subarray(1), y)).toBe(false);
    expect(isOnP256(Buffer.concat([Buffer.alloc(1), x]), y)).toBe(false);
    expect(isOnP256(P, y)).toBe(false);
    expect(isOnP256(Buffer.alloc(32), Buffer.alloc(32))).toBe(false);
  });
});
