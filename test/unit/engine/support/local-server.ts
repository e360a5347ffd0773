import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

// A scripted HTTP server on 127.0.0.1 with an ephemeral port, recording every request it gets.

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Handler = (
  request: IncomingMessage & { readonly body: string },
  response: ServerResponse,
) => void | Promise<void>;

export interface LocalServer {
  readonly url: string;
  readonly origin: string;
  readonly requests: RecordedRequest[];
  route(path: string, handler: Handler): void;
  hits(path: string): number;
  close(): Promise<void>;
}

export const json = (response: ServerResponse, status: number, value: unknown, headers = {}) => {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body);
};

const serve = async (server: Server | TlsServer, scheme: 'http' | 'https'): Promise<LocalServer> => {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      requests.push({
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        headers: request.headers,
        body,
      });
      const handler = routes.get(path);
      if (!handler) {
        json(response, 404, { error: 'not_found' });
        return;
      }
      Promise.resolve(handler(Object.assign(request, { body }), response)).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${scheme}://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    requests,
    route: (path, handler) => {
      routes.set(path, handler);
    },
    hits: (path) => requests.filter((r) => (r.path.split('?')[0] ?? '') === path).length,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export const startLocalServer = (): Promise<LocalServer> => serve(createServer(), 'http');

export const startLocalTlsServer = (tls: { key: string; cert: string }): Promise<LocalServer> =>
  serve(createTlsServer({ key: tls.key, cert: tls.cert }), 'https');
