import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { request } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DeviceKey, generateDeviceKey } from '../../../src/main/cds/jose/device-keys';
import { decryptCdsResponse } from '../../../src/main/cds/jose/response-decryption';
import { encryptCdsResponse } from '../../../src/sandbox/response-encryption';
import { type CdsEncryptedResponse, expectJweFailure } from './jwe-test-helpers';

let device: DeviceKey;
let plaintext: Buffer;
let encrypted: CdsEncryptedResponse;

beforeAll(async () => {
  device = await generateDeviceKey();
  plaintext = randomBytes(5000);
  encrypted = await encryptCdsResponse({
    headers: { 'Content-Type': 'application/octet-stream' },
    body: plaintext,
    recipientJwk: device.publicJwk,
  });
});

async function* chunksOf(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let offset = 0;
  let index = 0;
  while (offset < bytes.length) {
    const size = Math.max(1, sizes[index % sizes.length] ?? 1);
    yield bytes.subarray(offset, offset + size);
    offset += size;
    index += 1;
  }
}

describe('streamed bodies', () => {
  it('any split of the body into chunks decrypts to the same plaintext (with and without Content-Length)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (sizes, withLength) => {
          const headers = withLength
            ? { ...encrypted.headers, 'Content-Length': String(encrypted.body.length) }
            : encrypted.headers;
          const result = await decryptCdsResponse({
            headers,
            body: chunksOf(encrypted.body, sizes),
            privateJwk: device.privateJwk,
          });
          expect(Buffer.from(result.body).equals(plaintext)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a single flipped bit anywhere in a streamed body is caught', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: encrypted.body.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        async (index, bit) => {
          const tampered = Uint8Array.from(encrypted.body);
          tampered[index] = (tampered[index] ?? 0) ^ (1 << bit);
          await expectJweFailure(
            decryptCdsResponse({
              headers: encrypted.headers,
              body: Readable.from(chunksOf(tampered, [333])),
              privateJwk: device.privateJwk,
            }),
            'authentication_failed',
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stops reading an oversized stream as soon as the cap is passed', async () => {
    const chunkSize = 64 * 1024;
    const cap = 1024 * 1024;
    let pulled = 0;
    let closed = false;
    // 64 MiB on offer, generated lazily: the test proves it is never all read.
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < 1024; i += 1) {
          pulled += chunkSize;
          yield new Uint8Array(chunkSize);
        }
      } finally {
        closed = true;
      }
    }
    await expectJweFailure(
      decryptCdsResponse({
        headers: encrypted.headers,
        body: endless(),
        privateJwk: device.privateJwk,
        maxBodyBytes: cap,
      }),
      'body_too_large',
    );
    expect(pulled).toBeLessThanOrEqual(cap + chunkSize);
    expect(closed).toBe(true);
  });

  it('destroys an oversized Node stream instead of draining it', async () => {
    let pulled = 0;
    const stream = new Readable({
      highWaterMark: 16 * 1024,
      read() {
        pulled += 16 * 1024;
        this.push(pulled > 64 * 1024 * 1024 ? null : Buffer.alloc(16 * 1024));
      },
    });
    await expectJweFailure(
      decryptCdsResponse({
        headers: encrypted.headers,
        body: stream,
        privateJwk: device.privateJwk,
        maxBodyBytes: 256 * 1024,
      }),
      'body_too_large',
    );
    expect(pulled).toBeLessThan(1024 * 1024);
    expect(stream.destroyed).toBe(true);
  });

  it('refuses a Content-Length over the cap without reading a byte', async () => {
    let started = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      started = true;
      yield new Uint8Array(16);
    }
    await expectJweFailure(
      decryptCdsResponse({
        headers: { ...encrypted.headers, 'content-length': String(10 * 1024 * 1024) },
        body: body(),
        privateJwk: device.privateJwk,
        maxBodyBytes: 1024 * 1024,
      }),
      'body_too_large',
    );
    expect(started).toBe(false);
  });

  it('an in-memory body over the cap is refused', async () => {
    await expectJweFailure(
      decryptCdsResponse({ ...encrypted, privateJwk: device.privateJwk, maxBodyBytes: 100 }),
      'body_too_large',
    );
  });

  it('a stream that ends before Content-Length → truncated; one longer than it → truncated', async () => {
    const announced = { ...encrypted.headers, 'Content-Length': String(encrypted.body.length) };
    await expectJweFailure(
      decryptCdsResponse({
        headers: announced,
        body: chunksOf(encrypted.body.subarray(0, encrypted.body.length - 40), [1000]),
        privateJwk: device.privateJwk,
      }),
      'truncated',
    );
    const longer = Buffer.concat([encrypted.body, Buffer.alloc(5)]);
    await expectJweFailure(
      decryptCdsResponse({
        headers: announced,
        body: chunksOf(longer, [1000]),
        privateJwk: device.privateJwk,
      }),
      'truncated',
    );
  });

  it('ignores Content-Length under a content coding (a decoding client changes the length)', async () => {
    const result = await decryptCdsResponse({
      headers: { ...encrypted.headers, 'Content-Encoding': 'gzip', 'Content-Length': '12' },
      body: chunksOf(encrypted.body, [999]),
      privateJwk: device.privateJwk,
    });
    expect(Buffer.from(result.body).equals(plaintext)).toBe(true);
  });

  it('decrypts multi-slice bodies the same in memory and streamed in large chunks', async () => {
    const big = randomBytes(1024 * 1024 + 123);
    const sealed = await encryptCdsResponse({
      headers: { A: 'b' },
      body: big,
      recipientJwk: device.publicJwk,
    });
    const inMemory = await decryptCdsResponse({ ...sealed, privateJwk: device.privateJwk });
    const streamed = await decryptCdsResponse({
      headers: sealed.headers,
      body: chunksOf(sealed.body, [700_000]),
      privateJwk: device.privateJwk,
    });
    expect(Buffer.from(inMemory.body).equals(big)).toBe(true);
    expect(Buffer.from(streamed.body).equals(big)).toBe(true);
  });

  it('an in-memory body whose length differs from Content-Length → truncated', async () => {
    await expectJweFailure(
      decryptCdsResponse({
        headers: { ...encrypted.headers, 'content-length': String(encrypted.body.length + 1) },
        body: encrypted.body,
        privateJwk: device.privateJwk,
      }),
      'truncated',
    );
  });

  it('a stream shorter than a tag → truncated', async () => {
    await expectJweFailure(
      decryptCdsResponse({
        headers: encrypted.headers,
        body: chunksOf(encrypted.body.subarray(0, 10), [3]),
        privateJwk: device.privateJwk,
      }),
      'truncated',
    );
  });
});

describe('over real HTTP on 127.0.0.1', () => {
  it('decrypts a response served by node:http and read with undici as a stream', async () => {
    const body = randomBytes(3 * 1024 * 1024 + 7);
    const response = await encryptCdsResponse({
      headers: { 'Content-Type': 'application/json', 'X-Log-ID': 'http-1' },
      body,
      recipientJwk: device.publicJwk,
    });
    const server = createServer((_req, res) => {
      res.writeHead(200, { ...response.headers, 'Content-Type': 'application/octet-stream' });
      res.end(response.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const reply = await request(`http://127.0.0.1:${port}/accounts`);
      const result = await decryptCdsResponse({
        headers: reply.headers,
        body: reply.body,
        privateJwk: device.privateJwk,
      });
      expect(result.headers).toEqual({ 'Content-Type': 'application/json', 'X-Log-ID': 'http-1' });
      expect(Buffer.from(result.body).equals(body)).toBe(true);
    } finally {
      server.close();
    }
  });
});
