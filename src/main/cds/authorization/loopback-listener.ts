import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// The loopback redirect of a native app (RFC 8252 §7.3, SECURITY.md "OAuth as a native client"):
// bound to 127.0.0.1 only, on an ephemeral port, listening only while one authorization runs,
// answering exactly one callback on its own path, then closing. A timeout or a cancel closes it too.

/** What the browser shows after the redirect. */
export interface CallbackPage {
  readonly ok: boolean;
  readonly title: string;
  readonly message: string;
}

export interface CallbackHandling<T> {
  readonly page: CallbackPage;
  readonly outcome:
    | { readonly ok: true; readonly value: T }
    | { readonly ok: false; readonly error: unknown };
}

export interface LoopbackListenerOptions<T> {
  /** The redirect path, distinct per Server: `/cds/<server-id>/callback`. */
  readonly path: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Reads the one callback (its query) into a result and the page to show. Runs once. */
  readonly handle: (query: URLSearchParams) => CallbackHandling<T>;
  /** The error to reject with on timeout / cancel. */
  readonly onTimeout: () => unknown;
  readonly onCancel: () => unknown;
}

export interface LoopbackListener<T> {
  readonly port: number;
  /** `http://127.0.0.1:<port><path>`: the redirect_uri of this flow. */
  readonly redirectUri: string;
  /** Settles once: with the callback's result, or on timeout / cancel. The listener is closed by then. */
  readonly result: Promise<T>;
  /** True until the listener has closed. */
  isOpen(): boolean;
  /** Stops listening now (idempotent); a pending result rejects with `onCancel()`. */
  close(): Promise<void>;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const pageHtml = (page: CallbackPage): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title>` +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}</style></head>' +
  `<body><h1>${escapeHtml(page.title)}</h1><p${page.ok ? '' : ' role="alert"'}>${escapeHtml(page.message)}</p>` +
  '<p>You can close this window and return to CDS Companion.</p></body></html>';

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page carries no script and loads nothing.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(html);
}

/** Starts listening on 127.0.0.1 and an ephemeral port. */
export async function startLoopbackListener<T>(
  options: LoopbackListenerOptions<T>,
): Promise<LoopbackListener<T>> {
  let settle: { resolve: (value: T) => void; reject: (error: unknown) => void } | undefined;
  const result = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A flow that is never awaited must not crash the process with an unhandled rejection.
  result.catch(() => undefined);
  let answered = false;
  let open = true;
  let timer: NodeJS.Timeout | undefined;

  const server = createServer({ keepAlive: false }, (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== options.path) {
      // A favicon request or a stray visit is not the callback: it does not use up the listener.
      send(
        response,
        404,
        pageHtml({ ok: false, title: 'Not found', message: 'This address is not in use.' }),
      );
      return;
    }
    if (answered) {
      send(
        response,
        409,
        pageHtml({ ok: false, title: 'Already answered', message: 'This sign-in was already handled.' }),
      );
      return;
    }
    answered = true;
    let handling: CallbackHandling<T>;
    try {
      handling = options.handle(url.searchParams);
    } catch (error) {
      handling = {
        page: { ok: false, title: 'Authorization failed', message: 'The answer could not be read.' },
        outcome: { ok: false, error },
      };
    }
    response.on('finish', () => {
      void finish(handling.outcome);
    });
    send(response, handling.page.ok ? 200 : 400, pageHtml(handling.page));
  });

  const stop = (): Promise<void> => {
    if (!open) return Promise.resolve();
    open = false;
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    return new Promise((resolve) => {
      server.close(() => resolve());
      // No lingering keep-alive socket may keep the port reachable.
      server.closeAllConnections();
    });
  };

  const finish = async (outcome: CallbackHandling<T>['outcome']) => {
    await stop();
    if (outcome.ok) settle?.resolve(outcome.value);
    else settle?.reject(outcome.error);
  };

  const onAbort = () => {
    answered = true;
    void stop().then(() => settle?.reject(options.onCancel()));
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // RFC 8252 §8.3: the loopback IP literal, never "localhost", never another interface.
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  if (options.signal?.aborted) {
    onAbort();
  } else {
    options.signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => {
      answered = true;
      void stop().then(() => settle?.reject(options.onTimeout()));
    }, options.timeoutMs);
    timer.unref?.();
  }

  return {
    port,
    redirectUri: `http://127.0.0.1:${port}${options.path}`,
    result,
    isOpen: () => open,
    close: async () => {
      if (!open) return;
      answered = true;
      await stop();
      settle?.reject(options.onCancel());
    },
  };
}
