import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveDirectAgreementKey } from '../../../src/main/cds/jose/concat-kdf';
import { parseProtectedHeader } from '../../../src/main/cds/jose/jwe-protected-header';
import { OVERVIEW_PRIVATE_JWK, OVERVIEW_RESPONSE_HEADERS } from './overview-vector';

// Expected keys computed independently with pyca/cryptography's ConcatKDFHash, exactly as the
// overview's Python example does, for the overview's private key and its header-block `epk`.
const PYCA_KEY_NO_PARTY_INFO = '9fb4a16b80a39dc6feb354387c052292ffb021f5cccbf315b8d61970fdd97f5b';
const PYCA_KEY_ALICE_BOB = 'ee6cb1dbd46728649c4dc85806b0ea5ee1d9ed812217d172de70c667a97fb6dd';

describe('deriveDirectAgreementKey (ECDH-ES + Concat KDF, RFC 7518 §4.6.2)', () => {
  const privateKey = createPrivateKey({ key: { ...OVERVIEW_PRIVATE_JWK }, format: 'jwk' });
  const header = parseProtectedHeader(
    OVERVIEW_RESPONSE_HEADERS['X-CDS-Header-JWE-Protected-Header'] ?? '',
    'headers',
  );

  it('matches an independent implementation without apu/apv (the overview case)', () => {
    const key = deriveDirectAgreementKey({
      privateKey,
      ephemeralPublicKey: header.ephemeralPublicKey,
      enc: 'A256GCM',
      apu: header.apu,
      apv: header.apv,
    });
    expect(key.toString('hex')).toBe(PYCA_KEY_NO_PARTY_INFO);
  });

  it('matches an independent implementation with apu/apv, which change the key', () => {
    const key = deriveDirectAgreementKey({
      privateKey,
      ephemeralPublicKey: header.ephemeralPublicKey,
      enc: 'A256GCM',
      apu: Buffer.from('Alice'),
      apv: Buffer.from('Bob'),
    });
    expect(key.toString('hex')).toBe(PYCA_KEY_ALICE_BOB);
  });
});
