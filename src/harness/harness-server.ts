import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import mime from 'mime';
import type { ServiceApi } from '../main/service-api';
import type { Unsubscribe } from '../shared/ipc/bridge';
import { bundleBridgeScript } from './bridge-bundle';
import { streamServiceEvents } from './event-stream';
import { assertUsableToken, hostAllowed, presentedToken, tokenCookie, tokensMatch } from './harness-auth';
import { handleInvoke } from './invoke-route';
import { readIndexWithBridge, resolveStaticFile } from './static-files';
import { harnessPaths } from './wire';

export interface HarnessServerOptions {
  readonly service: ServiceApi;
  /** The built renderer, normally `out/renderer`. */
  readonly rendererDir: string;
  /** Loopback only; anything else is refused. */
  readonly host?: '127.0.0.1';
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The per-run secret every request must present (cookie from `/?token=`, or the header). */
  readonly token: string;
  /** The URLs the service opened in the "system browser", served at GET /harness/opened-urls. */
  readonly openedUrls?: () => readonly string[];
}

export interface HarnessServer {
  /** The origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The address to open in a browser: it carries the token once and sets the cookie. */
  readonly entryUrl: string;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;

const baseHeaders = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/**
 * The dev/test web harness (DESIGN.md "Testing without the Electron binary"): serves the built
 * renderer on 127.0.0.1 with a `window.cds` bridge over HTTP, backed by any ServiceApi. Never part of
 * a packaged app.
 */
export async function createHarnessServer(options: HarnessServerOptions): Promise<HarnessServer> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The web harness binds 127.0.0.1 only.');
  assertUsableToken(options.token);
  const rendererDir = resolve(options.rendererDir);
  const indexPath = join(rendererDir, 'index.html');
  await readFile(indexPath).catch(() => {
    throw new Error(
      `No built renderer at ${rendererDir}: run \`npm run build\` (or \`npx electron-vite build\`) first.`,
    );
  });
  const bridgeScript = await bundleBridgeScript();
  const streams = new Set<Unsubscribe>();
  let port = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(
        `[harness] ${request.method} ${request.url?.split('?')[0]} failed: ${(error as Error).message}`,
      );
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(request, port))
      return send(response, 403, 'text/plain; charset=utf-8', 'Forbidden host');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);

    // First visit: `/?token=...` sets the cookie, then a redirect drops the token from the address bar.
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && request.method === 'GET') {
      if (!tokensMatch(options.token, queryToken)) return forbidden(response);
      url.searchParams.delete('token');
      response.writeHead(303, {
        ...baseHeaders,
        'set-cookie': tokenCookie(options.token),
        location: url.pathname + url.search,
      });
      response.end();
      return;
    }
    if (!tokensMatch(options.token, presentedToken(request))) return forbidden(response);

    if (url.pathname.startsWith(harnessPaths.invokePrefix)) {
      if (request.method !== 'POST')
        return send(response, 405, 'text/plain; charset=utf-8', 'Use POST', { allow: 'POST' });
      // A JSON content type cannot be sent by a plain cross-site form: one more guard besides the token.
      if (!request.headers['content-type']?.startsWith('application/json')) {
        return sendJson(response, 415, {
          error: { name: 'UnsupportedMediaType', message: 'Send the arguments as application/json.' },
        });
      }
      const body = await readBody(request);
      if (body === null) {
        return sendJson(response, 413, {
          error: { name: 'PayloadTooLarge', message: 'The arguments are too large.' },
        });
      }
      const method = safeDecode(url.pathname.slice(harnessPaths.invokePrefix.length));
      const reply = await handleInvoke(options.service, method ?? '', body);
      return sendJson(response, reply.status, reply.body);
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', { allow: 'GET, HEAD' });
    }
    if (url.pathname === harnessPaths.events) {
      const end = streamServiceEvents(options.service.events, response);
      streams.add(end);
      response.on('close', () => streams.delete(end));
      return;
    }
    if (url.pathname === harnessPaths.openedUrls && options.openedUrls) {
      // Behind the token like everything else: an authorization URL carries the PKCE state.
      return sendJson(response, 200, { urls: options.openedUrls() });
    }
    if (url.pathname === harnessPaths.bridgeScript) {
      return send(response, 200, 'text/javascript; charset=utf-8', bridgeScript);
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = await readIndexWithBridge(indexPath, harnessPaths.bridgeScript);
      return send(response, 200, 'text/html; charset=utf-8', html);
    }
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (!file) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    const type = mime.getType(file) ?? 'application/octet-stream';
    return send(
      response,
      200,
      type.startsWith('text/') || type.endsWith('javascript') ? `${type}; charset=utf-8` : type,
      await readFile(file),
    );
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    entryUrl: `${origin}/?token=${options.token}`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        for (const end of streams) end();
        streams.clear();
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

function forbidden(response: ServerResponse): void {
  send(response, 403, 'text/plain; charset=utf-8', 'Forbidden: this harness needs its per-run token.');
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...baseHeaders,
    ...extraHeaders,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The request body as text, or null once it passes the cap (the rest is not buffered). */
async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  // destroyOnReturn false: stopping early must not tear down the socket before the 413 is written.
  for await (const chunk of request.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
