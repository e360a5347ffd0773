import { createECDH } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import {
  type DevicePrivateJwk,
  type DevicePublicJwk,
  devicePrivateJwkSchema,
  devicePublicJwkSchema,
} from './jwk-schemas';

/** The key management algorithm the device key is for (cds-wg3-01 §7.4.6; RFC 7518 §4.6). */
export const DEVICE_KEY_ALG = 'ECDH-ES';

export interface DeviceKey {
  /** Sent to the Server in the `jwk` authorization details field (cds-wg3-01 §7.4.6). */
  readonly publicJwk: DevicePublicJwk;
  /** Stays on this device: serialised by the caller into the vault, never logged or stored in JSON. */
  readonly privateJwk: DevicePrivateJwk;
  /** RFC 7638 SHA-256 thumbprint of the public key. */
  readonly kid: string;
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) over the required public members only. */
export async function thumbprint(jwk: { kty: string; crv: string; x: string; y: string }): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha256');
}

/** A fresh P-256 key pair for decrypting responses on this device only. */
export async function generateDeviceKey(): Promise<DeviceKey> {
  const { privateKey } = await generateKeyPair(DEVICE_KEY_ALG, { crv: 'P-256', extractable: true });
  const exported = await exportJWK(privateKey);
  const { x, y, d } = exported;
  if (exported.kty !== 'EC' || exported.crv !== 'P-256' || !x || !y || !d) {
    throw new Error('The device key could not be created as a P-256 key.');
  }
  const kid = await thumbprint({ kty: 'EC', crv: 'P-256', x, y });
  const publicJwk = devicePublicJwkSchema.parse({
    kty: 'EC',
    crv: 'P-256',
    x,
    y,
    use: 'enc',
    alg: DEVICE_KEY_ALG,
    kid,
  });
  const privateJwk = devicePrivateJwkSchema.parse({ ...publicJwk, d });
  return { publicJwk, privateJwk, kid };
}

/**
 * The public half of a stored private key. The public point is recomputed from `d` and must match
 * the stored x/y, so a damaged vault entry is caught here rather than as a puzzling decryption
 * failure later. The error never includes the key.
 */
export function publicJwkOf(privateJwk: DevicePrivateJwk): DevicePublicJwk {
  const parsed = devicePrivateJwkSchema.safeParse(privateJwk);
  if (!parsed.success) {
    throw new Error('The stored device key is not a P-256 encryption key.');
  }
  const { d, ...publicPart } = parsed.data;
  const scalar = decodeBase64Url(d);
  let point: Buffer;
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(scalar ?? Buffer.alloc(0));
    point = ecdh.getPublicKey(); // uncompressed: 0x04 ‖ x ‖ y
  } catch {
    throw new Error('The stored device key is damaged: its private part is not a valid P-256 key.');
  }
  if (
    encodeBase64Url(point.subarray(1, 33)) !== publicPart.x ||
    encodeBase64Url(point.subarray(33, 65)) !== publicPart.y
  ) {
    throw new Error('The stored device key is damaged: its private and public parts do not match.');
  }
  return publicPart;
}

/** Parses a vault entry (JSON text) into a device private key; the error never echoes the text. */
export function parseStoredDeviceKey(json: string): DevicePrivateJwk {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('The stored device key is not readable.');
  }
  const parsed = devicePrivateJwkSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error('The stored device key is not a P-256 encryption key.');
  }
  return parsed.data;
}
