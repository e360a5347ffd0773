import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  HttpStatusError,
  InsecureUrlError,
  NetworkError,
  OAuthError,
  ValidationError,
} from '../../../src/main/cds/errors';
import { createHttpClient, type HttpActivity, type HttpClient } from '../../../src/main/cds/http/index';
import { json, type LocalServer, startLocalServer, startLocalTlsServer } from './support/local-server';

const server = { id: 'srv-1', name: 'Demo Gas & Electric' };
const step = 'reading the server metadata';
const thing = z.looseObject({ name: z.string() });

let local: LocalServer;
let http: HttpClient;
let activity: HttpActivity[];

const makeClient = (overrides: Partial<Parameters<typeof createHttpClient>[0]> = {}) =>
  createHttpClient({
    userAgent: 'CDS-Companion/9.9.9 (test)',
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
    timeouts: { connectMs: 2_000, headersMs: 2_000, bodyMs: 2_000 },
    onActivity: (event) => activity.push(event),
    ...overrides,
  });

beforeEach(async () => {
  local = await startLocalServer();
  activity = [];
  http = makeClient();
});

afterEach(async () => {
  await http.close();
  await local.close();
});

describe('getJson', () => {
  it('parses a valid answer, sends the User-Agent and reports a redacted activity event', async () => {
    local.route('/meta', (_req, res) => json(res, 200, { name: 'DG&E', extra: 1 }));
    const value = await http.getJson(`${local.url}/meta?access_token=tok-SECRET-1&page=2`, {
      server,
      step,
      schema: thing,
      what: 'the CDS server metadata',
    });
    expect(value).toEqual({ name: 'DG&E', extra: 1 });
    expect(local.requests[0]?.headers['user-agent']).toBe('CDS-Companion/9.9.9 (test)');
    expect(local.requests[0]?.headers.accept).toBe('application/json');
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({ serverId: 'srv-1', method: 'GET', status: 200, step, attempt: 1 });
    expect(activity[0]?.url).not.toContain('tok-SECRET-1');
    expect(activity[0]?.url).toContain('page=2');
    expect(activity[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends the bearer token and never shows it in an error', async () => {
    local.route('/secret', (req, res) => json(res, 403, { message: `bad ${req.headers.authorization}` }));
    const error = await http
      .getJson(`${local.url}/secret`, { server, step, schema: thing, what: 'x', bearer: 'bearer-TOKEN-123' })
      .catch((e: unknown) => e);
    expect(local.requests[0]?.headers.authorization).toBe('Bearer bearer-TOKEN-123');
    expect(error).toBeInstanceOf(HttpStatusError);
    const text = JSON.stringify((error as HttpStatusError).toJSON()) + String(error) + (error as Error).stack;
    expect(text).not.toContain('bearer-TOKEN-123');
    expect((error as HttpStatusError).status).toBe(403);
    expect((error as HttpStatusError).userMessage).toContain('Demo Gas & Electric');
    expect((error as HttpStatusError).userMessage).toContain(step);
  });

  it('turns malformed JSON into a ValidationError at $', async () => {
    local.route('/bad', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"name": "x",');
    });
    const error = await http
      .getJson(`${local.url}/bad`, { server, step, schema: thing, what: 'the CDS server metadata' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('$');
  });

  it('turns a schema mismatch into a ValidationError with the JSON path', async () => {
    local.route('/wrong', (_req, res) => json(res, 200, { name: 42 }));
    const error = await http
      .getJson(`${local.url}/wrong`, { server, step, schema: thing, what: 'the CDS server metadata' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('$.name');
    expect((error as ValidationError).userMessage).toContain('$.name');
  });

  it('turns an OAuth error body into an OAuthError with error and description, redacted', async () => {
    local.route('/token', (_req, res) =>
      json(res, 400, { error: 'invalid_client', error_description: 'secret s3cr3t-VALUE is wrong' }),
    );
    const error = await http
      .sendJson(
        'POST',
        `${local.url}/token`,
        { a: 1 },
        {
          server,
          step: 'asking for a token',
          schema: thing,
          what: 'the token response',
          secrets: ['s3cr3t-VALUE'],
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('invalid_client');
    expect((error as OAuthError).status).toBe(400);
    expect((error as OAuthError).errorDescription).toContain('[redacted]');
    expect(JSON.stringify((error as OAuthError).toJSON())).not.toContain('s3cr3t-VALUE');
    expect(local.requests[0]?.headers['content-type']).toBe('application/json');
    expect(local.requests[0]?.body).toBe('{"a":1}');
  });

  it('refuses http:// to a non-loopback host without sending anything', async () => {
    const error = await http
      .getJson('http://example.com/.well-known/cds-server-metadata.json', {
        server,
        step,
        schema: thing,
        what: 'x',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsecureUrlError);
    expect((error as InsecureUrlError).userMessage).toMatch(/not a secure https:\/\/ address/);
    expect(activity).toHaveLength(0);
  });
});

describe('retries', () => {
  it('retries an idempotent GET on 503 and succeeds, with bounded attempts', async () => {
    let calls = 0;
    local.route('/flaky', (_req, res) => {
      calls += 1;
      if (calls < 3) json(res, 503, {});
      else json(res, 200, { name: 'ok' });
    });
    await expect(
      http.getJson(`${local.url}/flaky`, { server, step, schema: thing, what: 'x' }),
    ).resolves.toEqual({
      name: 'ok',
    });
    expect(local.hits('/flaky')).toBe(3);
    expect(activity.map((a) => a.attempt)).toEqual([1, 2, 3]);
  });

  it('gives up after the bounded number of attempts with an HttpStatusError', async () => {
    local.route('/down', (_req, res) => json(res, 500, {}));
    const error = await http
      .getJson(`${local.url}/down`, { server, step, schema: thing, what: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(500);
    expect(local.hits('/down')).toBe(3);
  });

  it('never retries a POST', async () => {
    local.route('/post', (_req, res) => json(res, 503, {}));
    await expect(
      http.sendJson('POST', `${local.url}/post`, {}, { server, step, schema: thing, what: 'x' }),
    ).rejects.toBeInstanceOf(HttpStatusError);
    expect(local.hits('/post')).toBe(1);
  });

  it('does not retry a 4xx other than 429', async () => {
    local.route('/nope', (_req, res) => json(res, 404, {}));
    await expect(
      http.getJson(`${local.url}/nope`, { server, step, schema: thing, what: 'x' }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(local.hits('/nope')).toBe(1);
  });

  it('honours Retry-After in seconds on 429', async () => {
    const times: number[] = [];
    local.route('/limited', (_req, res) => {
      times.push(Date.now());
      if (times.length === 1) json(res, 429, {}, { 'retry-after': '1' });
      else json(res, 200, { name: 'ok' });
    });
    await http.getJson(`${local.url}/limited`, { server, step, schema: thing, what: 'x' });
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not wait for a Retry-After beyond the bound and reports it', async () => {
    local.route('/later', (_req, res) =>
      json(res, 503, {}, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }),
    );
    const error = await http
      .getJson(`${local.url}/later`, { server, step, schema: thing, what: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).retryAfterMs).toBeGreaterThan(3_000_000);
    expect(local.hits('/later')).toBe(1);
  });
});

describe('timeouts, size caps and broken bodies', () => {
  it('reports a headers timeout as a NetworkError "timeout"', async () => {
    const quick = makeClient({ timeouts: { headersMs: 150 }, retry: { attempts: 1 } });
    local.route('/slow', () => undefined);
    const error = await quick
      .getJson(`${local.url}/slow`, { server, step, schema: thing, what: 'x' })
      .catch((e: unknown) => e);
    await quick.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('timeout');
    expect(activity.at(-1)).toMatchObject({ status: null, failure: 'timeout' });
  });

  it('reports a stalled body as a NetworkError "timeout"', async () => {
    const quick = makeClient({ timeouts: { bodyMs: 150 }, retry: { attempts: 1 } });
    local.route('/stall', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"name":');
    });
    const error = await quick
      .getJson(`${local.url}/stall`, { server, step, schema: thing, what: 'x' })
      .catch((e: unknown) => e);
    await quick.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('timeout');
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const capped = makeClient({ maxResponseBytes: 1_000 });
    local.route('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.end('x'.repeat(5000));
    });
    const error = await capped
      .getJson(`${local.url}/big`, { server, step, schema: thing, what: 'x' })
      .catch((e: unknown) => e);
    await capped.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('too-large');
  });

  it('stops a chunked body as soon as it passes the cap', async () => {
    const capped = makeClient({ maxResponseBytes: 1_000 });
    let written = 0;
    local.route('/chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => {
        if (res.destroyed || written > 100_000) {
          clearInterval(timer);
          res.end();
          return;
        }
        written += 500;
        res.write('y'.repeat(500));
      }, 2);
    });
    const response = await capped.request(`${local.url}/chunked`, { server, step });
    const error = await response.bytes().catch((e: unknown) => e);
    await capped.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('too-large');
    expect(written).toBeLessThan(100_000);
  });

  it('reports a body cut short as "truncated"', async () => {
    local.route('/cut', (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"name":"abc');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const error = await http
      .getJson(`${local.url}/cut`, { server, step, schema: thing, what: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('truncated');
  });

  it('reports a refused connection as a NetworkError', async () => {
    const closed = await startLocalServer();
    const url = closed.url;
    await closed.close();
    const quick = makeClient({ retry: { attempts: 1 } });
    const error = await quick
      .getJson(`${url}/x`, { server, step, schema: thing, what: 'x' })
      .catch((e: unknown) => e);
    await quick.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('connection-refused');
    expect((error as NetworkError).userMessage).toBe(
      'Demo Gas & Electric: the Server refused the connection (while reading the server metadata).',
    );
  });
});

describe('redirects', () => {
  it('follows a same-origin redirect keeping the bearer, and drops it across origins', async () => {
    local.route('/old', (_req, res) => {
      res.writeHead(301, { location: '/new' });
      res.end();
    });
    local.route('/new', (_req, res) => {
      res.writeHead(302, { location: `${local.url.replace('127.0.0.1', 'localhost')}/final` });
      res.end();
    });
    local.route('/final', (_req, res) => json(res, 200, { name: 'moved' }));
    await expect(
      http.getJson(`${local.url}/old`, { server, step, schema: thing, what: 'x', bearer: 'tok-abcdef' }),
    ).resolves.toEqual({ name: 'moved' });
    const byPath = Object.fromEntries(local.requests.map((r) => [r.path, r.headers.authorization]));
    expect(byPath['/old']).toBe('Bearer tok-abcdef');
    expect(byPath['/new']).toBe('Bearer tok-abcdef');
    expect(byPath['/final']).toBeUndefined();
  });

  it('refuses a redirect to a non-loopback http address', async () => {
    local.route('/evil', (_req, res) => {
      res.writeHead(302, { location: 'http://example.com/steal' });
      res.end();
    });
    await expect(
      http.getJson(`${local.url}/evil`, { server, step, schema: thing, what: 'x' }),
    ).rejects.toBeInstanceOf(InsecureUrlError);
  });

  it('stops after too many redirects', async () => {
    local.route('/loop', (_req, res) => {
      res.writeHead(302, { location: '/loop' });
      res.end();
    });
    await expect(
      http.getJson(`${local.url}/loop`, { server, step, schema: thing, what: 'x' }),
    ).rejects.toMatchObject({
      failure: 'too-many-redirects',
    });
  });
});

describe('fetch for oauth4webapi', () => {
  it('returns a WHATWG Response with status, headers and body, without following redirects when manual', async () => {
    local.route('/token', (req, res) =>
      json(res, 200, { got: req.body, type: req.headers['content-type'] }, { 'x-extra': 'yes' }),
    );
    local.route('/revoke', (_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const fetch = http.fetchFor({ server, step: 'asking for a token' });
    const response = await fetch(`${local.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      redirect: 'manual',
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-extra')).toBe('yes');
    expect(await response.json()).toEqual({
      got: 'grant_type=client_credentials',
      type: 'application/x-www-form-urlencoded',
    });
    const empty = await http.fetch(`${local.url}/revoke`, { method: 'POST', body: 'token=x' });
    expect(empty.status).toBe(204);
    expect(activity.map((a) => a.step)).toEqual([
      'asking for a token',
      'talking to the authorization server',
    ]);
  });
});

describe('TLS', () => {
  it('rejects a self-signed certificate by default and trusts it only through caFile', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    const tls = await startLocalTlsServer({ key: pems.private, cert: pems.cert });
    tls.route('/meta', (_req, res) => json(res, 200, { name: 'tls' }));
    const dir = mkdtempSync(join(tmpdir(), 'cds-ca-'));
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, pems.cert);
    const strict = makeClient({ retry: { attempts: 1 } });
    const trusting = makeClient({ caFile });
    try {
      const error = await strict
        .getJson(`${tls.url}/meta`, { server, step, schema: thing, what: 'x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).failure).toBe('tls');
      await expect(
        trusting.getJson(`${tls.url}/meta`, { server, step, schema: thing, what: 'x' }),
      ).resolves.toEqual({ name: 'tls' });
    } finally {
      await strict.close();
      await trusting.close();
      await tls.close();
    }
  });
});
