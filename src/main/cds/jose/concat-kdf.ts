import { createHash, diffieHellman, type KeyObject } from 'node:crypto';

function lengthPrefixed(bytes: Uint8Array): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(bytes.length);
  return Buffer.concat([prefix, bytes]);
}

/**
 * ECDH-ES in Direct Key Agreement mode (RFC 7518 §4.6.2): Z = ECDH(private, epk), then the
 * Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, where
 * OtherInfo = AlgorithmID ‖ PartyUInfo ‖ PartyVInfo ‖ SuppPubInfo and AlgorithmID is the `enc` value.
 * For a 256-bit key one hash round suffices: K = SHA-256(0x00000001 ‖ Z ‖ OtherInfo).
 * This is exactly what the overview's Python example computes (cds-wg1-02 overview, encrypted responses).
 */
export function deriveDirectAgreementKey(input: {
  readonly privateKey: KeyObject;
  readonly ephemeralPublicKey: KeyObject;
  readonly enc: 'A256GCM';
  readonly apu: Uint8Array;
  readonly apv: Uint8Array;
}): Buffer {
  const keyBits = 256;
  const z = diffieHellman({ privateKey: input.privateKey, publicKey: input.ephemeralPublicKey });
  const suppPubInfo = Buffer.alloc(4);
  suppPubInfo.writeUInt32BE(keyBits);
  const counter = Buffer.from([0, 0, 0, 1]);
  const key = createHash('sha256')
    .update(counter)
    .update(z)
    .update(lengthPrefixed(Buffer.from(input.enc, 'ascii')))
    .update(lengthPrefixed(input.apu))
    .update(lengthPrefixed(input.apv))
    .update(suppPubInfo)
    .digest();
  z.fill(0);
  return key;
}
