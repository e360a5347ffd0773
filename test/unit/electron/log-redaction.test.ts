import { describe, expect, it } from 'vitest';
import { buildDiagnostics } from '../../../src/main/electron/diagnostics';
import { redactionHook, redactLogValue } from '../../../src/main/electron/log-redaction';
import { sampleInfo } from './fake-service';

const secret = 'cs_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

describe('log redaction', () => {
  it('redacts secret-named fields at any depth and keeps the rest', () => {
    const redacted = redactLogValue({
      server: 'Utility A',
      client: { client_id: 'abc', client_secret: secret, clientSecret: secret },
      responses: [{ access_token: secret, expires_in: 3600 }],
      jwk: { kty: 'EC', crv: 'P-256', x: 'pub', d: secret },
      vaultPassphrase: secret,
    });
    expect(JSON.stringify(redacted)).not.toContain(secret);
    expect(redacted).toMatchObject({
      server: 'Utility A',
      client: { client_id: 'abc' },
      responses: [{ expires_in: 3600 }],
      jwk: { kty: 'EC', x: 'pub' },
    });
  });

  it('redacts a whole value under a credential-ish name (tokens, authorization)', () => {
    expect(redactLogValue({ tokens: [{ a: 1 }], Authorization: 'Basic abc' })).toEqual({
      tokens: '[redacted]',
      Authorization: '[redacted]',
    });
  });

  it('redacts credential-shaped text in strings and errors', () => {
    const error = new Error(`token request failed: Authorization: Bearer ${secret}`);
    const redacted = redactLogValue(error) as Error;
    expect(redacted).toBeInstanceOf(Error);
    expect(redacted.message).not.toContain(secret);
    expect(redacted.stack ?? '').not.toContain(secret);
    expect(redactLogValue(`POST /token client_secret=${secret}&grant_type=client_credentials`)).not.toContain(
      secret,
    );
  });

  it('survives cycles and deep nesting', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(redactLogValue(cyclic)).toEqual({ name: 'a', self: '[circular]' });
    const deep = { a: { b: { c: { d1: { e: { f: { g: 'x' } } } } } } };
    expect(JSON.stringify(redactLogValue(deep))).toContain('[nested]');
  });

  it('is an electron-log hook that rewrites every argument', () => {
    const message = { data: ['refresh', { refresh_token: secret }], level: 'info', date: new Date(0) };
    const hooked = redactionHook(message);
    expect(JSON.stringify(hooked.data)).not.toContain(secret);
    expect(hooked.level).toBe('info');
    expect(JSON.stringify(message.data)).toContain(secret);
  });
});

describe('diagnostics', () => {
  it('lists versions and the vault, shortens the home folder and redacts log lines', () => {
    const text = buildDiagnostics({
      appName: 'CDS Companion',
      appVersion: '0.1.0',
      versions: { electron: '45.5.0', chrome: '140', node: '22.19.0' },
      platform: 'linux',
      arch: 'x64',
      osRelease: '6.1.0',
      locale: 'en-US',
      homeDir: '/home/alice',
      dataDir: '/home/alice/.config/CDS Companion/data',
      info: {
        ...sampleInfo(),
        vault: { backend: 'memory', persistent: false, warning: 'No keychain found.' },
      },
      logTail: [`[info] token response {"access_token":"${secret}"}`, '[warn] server s1 slow'],
    });
    expect(text).toContain('CDS Companion 0.1.0');
    expect(text).toContain('Electron 45.5.0');
    expect(text).toContain('Data folder: ~/.config/CDS Companion/data');
    expect(text).toContain('Vault: memory (not persistent)');
    expect(text).toContain('Vault warning: No keychain found.');
    expect(text).toContain('[warn] server s1 slow');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('alice');
  });
});
