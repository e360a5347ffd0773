import { z } from 'zod';
import { decodeBase64Url } from './base64url';

/** A P-256 coordinate or scalar: exactly 32 bytes, strict base64url (RFC 7518 §6.2.1.2, §6.2.2.1). */
const p256Octets = z
  .string()
  .length(43)
  .refine((value) => decodeBase64Url(value)?.length === 32, 'must be 32 bytes of base64url');

/**
 * The public part of a P-256 EC key as JWE carries it in `epk` (RFC 7518 §4.6.1.1). Unknown members
 * are allowed (RFC 7517 §4), private ones are refused by the callers.
 */
export const p256PublicJwkSchema = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: p256Octets,
  y: p256Octets,
});
export type P256PublicJwk = z.infer<typeof p256PublicJwkSchema>;

/** Any P-256 EC private key in JWK form (RFC 7518 §6.2.2); what decryption needs. */
export const p256PrivateJwkSchema = z.looseObject({
  ...p256PublicJwkSchema.shape,
  d: p256Octets,
});
export type P256PrivateJwk = z.infer<typeof p256PrivateJwkSchema>;

/**
 * The device's public encryption key as sent in the `jwk` authorization details field:
 * a "JWK Public Encryption Key" (cds-wg3-01 §2, §7.4.6) with `use: "enc"`.
 */
export const devicePublicJwkSchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: p256Octets,
  y: p256Octets,
  use: z.literal('enc'),
  alg: z.literal('ECDH-ES'),
  kid: z.string().min(1),
});
export type DevicePublicJwk = z.infer<typeof devicePublicJwkSchema>;

/** The stored device private key (kept in the vault as a JSON string, never in the store or a log). */
export const devicePrivateJwkSchema = z.strictObject({
  ...devicePublicJwkSchema.shape,
  d: p256Octets,
});
export type DevicePrivateJwk = z.infer<typeof devicePrivateJwkSchema>;
