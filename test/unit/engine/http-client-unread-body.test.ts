import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError } from '../../../src/main/cds/errors';
import { createHttpClient, type HttpClient } from '../../../src/main/cds/http/index';
import { type LocalServer, startLocalServer } from './support/local-server';

// A response body that fails before anyone reads it (a declared Content-Length over the cap, a
// connection cut while the caller is still looking at the status) must never surface as an
// uncaught 'error' event; the failure reaches whoever reads the body later.

const server = { id: 'srv-1', name: 'Demo Gas & Electric' };
const step = 'downloading a file';

let local: LocalServer;
let http: HttpClient;
let uncaught: unknown[];
const onUncaught = (error: unknown) => uncaught.push(error);

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  local = await startLocalServer();
  http = createHttpClient({
    userAgent: 'CDS-Companion/9.9.9 (test)',
    maxResponseBytes: 1_000,
    timeouts: { connectMs: 2_000, headersMs: 2_000, bodyMs: 2_000 },
    retry: { attempts: 1 },
  });
  uncaught = [];
  process.on('uncaughtException', onUncaught);
});

afterEach(async () => {
  process.off('uncaughtException', onUncaught);
  await http.close();
  await local.close();
});

describe('a body that fails before it is read', () => {
  it('a huge declared Content-Length: no uncaught error, and bytes() still fails too-large', async () => {
    local.route('/huge', (_req, res) => {
      // 1 TiB announced; a little sent, then the connection is left open.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(2 ** 40) });
      res.write(Buffer.alloc(500));
    });
    const response = await http.request(`${local.url}/huge`, { server, step });
    expect(response.status).toBe(200);
    // Nobody listens to the body for a while: the cap has already failed it.
    await idle(50);
    expect(uncaught).toEqual([]);
    const error = await response.bytes().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('too-large');
    expect(uncaught).toEqual([]);
  });

  it('a huge declared Content-Length: a later pipeline rejects with the same error', async () => {
    local.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-length': String(2 ** 40) });
      res.write(Buffer.alloc(500));
    });
    const response = await http.request(`${local.url}/huge`, { server, step });
    await idle(20);
    let written = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        callback();
      },
    });
    const error = await pipeline(response.body, sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('too-large');
    expect(written).toBe(0);
    expect(uncaught).toEqual([]);
  });

  it('a connection cut while nobody reads: no uncaught error, and bytes() fails truncated', async () => {
    local.route('/cut', (req, res) => {
      res.writeHead(200, { 'content-length': '800' });
      res.write(Buffer.alloc(100));
      setTimeout(() => req.socket.destroy(), 10);
    });
    const response = await http.request(`${local.url}/cut`, { server, step });
    await idle(80);
    expect(uncaught).toEqual([]);
    const error = await response.bytes().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('truncated');
  });

  it('dump() on a body already failed by its declared size resolves', async () => {
    local.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-length': String(2 ** 40) });
      res.write(Buffer.alloc(10));
    });
    const response = await http.request(`${local.url}/huge`, { server, step });
    await idle(20);
    await response.dump();
    expect(uncaught).toEqual([]);
  });
});
