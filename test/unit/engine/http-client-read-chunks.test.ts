import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError } from '../../../src/main/cds/errors';
import { createHttpClient, type HttpClient } from '../../../src/main/cds/http/index';
import { type LocalServer, startLocalServer } from './support/local-server';

// readChunks: a body handed over chunk by chunk with no stream in between (downloads), with the
// cap, the failures and the backpressure of the streamed body.

const server = { id: 'srv-1', name: 'Demo Gas & Electric' };
const step = 'downloading a file';

let local: LocalServer;
let http: HttpClient;

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads `response` with readChunks to its end or failure: the error, if any, and the bytes handed over. */
async function readCountingHanded(
  response: Awaited<ReturnType<HttpClient['request']>>,
): Promise<{ error: unknown; handed: number }> {
  let handed = 0;
  const error = await response
    .readChunks((chunk) => {
      handed += chunk.length;
      return undefined;
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  return { error, handed };
}

beforeEach(async () => {
  local = await startLocalServer();
  http = createHttpClient({
    userAgent: 'CDS-Companion/9.9.9 (test)',
    maxResponseBytes: 64 * 1024,
    timeouts: { connectMs: 2_000, headersMs: 2_000, bodyMs: 2_000 },
    retry: { attempts: 1 },
  });
});

afterEach(async () => {
  await http.close();
  await local.close();
});

describe('readChunks', () => {
  it('hands over every byte in order and resolves with the count', async () => {
    const body = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 256));
    local.route('/file', (_req, res) => {
      res.writeHead(200, { 'content-length': String(body.length) });
      res.write(body.subarray(0, 20_000));
      setTimeout(() => res.end(body.subarray(20_000)), 5);
    });
    const response = await http.request(`${local.url}/file`, { server, step });
    const chunks: Buffer[] = [];
    const count = await response.readChunks((chunk) => {
      chunks.push(chunk);
      return undefined;
    });
    expect(count).toBe(body.length);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
  });

  it('stops at the cap while streaming, before handing over the chunk that passes it', async () => {
    let written = 0;
    local.route('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const timer = setInterval(() => {
        if (res.destroyed || written > 1_000_000) {
          clearInterval(timer);
          res.end();
          return;
        }
        written += 4_000;
        res.write(Buffer.alloc(4_000, 1));
      }, 1);
    });
    const response = await http.request(`${local.url}/endless`, { server, step, maxBytes: 10_000 });
    const { error, handed } = await readCountingHanded(response);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('too-large');
    expect((error as NetworkError).userMessage).toContain('Demo Gas & Electric');
    expect(handed).toBeLessThanOrEqual(10_000);
    await idle(50);
    expect(written).toBeLessThan(1_000_000);
  });

  it('pauses while the promise returned for a chunk is pending', async () => {
    const size = 40_000;
    local.route('/file', (_req, res) => {
      res.writeHead(200, { 'content-length': String(size) });
      res.write(Buffer.alloc(size / 2, 2));
      setTimeout(() => res.end(Buffer.alloc(size / 2, 3)), 20);
    });
    const response = await http.request(`${local.url}/file`, { server, step });
    let release = () => {};
    let calls = 0;
    let received = 0;
    const reading = response.readChunks((chunk) => {
      calls += 1;
      received += chunk.length;
      if (calls > 1) return undefined;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await idle(80);
    // Only the first chunk was handed over: the rest waits for the promise.
    expect(calls).toBe(1);
    release();
    expect(await reading).toBe(size);
    expect(received).toBe(size);
  });

  it('reports a connection cut mid-body as truncated', async () => {
    local.route('/cut', (req, res) => {
      res.writeHead(200, { 'content-length': '10000' });
      res.write(Buffer.alloc(1_000));
      setTimeout(() => req.socket.destroy(), 10);
    });
    const response = await http.request(`${local.url}/cut`, { server, step });
    const error = await response.readChunks(() => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('truncated');
  });

  it("rejects with the consumer's own failure and closes the body", async () => {
    let closed = false;
    local.route('/file', (_req, res) => {
      res.writeHead(200, { 'content-length': '30000' });
      res.write(Buffer.alloc(10_000));
      res.on('close', () => {
        closed = true;
      });
    });
    const response = await http.request(`${local.url}/file`, { server, step });
    const disk = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const error = await response.readChunks(() => Promise.reject(disk)).catch((e: unknown) => e);
    expect(error).toBe(disk);
    await idle(50);
    expect(closed).toBe(true);
  });

  it('reports a body cancelled just before reading as aborted, not truncated', async () => {
    local.route('/file', (_req, res) => {
      res.writeHead(200, { 'content-length': '30000' });
      res.write(Buffer.alloc(1_000));
    });
    const controller = new AbortController();
    const response = await http.request(`${local.url}/file`, { server, step, signal: controller.signal });
    // The body is destroyed now; its 'error' event only comes a moment later.
    controller.abort();
    const error = await response.readChunks(() => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('aborted');
  });

  it('allows one reader per response', async () => {
    local.route('/file', (_req, res) => {
      res.writeHead(200, { 'content-length': '5' });
      res.end('hello');
    });
    const response = await http.request(`${local.url}/file`, { server, step });
    expect(await response.text()).toBe('hello');
    await expect(response.readChunks(() => undefined)).rejects.toThrow(/already being read/);
  });

  it('refuses a declared Content-Length over the cap without handing over anything', async () => {
    local.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-length': String(2 ** 40) });
      res.write(Buffer.alloc(500));
    });
    const response = await http.request(`${local.url}/huge`, { server, step, maxBytes: 1_000 });
    const { error, handed } = await readCountingHanded(response);
    expect((error as NetworkError).failure).toBe('too-large');
    expect(handed).toBe(0);
  });
});
