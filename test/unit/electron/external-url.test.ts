import { describe, expect, it } from 'vitest';
import { checkExternalUrl, createExternalOpener } from '../../../src/main/electron/external-url';

const trusted = { trustedOrigins: ['https://a.com'] };

describe('the external URL allow-list', () => {
  it.each([
    ['javascript:alert(1)', 'script URLs'],
    ['file:///etc/passwd', 'local files'],
    ['https://a.com.evil/', 'a look-alike host'],
    ['https://a.com.evil.com/path', 'a look-alike host with a suffix'],
    ['https://user@evil.com/', 'credentials in the authority'],
    ['https://a.com@evil.com/', 'a trusted name as user info'],
    ['https://a.com:pw@evil.com/', 'a trusted name with a password'],
    ['http://a.com/', 'plain http to a remote host'],
    ['https://b.com/', 'an untrusted origin'],
    ['https://a.com:8443/', 'another port of a trusted host'],
    ['data:text/html,<script>alert(1)</script>', 'data URLs'],
    ['a.com/docs', 'a relative reference'],
    ['', 'an empty string'],
  ])('rejects %s (%s)', (raw) => {
    expect(checkExternalUrl(raw, trusted).ok).toBe(false);
  });

  it.each(['https://a.com/', 'https://a.com/docs?page=2#top', 'HTTPS://A.COM/upper'])(
    'accepts %s on a trusted origin',
    (raw) => {
      const verdict = checkExternalUrl(raw, trusted);
      expect(verdict.ok).toBe(true);
    },
  );

  it.each(['http://127.0.0.1:53682/callback', 'http://[::1]:8080/', 'http://localhost:3000/'])(
    'accepts loopback http %s (RFC 8252 §7.3)',
    (raw) => {
      expect(checkExternalUrl(raw).ok).toBe(true);
    },
  );

  it('rejects http on a host that only starts like loopback', () => {
    expect(checkExternalUrl('http://127.0.0.1.evil.com/').ok).toBe(false);
    expect(checkExternalUrl('http://localhost.evil.com/').ok).toBe(false);
  });

  it('accepts any https origin when no allow-list is given (service-produced URLs)', () => {
    expect(checkExternalUrl('https://utility.example.com/oauth/authorize?client_id=x').ok).toBe(true);
    expect(checkExternalUrl('https://user@utility.example.com/').ok).toBe(false);
  });

  it('opens only allowed URLs, normalised by URL', async () => {
    const opened: string[] = [];
    const open = createExternalOpener(async (href) => {
      opened.push(href);
    });
    await open('HTTPS://Utility.Example.com/authorize');
    await expect(open('javascript:alert(1)')).rejects.toThrow(/not allowed/);
    await expect(open('https://a.com@evil.com/')).rejects.toThrow(/credentials/);
    expect(opened).toEqual(['https://utility.example.com/authorize']);
  });
});
