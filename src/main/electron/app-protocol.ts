import { readFile as fsReadFile } from 'node:fs/promises';
import { isAbsolute, join, posix, relative } from 'node:path';
import mime from 'mime';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { APP_RESPONSE_HEADERS } from './content-security-policy';

export type ReadFile = (path: string) => Promise<Uint8Array>;

/**
 * Maps an app:// request path to a file inside `rendererDir`, or null when it would escape it.
 * The URL parser already folds `..` and `%2e%2e` segments at the root; what survives it (`..%2f`
 * decoded to `../`, backslashes, drive letters, NUL) is refused here, and the final relative-path
 * check holds whatever slips past both. Pure, so the guard is tested on every platform.
 */
export function resolveRendererPath(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A backslash or a drive letter would be a separator or a root on Windows; NUL truncates paths.
  if (pathname.includes('\0') || pathname.includes('\\') || /^\/?[A-Za-z]:/.test(pathname)) return null;
  if (pathname.split('/').includes('..')) return null;
  const normalized = posix.normalize(pathname === '/' || pathname === '' ? '/index.html' : pathname);
  const candidate = join(rendererDir, ...normalized.split('/').filter((part) => part !== ''));
  const inside = relative(rendererDir, candidate);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return candidate;
}

/**
 * The app:// request handler for `protocol.handle` (Electron passes a WHATWG Request and takes a
 * Response): read-only, GET/HEAD only, every response carrying the CSP and hardening headers.
 */
export function createAppProtocolHandler(options: {
  rendererDir: string;
  readFile?: ReadFile;
}): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? fsReadFile;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method Not Allowed');
    }
    const path = resolveRendererPath(options.rendererDir, request.url);
    if (path === null) return textResponse(404, 'Not Found');
    let body: Uint8Array;
    try {
      body = await readFile(path);
    } catch {
      return textResponse(404, 'Not Found');
    }
    const headers = new Headers(APP_RESPONSE_HEADERS);
    headers.set('Content-Type', mime.getType(path) ?? 'application/octet-stream');
    headers.set('Content-Length', String(body.byteLength));
    return new Response(request.method === 'HEAD' ? null : Buffer.from(body), { status: 200, headers });
  };
}

function textResponse(status: number, text: string): Response {
  const headers = new Headers(APP_RESPONSE_HEADERS);
  headers.set('Content-Type', 'text/plain; charset=utf-8');
  return new Response(text, { status, headers });
}
