import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMetadataUrl, wellKnownMetadataPath } from '../../src/renderer/src/views/metadata-url';

describe('checkMetadataUrl', () => {
  it.each([
    ['utility.example', 'https://utility.example/.well-known/cds-server-metadata.json', true],
    ['https://utility.example', 'https://utility.example/.well-known/cds-server-metadata.json', true],
    ['  https://utility.example/  ', 'https://utility.example/.well-known/cds-server-metadata.json', true],
    ['https://utility.example/cds/metadata.json', 'https://utility.example/cds/metadata.json', false],
    [
      'https://utility.example/.well-known/cds-server-metadata.json#top',
      'https://utility.example/.well-known/cds-server-metadata.json',
      false,
    ],
    ['http://127.0.0.1:7400', 'http://127.0.0.1:7400/.well-known/cds-server-metadata.json', true],
    ['http://localhost:7400/x.json', 'http://localhost:7400/x.json', false],
    ['localhost:7400', 'https://localhost:7400/.well-known/cds-server-metadata.json', true],
  ])('accepts %s', (input, url, completed) => {
    expect(checkMetadataUrl(input)).toEqual({ ok: true, url, completed });
  });

  it.each([
    ['', "Enter the Server's address."],
    ['http://utility.example', 'Use https://'],
    ['ftp://utility.example', 'Use an https:// address.'],
    ['javascript:alert(1)', 'Use an https:// address.'],
    ['file:///etc/passwd', 'Use an https:// address.'],
    ['https://user:pw@utility.example', 'credentials'],
    ['https://utility', 'full host name'],
    ['https://utility example', 'spaces'],
    ['https://', 'web address'],
  ])('rejects %s', (input, reason) => {
    const check = checkMetadataUrl(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  it('never throws, and only ever accepts https or loopback http without credentials', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
        (input) => {
          const check = checkMetadataUrl(input);
          if (!check.ok) return check.reason.length > 0;
          const url = new URL(check.url);
          const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
          return (
            (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) &&
            url.username === '' &&
            url.password === '' &&
            url.hash === '' &&
            (!check.completed || url.pathname === wellKnownMetadataPath)
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
