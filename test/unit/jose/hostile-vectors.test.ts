import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DeviceKey, generateDeviceKey } from '../../../src/main/cds/jose/device-keys';
import { decryptCdsResponse } from '../../../src/main/cds/jose/response-decryption';
import { encryptCdsResponse } from '../../../src/sandbox/response-encryption';
import {
  type CdsEncryptedResponse,
  editProtectedHeader,
  expectJweFailure,
  flipBase64UrlBit,
  flipBit,
  joseCdsResponse,
} from './jwe-test-helpers';

const SECRET_BODY = '{"accounts":[{"cds_account_id":"SECRET-ACCOUNT-123"}]}';
const SECRET_HEADER = 'X-Log-ID: SECRET-LOG-987';
const headerBlock = `Content-Type: application/json\n${SECRET_HEADER}`;
const body = new TextEncoder().encode(SECRET_BODY);

let device: DeviceKey;
let good: CdsEncryptedResponse;

// Nothing a failure says may carry plaintext or the private scalar.
const forbidden = () => ['SECRET-ACCOUNT-123', 'SECRET-LOG-987', device.privateJwk.d];

function withHeader(response: CdsEncryptedResponse, name: string, value: string): CdsEncryptedResponse {
  return { headers: { ...response.headers, [name]: value }, body: response.body };
}

function attempt(response: CdsEncryptedResponse, privateJwk = device.privateJwk) {
  return decryptCdsResponse({ headers: response.headers, body: response.body, privateJwk });
}

beforeAll(async () => {
  device = await generateDeviceKey();
  good = await encryptCdsResponse({
    headers: { 'Content-Type': 'application/json', 'X-Log-ID': 'SECRET-LOG-987' },
    body,
    recipientJwk: device.publicJwk,
  });
  // The unmodified response decrypts: every failure below is caused by the one change it makes.
  const ok = await attempt(good);
  expect(ok.headerBlock).toBe(headerBlock);
});

describe('tampering and wrong keys → authentication_failed', () => {
  it('a bit flip in the body ciphertext', async () => {
    await expectJweFailure(
      attempt({ ...good, body: flipBit(good.body, 0) }),
      'authentication_failed',
      forbidden(),
    );
  });

  it('a bit flip in the body tag', async () => {
    const flipped = { ...good, body: flipBit(good.body, good.body.length - 1, 7) };
    await expectJweFailure(attempt(flipped), 'authentication_failed', forbidden());
  });

  it('a bit flip in the header tag', async () => {
    const name = 'X-CDS-Header-JWE-Authentication-Tag';
    const tampered = withHeader(good, name, flipBase64UrlBit(good.headers[name] ?? '', 3));
    await expectJweFailure(attempt(tampered), 'authentication_failed', forbidden());
  });

  it('a bit flip in the header ciphertext', async () => {
    const name = 'X-CDS-Header-JWE-Ciphertext';
    const tampered = withHeader(good, name, flipBase64UrlBit(good.headers[name] ?? '', 0));
    await expectJweFailure(attempt(tampered), 'authentication_failed', forbidden());
  });

  it('a re-encoded protected header (same meaning, different AAD)', async () => {
    const name = 'X-CDS-Body-JWE-Protected-Header';
    const original = JSON.parse(Buffer.from(good.headers[name] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const reordered = Buffer.from(
      JSON.stringify({ enc: original.enc, epk: original.epk, alg: original.alg }),
    ).toString('base64url');
    await expectJweFailure(attempt(withHeader(good, name, reordered)), 'authentication_failed', forbidden());
  });

  it('swapped IVs (header IV ↔ body IV)', async () => {
    const headerIv = good.headers['X-CDS-Header-JWE-Initialization-Vector'] ?? '';
    const bodyIv = good.headers['X-CDS-Body-JWE-Initialization-Vector'] ?? '';
    const swapped = withHeader(
      withHeader(good, 'X-CDS-Header-JWE-Initialization-Vector', bodyIv),
      'X-CDS-Body-JWE-Initialization-Vector',
      headerIv,
    );
    await expectJweFailure(attempt(swapped), 'authentication_failed', forbidden());
  });

  it('swapped body and header protected headers', async () => {
    const h = good.headers['X-CDS-Header-JWE-Protected-Header'] ?? '';
    const b = good.headers['X-CDS-Body-JWE-Protected-Header'] ?? '';
    const swapped = withHeader(
      withHeader(good, 'X-CDS-Header-JWE-Protected-Header', b),
      'X-CDS-Body-JWE-Protected-Header',
      h,
    );
    await expectJweFailure(attempt(swapped), 'authentication_failed', forbidden());
  });

  it('the wrong device key', async () => {
    const other = await generateDeviceKey();
    await expectJweFailure(attempt(good, other.privateJwk), 'authentication_failed', [
      ...forbidden(),
      other.privateJwk.d,
    ]);
  });
});

describe('truncation', () => {
  it('a header tag one byte short → truncated', async () => {
    const name = 'X-CDS-Header-JWE-Authentication-Tag';
    const short = Buffer.from(good.headers[name] ?? '', 'base64url')
      .subarray(0, 15)
      .toString('base64url');
    await expectJweFailure(attempt(withHeader(good, name, short)), 'truncated', forbidden());
  });

  it('a body shorter than its tag → truncated', async () => {
    await expectJweFailure(attempt({ ...good, body: good.body.subarray(0, 15) }), 'truncated', forbidden());
  });

  it('a body with its last byte cut off → authentication_failed (the tag no longer matches)', async () => {
    await expectJweFailure(
      attempt({ ...good, body: good.body.subarray(0, good.body.length - 1) }),
      'authentication_failed',
      forbidden(),
    );
  });
});

describe('unsupported algorithms, all real JWEs made by jose', () => {
  it('"dir" → unsupported_algorithm', async () => {
    const response = await joseCdsResponse({
      alg: 'dir',
      key: new Uint8Array(32).fill(7),
      headerBlock,
      body,
    });
    await expectJweFailure(attempt(response), 'unsupported_algorithm', forbidden());
  });

  it('"ECDH-ES+A256KW" → unsupported_algorithm', async () => {
    const response = await joseCdsResponse({
      alg: 'ECDH-ES+A256KW',
      key: device.publicJwk,
      headerBlock,
      body,
    });
    const error = await expectJweFailure(attempt(response), 'unsupported_algorithm', forbidden());
    expect(error.message).toContain('"ECDH-ES+A256KW"');
  });

  it('"PBES2-HS256+A128KW" → unsupported_algorithm', async () => {
    const response = await joseCdsResponse({
      alg: 'PBES2-HS256+A128KW',
      key: 'a password',
      headerBlock,
      body,
    });
    await expectJweFailure(attempt(response), 'unsupported_algorithm', forbidden());
  });

  it('"A128GCM" content encryption → unsupported_encryption', async () => {
    const response = await joseCdsResponse({ enc: 'A128GCM', key: device.publicJwk, headerBlock, body });
    await expectJweFailure(attempt(response), 'unsupported_encryption', forbidden());
  });

  it('"A256CBC-HS512" content encryption → unsupported_encryption', async () => {
    const response = await joseCdsResponse({
      enc: 'A256CBC-HS512',
      key: device.publicJwk,
      headerBlock,
      body,
    });
    await expectJweFailure(attempt(response), 'unsupported_encryption', forbidden());
  });

  it('a compressed ("zip": "DEF") body → compression_not_supported', async () => {
    const response = await joseCdsResponse({ zip: 'DEF', key: device.publicJwk, headerBlock, body });
    await expectJweFailure(attempt(response), 'compression_not_supported', forbidden());
  });

  it('"alg": "none" or a missing alg → unsupported_algorithm, without echoing odd values', async () => {
    const name = 'X-CDS-Header-JWE-Protected-Header';
    const none = editProtectedHeader(good.headers[name] ?? '', (header) => {
      header.alg = 'none';
    });
    await expectJweFailure(attempt(withHeader(good, name, none)), 'unsupported_algorithm');
    const injected = editProtectedHeader(good.headers[name] ?? '', (header) => {
      header.alg = 'ECDH-ES\nYour data is safe';
    });
    const error = await expectJweFailure(attempt(withHeader(good, name, injected)), 'unsupported_algorithm');
    expect(error.message).not.toContain('Your data is safe');
  });

  it('a "crit" extension → invalid_header', async () => {
    const name = 'X-CDS-Body-JWE-Protected-Header';
    const crit = editProtectedHeader(good.headers[name] ?? '', (header) => {
      header.crit = ['exp'];
      header.exp = 1;
    });
    await expectJweFailure(attempt(withHeader(good, name, crit)), 'invalid_header', forbidden());
  });
});

describe('ephemeral keys (epk)', () => {
  const name = 'X-CDS-Body-JWE-Protected-Header';

  it('a point off the P-256 curve → invalid_epk', async () => {
    const offCurve = editProtectedHeader(good.headers[name] ?? '', (header) => {
      const epk = header.epk as Record<string, string>;
      const y = Buffer.from(epk.y ?? '', 'base64url');
      y[31] = (y[31] ?? 0) ^ 1;
      epk.y = y.toString('base64url');
    });
    await expectJweFailure(attempt(withHeader(good, name, offCurve)), 'invalid_epk', forbidden());
  });

  it('a key on P-384 → invalid_epk', async () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
    const wrongCurve = editProtectedHeader(good.headers[name] ?? '', (header) => {
      header.epk = p384;
    });
    await expectJweFailure(attempt(withHeader(good, name, wrongCurve)), 'invalid_epk', forbidden());
  });

  it('a P-384 key labelled as P-256 → invalid_epk', async () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
    const mislabelled = editProtectedHeader(good.headers[name] ?? '', (header) => {
      header.epk = { ...p384, crv: 'P-256' };
    });
    await expectJweFailure(attempt(withHeader(good, name, mislabelled)), 'invalid_epk', forbidden());
  });

  it('an X25519 key, a missing epk, or an epk carrying a private key → invalid_epk', async () => {
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    const variants: ((header: Record<string, unknown>) => void)[] = [
      (header) => {
        header.epk = x25519;
      },
      (header) => {
        delete header.epk;
      },
      (header) => {
        header.epk = attacker;
      },
      (header) => {
        header.epk = { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' };
      },
    ];
    for (const variant of variants) {
      const edited = editProtectedHeader(good.headers[name] ?? '', variant);
      await expectJweFailure(attempt(withHeader(good, name, edited)), 'invalid_epk', forbidden());
    }
  });
});

describe('malformed headers', () => {
  it('an IV of the wrong length → invalid_header', async () => {
    const longIv = Buffer.alloc(16, 1).toString('base64url');
    await expectJweFailure(
      attempt(withHeader(good, 'X-CDS-Body-JWE-Initialization-Vector', longIv)),
      'invalid_header',
      forbidden(),
    );
    const shortIv = Buffer.alloc(8, 1).toString('base64url');
    await expectJweFailure(
      attempt(withHeader(good, 'X-CDS-Header-JWE-Initialization-Vector', shortIv)),
      'invalid_header',
      forbidden(),
    );
  });

  it('values that are not strict base64url → invalid_header', async () => {
    await expectJweFailure(
      attempt(withHeader(good, 'X-CDS-Header-JWE-Ciphertext', 'abc+/==')),
      'invalid_header',
      forbidden(),
    );
    await expectJweFailure(
      attempt(withHeader(good, 'X-CDS-Body-JWE-Protected-Header', 'not json at all')),
      'invalid_header',
      forbidden(),
    );
    const apu = editProtectedHeader(good.headers['X-CDS-Body-JWE-Protected-Header'] ?? '', (header) => {
      header.apu = 'a b';
    });
    await expectJweFailure(
      attempt(withHeader(good, 'X-CDS-Body-JWE-Protected-Header', apu)),
      'invalid_header',
    );
  });

  it('a repeated JWE header → invalid_header', async () => {
    const repeated = {
      headers: {
        ...good.headers,
        'x-cds-body-jwe-initialization-vector': ['AAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBB'],
      },
      body: good.body,
    };
    await expectJweFailure(
      decryptCdsResponse({ headers: repeated.headers, body: repeated.body, privateJwk: device.privateJwk }),
      'invalid_header',
    );
  });

  it.each([
    'X-CDS-Header-JWE-Protected-Header',
    'X-CDS-Header-JWE-Initialization-Vector',
    'X-CDS-Header-JWE-Ciphertext',
    'X-CDS-Header-JWE-Authentication-Tag',
    'X-CDS-Body-JWE-Protected-Header',
    'X-CDS-Body-JWE-Initialization-Vector',
  ])('without %s → missing_headers, naming it', async (missing) => {
    const headers = { ...good.headers };
    delete headers[missing];
    const error = await expectJweFailure(
      attempt({ headers, body: good.body }),
      'missing_headers',
      forbidden(),
    );
    expect(error.message).toContain(missing.toLowerCase());
  });

  it('a damaged device key → invalid_key, without echoing it', async () => {
    const damaged = { ...device.privateJwk, d: 'not-a-scalar' };
    await expectJweFailure(attempt(good, damaged), 'invalid_key', ['not-a-scalar']);
  });
});
