import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventHub, type EventHub } from '../../src/harness/event-hub';
import { createHarnessToken } from '../../src/harness/harness-auth';
import { createHarnessServer, type HarnessServer } from '../../src/harness/harness-server';
import type { ServiceApi, ServiceHandlers } from '../../src/main/service-api';
import { methodNames } from '../../src/shared/ipc/names';

// The web harness over real HTTP on 127.0.0.1, with a tiny renderer folder (no browser needed). The
// service is a small fake (app.info answers, every other method rejects): these tests are about the
// HTTP layer; the real Companion behind the harness is exercised by app-shell.test.ts.

function fakeHarnessService(dataDir: string, events: EventHub = createEventHub()): ServiceApi {
  const handlers: Record<string, unknown> = {};
  for (const name of methodNames) {
    handlers[name] = async () => {
      throw Object.assign(new Error(`${name} is not part of this fake`), {
        name: 'NotAvailable',
        step: name,
      });
    };
  }
  handlers['app.info'] = async () => ({
    name: 'CDS Companion',
    version: '0.0.0-test',
    dataDir,
    vault: { backend: 'memory', persistent: false, warning: 'Secrets are kept in memory only.' },
  });
  return { handlers: handlers as ServiceHandlers, events };
}

let root: string;
let rendererDir: string;
let harness: HarnessServer | null = null;
let token: string;
let hub: EventHub;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cds-harness-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  await symlink(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
  token = createHarnessToken();
  hub = createEventHub();
});

afterEach(async () => {
  await harness?.close();
  harness = null;
  await rm(root, { recursive: true, force: true });
});

async function start(service?: ServiceApi): Promise<HarnessServer> {
  harness = await createHarnessServer({
    service: service ?? fakeHarnessService(root, hub),
    rendererDir,
    token,
  });
  return harness;
}

const auth = () => ({ 'x-harness-token': token });

function invoke(server: HarnessServer, method: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/harness/invoke/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(), ...headers },
    body,
  });
}

/** A raw request, to send a Host header or a path fetch would normalise. */
function rawGet(server: HarnessServer, path: string, headers: Record<string, string>): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web harness', () => {
  it('binds 127.0.0.1 and refuses weak tokens and other hosts', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(
      createHarnessServer({
        service: fakeHarnessService(root),
        rendererDir,
        token: 'short',
      }),
    ).rejects.toThrow(/at least 32/);
    await expect(
      createHarnessServer({
        service: fakeHarnessService(root),
        rendererDir,
        token,
        host: '0.0.0.0' as '127.0.0.1',
      }),
    ).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('sets an HttpOnly, SameSite=Strict cookie from /?token= and drops the token from the address', async () => {
    const server = await start();
    const first = await fetch(server.entryUrl, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await fetch(`${server.url}/`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    // The bridge comes first, from our own origin, so CSP script-src 'self' holds.
    expect(html.indexOf('<script src="/harness/bridge.js"></script>')).toBeLessThan(
      html.indexOf('type="module"'),
    );
    expect(html.indexOf('<script src="/harness/bridge.js"></script>')).toBeGreaterThan(0);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const server = await start();
    expect(await rawGet(server, '/', { ...auth(), host: 'evil.example' })).toBe(403);
    expect(await rawGet(server, '/', { ...auth(), host: new URL(server.url).host })).toBe(200);
  });

  it('serves files inside the renderer folder only', async () => {
    const server = await start();
    expect(await rawGet(server, '/assets/app.js', auth())).toBe(200);
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/link.txt',
      '/assets/app.js%00.png',
      '/%E0%A4%A',
      '/.hidden',
      '/assets',
    ]) {
      expect(await rawGet(server, path, auth()), path).toBe(404);
    }
    const js = await fetch(`${server.url}/assets/app.js`, { headers: auth() });
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the bundled bridge, which defines window.cds from the contract', async () => {
    const server = await start();
    const script = await (await fetch(`${server.url}/harness/bridge.js`, { headers: auth() })).text();
    expect(script).toContain('app.info');
    expect(script).toContain('/harness/events');
    expect(script).not.toMatch(/^\s*import /m);
  });

  it('validates invoke arguments and results against the contract', async () => {
    let calls = 0;
    const good = fakeHarnessService(root);
    const service: ServiceApi = {
      events: hub,
      handlers: {
        ...good.handlers,
        'app.info': async () => {
          calls += 1;
          return good.handlers['app.info']();
        },
      },
    };
    const server = await start(service);

    const ok = await invoke(server, 'app.info', '[]');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { result: { dataDir: string; vault: { backend: string } } };
    expect(body.result.dataDir).toBe(root);
    expect(body.result.vault.backend).toBe('memory');
    expect(calls).toBe(1);

    for (const bad of ['["extra"]', '{}', 'null', 'not json']) {
      const response = await invoke(server, 'app.info', bad);
      expect(response.status, bad).toBe(400);
      expect(((await response.json()) as { error: { name: string } }).error.name).toBe('InvalidArguments');
    }
    expect((await invoke(server, 'app.nope', '[]')).status).toBe(404);
    expect((await invoke(server, 'app.info', '[]', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await invoke(server, 'app.info', `["${'x'.repeat(1_100_000)}"]`)).status).toBe(413);
    expect((await fetch(`${server.url}/harness/invoke/app.info`, { headers: auth() })).status).toBe(405);
    expect(calls).toBe(1);
  });

  it('carries handler errors as { name, message, server, step } without a stack, and refuses off-contract results', async () => {
    let mode: 'throw' | 'bad-result' = 'throw';
    const base = fakeHarnessService(root);
    const service: ServiceApi = {
      events: hub,
      handlers: {
        ...base.handlers,
        'app.info': async () => {
          if (mode === 'throw') {
            throw Object.assign(new Error('Token endpoint said 401'), {
              name: 'TokenError',
              server: 'Utility A',
              step: 'requesting a token',
              secret: 'never-cross',
            });
          }
          return { name: 'x', version: 1 } as never;
        },
      },
    };
    const server = await start(service);
    const thrown = await invoke(server, 'app.info', '[]');
    expect(thrown.status).toBe(500);
    const text = await thrown.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        name: 'TokenError',
        message: 'Token endpoint said 401',
        server: 'Utility A',
        step: 'requesting a token',
      },
    });
    expect(text).not.toContain('never-cross');
    expect(text).not.toContain('at ');

    mode = 'bad-result';
    const invalid = await invoke(server, 'app.info', '[]');
    expect(invalid.status).toBe(500);
    expect(((await invalid.json()) as { error: { name: string } }).error.name).toBe('InvalidResult');
  });

  it('streams contract events over SSE, drops off-contract payloads, and closes with open streams', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/harness/events`, { headers: auth() });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    await expect.poll(() => hub.listenerCount('server.status')).toBe(1);

    hub.emit('server.status', { serverId: 'a', status: 1 } as never);
    hub.emit('server.status', { serverId: 's1', status: 'connected' });
    while (!received.includes('event: server.status')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += decoder.decode(chunk.value);
    }
    expect(received).toContain('event: server.status\ndata: {"serverId":"s1","status":"connected"}\n\n');
    expect(received).not.toContain('"serverId":"a"');

    await server.close();
    harness = null;
    expect(hub.listenerCount('server.status')).toBe(0);
  });

  it('serves the opened URLs behind the token when the harness records them', async () => {
    const opened = ['https://utility.example/authorize?request_uri=urn%3Aexample'];
    harness = await createHarnessServer({
      service: fakeHarnessService(root, hub),
      rendererDir,
      token,
      openedUrls: () => opened,
    });
    expect((await fetch(`${harness.url}/harness/opened-urls`)).status).toBe(403);
    const response = await fetch(`${harness.url}/harness/opened-urls`, { headers: auth() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ urls: opened });
  });
});
