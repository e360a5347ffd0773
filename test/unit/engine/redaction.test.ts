import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CdsError,
  DiscoveryError,
  HttpStatusError,
  NetworkError,
  OAuthError,
  ValidationError,
  VaultError,
} from '../../../src/main/cds/errors';
import { REDACTED, redactKnownPatterns, redactSecrets, redactUrl } from '../../../src/main/cds/redact';

describe('redactSecrets', () => {
  it('removes a secret in raw, URL-encoded, JSON-escaped and Base64 forms', () => {
    const secret = 'p@ss/w0rd+"x"';
    const text = [
      `raw ${secret}`,
      `url ${encodeURIComponent(secret)}`,
      `json ${JSON.stringify(secret)}`,
      `b64 ${Buffer.from(secret).toString('base64')}`,
    ].join(' | ');
    const out = redactSecrets(text, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(Buffer.from(secret).toString('base64'));
    expect(out.split(REDACTED).length - 1).toBeGreaterThanOrEqual(4);
  });

  it('removes credential-shaped text whatever its value', () => {
    const out = redactKnownPatterns(
      'Authorization: Bearer abc.def-ghi Basic dXNlcjpwYXNz {"access_token": "A1", "client_secret":"S\\"2"} ' +
        'grant_type=client_credentials&client_secret=S3&refresh_token=R4 error_code=7',
    );
    for (const value of ['abc.def-ghi', 'dXNlcjpwYXNz', 'A1', 'S\\"2', 'S3', 'R4']) {
      expect(out).not.toContain(value);
    }
    expect(out).toContain('grant_type=client_credentials');
    expect(out).toContain('error_code=7');
  });

  it('never lets any secret through, for arbitrary secrets and surrounding text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 40 }),
        fc.string(),
        fc.string(),
        (secret, before, after) => {
          // A "secret" inside the marker itself cannot be removed by replacing it with the marker.
          fc.pre(!REDACTED.includes(secret));
          const out = redactSecrets(`${before}${secret}${after}`, [secret]);
          expect(out.includes(secret)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('redactUrl', () => {
  it('replaces secret query parameters and user info, keeps the rest', () => {
    const out = redactUrl('https://user:pw@example.com/cb?code=abc123&state=s1&access_token=t0k#frag=x');
    expect(out).not.toContain('abc123');
    expect(out).not.toContain('t0k');
    expect(out).not.toContain('pw@');
    expect(out).not.toContain('frag');
    expect(out).toContain('state=s1');
    expect(out).toContain('example.com/cb');
  });

  it('handles text that is not a URL', () => {
    expect(redactUrl('not a url ?client_secret=zzz')).not.toContain('zzz');
  });
});

describe('CdsError classes', () => {
  const secret = 'cs_live_VERYSECRET';
  const options = {
    server: { id: 's1', name: 'Demo Utility' },
    step: 'asking for a token',
    secrets: [secret],
  };

  it('name the Server and the step in a sentence, and redact every field', () => {
    const errors: CdsError[] = [
      new DiscoveryError(`bad ${secret}`, options),
      new ValidationError({ ...options, what: 'the token response', path: '$.access_token', detail: secret }),
      new OAuthError({ ...options, error: 'invalid_client', errorDescription: `secret ${secret} rejected` }),
      new HttpStatusError({
        ...options,
        status: 500,
        method: 'POST',
        url: `https://x/t?client_secret=${secret}`,
      }),
      new NetworkError({
        ...options,
        failure: 'reset',
        url: `https://x/${secret}`,
        cause: new Error(secret),
      }),
      new VaultError(`keychain says ${secret}`, options),
    ];
    for (const error of errors) {
      expect(error.userMessage.startsWith('Demo Utility: ')).toBe(true);
      expect(error.userMessage).toContain('(while asking for a token).');
      expect(error.server).toBe('Demo Utility');
      expect(error.serverId).toBe('s1');
      const everything = `${error.message} ${error.stack} ${JSON.stringify(error.toJSON())} ${String(error.cause)}`;
      expect(everything).not.toContain(secret);
      expect(error).toBeInstanceOf(CdsError);
    }
  });

  it('explains OAuth error codes in plain words', () => {
    const error = new OAuthError({ server: 'X', step: 'asking for a token', error: 'invalid_client' });
    expect(error.userMessage).toBe(
      'X: the Server did not accept this app’s client ID or secret (while asking for a token).',
    );
    expect(error.toJSON()).toMatchObject({ kind: 'oauth', error: 'invalid_client' });
  });
});
