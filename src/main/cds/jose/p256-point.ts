import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeBase64Url } from './base64url';

// NIST P-256 domain parameters (SEC 2 §2.4.2): y² = x³ − 3x + b over GF(p).
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
}

/**
 * Whether (x, y) is a point of P-256. An ephemeral key off the curve is the classic invalid-curve
 * attack on ECDH (it can leak the static private key), so it is checked explicitly here rather than
 * trusting every crypto backend to do it. P-256 has cofactor 1: on the curve means in the group.
 */
export function isOnP256(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== 32 || y.length !== 32) {
    return false;
  }
  const xn = toBigInt(x);
  const yn = toBigInt(y);
  if (xn >= P || yn >= P) {
    return false;
  }
  const left = (yn * yn) % P;
  const right = (((xn * xn) % P) * xn - 3n * xn + B) % P;
  return left === (right + P) % P;
}

/**
 * Imports the public coordinates of a P-256 JWK as a node:crypto key, or returns undefined when the
 * coordinates are not a valid P-256 point. Only kty/crv/x/y are passed on: any private member the
 * input might carry is never given to the importer.
 */
export function importP256PublicKey(jwk: { x: string; y: string }): KeyObject | undefined {
  const x = decodeBase64Url(jwk.x);
  const y = decodeBase64Url(jwk.y);
  if (!x || !y || !isOnP256(x, y)) {
    return undefined;
  }
  try {
    return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
  } catch {
    return undefined;
  }
}
