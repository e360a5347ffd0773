import { describe, expect, it } from 'vitest';
import { decryptSavedResponse, parseSavedHeaders } from '../../../src/main/cds/saved-response';
import {
  OVERVIEW_BODY_TEXT,
  OVERVIEW_HEADER_BLOCK,
  OVERVIEW_PRIVATE_JWK,
  OVERVIEW_RESPONSE_BODY,
  OVERVIEW_RESPONSE_HEADERS,
} from '../jose/overview-vector';

const curlHeaders = (status = 'HTTP/1.1 200 OK', eol = '\r\n') =>
  [
    status,
    ...Object.entries(OVERVIEW_RESPONSE_HEADERS).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: application/octet-stream',
    '',
    '',
  ].join(eol);

describe('a saved response (curl -D)', () => {
  it('reads "Name: value" lines, CRLF or LF, the last block after interim status lines', () => {
    const text = `HTTP/1.1 100 Continue\r\nX-Old: 1\r\n\r\n${curlHeaders()}`;
    const headers = parseSavedHeaders(text);
    expect(headers['x-old']).toBeUndefined();
    expect(headers['x-cds-body-jwe-initialization-vector']).toEqual(['50q7kpETagvHqEBI']);
    expect(parseSavedHeaders(curlHeaders('HTTP/2 200', '\n'))['content-type']).toEqual([
      'application/octet-stream',
    ]);
  });

  it('decrypts the overview vector', async () => {
    const out = await decryptSavedResponse({
      headersText: curlHeaders(),
      body: OVERVIEW_RESPONSE_BODY,
      keyText: JSON.stringify(OVERVIEW_PRIVATE_JWK),
    });
    expect(out.headerBlock).toBe(OVERVIEW_HEADER_BLOCK);
    expect(Buffer.from(out.body).toString('utf8')).toBe(OVERVIEW_BODY_TEXT);
  });

  it('refuses a tampered body, a bad key file and a malformed header file with typed errors', async () => {
    const tampered = Buffer.from(OVERVIEW_RESPONSE_BODY);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    await expect(
      decryptSavedResponse({
        headersText: curlHeaders(),
        body: tampered,
        keyText: JSON.stringify(OVERVIEW_PRIVATE_JWK),
      }),
    ).rejects.toMatchObject({ name: 'JweError', code: 'authentication_failed' });
    await expect(
      decryptSavedResponse({ headersText: curlHeaders(), body: OVERVIEW_RESPONSE_BODY, keyText: 'nope' }),
    ).rejects.toMatchObject({
      code: 'invalid_key',
    });
    const { d: _d, ...publicOnly } = OVERVIEW_PRIVATE_JWK;
    await expect(
      decryptSavedResponse({
        headersText: curlHeaders(),
        body: OVERVIEW_RESPONSE_BODY,
        keyText: JSON.stringify(publicOnly),
      }),
    ).rejects.toMatchObject({ code: 'invalid_key' });
    await expect(
      decryptSavedResponse({
        headersText: 'garbage line',
        body: OVERVIEW_RESPONSE_BODY,
        keyText: JSON.stringify(OVERVIEW_PRIVATE_JWK),
      }),
    ).rejects.toMatchObject({ code: 'invalid_header' });
    await expect(
      decryptSavedResponse({
        headersText: 'HTTP/1.1 200 OK\n',
        body: OVERVIEW_RESPONSE_BODY,
        keyText: JSON.stringify(OVERVIEW_PRIVATE_JWK),
      }),
    ).rejects.toMatchObject({ code: 'missing_headers' });
  });
});
