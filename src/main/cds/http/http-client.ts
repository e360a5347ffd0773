import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { CdsError, NetworkError, type ServerRef } from '../errors';
import { redactUrl } from '../redact';
import type { ActivityListener } from './activity';
import { BodyTooLargeError, createByteLimit } from './capped-body';
import { errorForStatus, parseJsonBody, validateWithSchema } from './json-response';
import { classifyNetworkFailure, isTransientFailure, toNetworkError } from './network-errors';
import {
  backoffDelay,
  defaultRetryOptions,
  isIdempotentMethod,
  isRetryableStatus,
  parseRetryAfter,
  type RetryOptions,
} from './retry-policy';
import { requireSecureUrl } from './url-policy';

// One undici Agent per app (DESIGN.md "Dependencies"): keep-alive, connect/header/body timeouts,
// response size caps, bounded retries for idempotent requests, a User-Agent with the version and
// an optional extra CA (the sandbox's --tls). TLS verification is never turned off: the extra CA
// is added to Node's roots, nothing else changes (SECURITY.md "TLS verification never disabled").

/** How much of a response body may wait in memory between the socket and its reader. */
const bodyBufferBytes = 1024 * 1024;

export interface HttpTimeouts {
  /** TCP + TLS handshake. */
  readonly connectMs: number;
  /** From sending the request to the end of the answer's headers. */
  readonly headersMs: number;
  /** Longest silence while the body is streaming. */
  readonly bodyMs: number;
}

export const defaultTimeouts: HttpTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

export interface HttpClientOptions {
  /** `CDS-Companion/<version>`; see `companionUserAgent`. */
  readonly userAgent: string;
  /** A PEM file of extra trusted CAs, added to (never replacing) the system roots. */
  readonly caFile?: string;
  readonly timeouts?: Partial<HttpTimeouts>;
  /** Default cap for any response body; JSON helpers and `fetch` always apply it. */
  readonly maxResponseBytes?: number;
  readonly retry?: Partial<RetryOptions>;
  readonly onActivity?: ActivityListener;
  readonly maxRedirects?: number;
  /** Jitter source (tests make it deterministic). */
  readonly random?: () => number;
}

export interface RequestContext {
  readonly server: ServerRef;
  /** Words completing "while ...": "reading the coverage listing". */
  readonly step: string;
  /** Secret values in scope (removed from any error text). Tokens passed as `bearer` are added. */
  readonly secrets?: readonly string[];
}

export interface RequestOptions extends RequestContext {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Sent as `Authorization: Bearer …` (RFC 6750 §2.1); dropped on a cross-origin redirect. */
  readonly bearer?: string;
  /** Body cap for this request; defaults to the client's maxResponseBytes. */
  readonly maxBytes?: number;
  /** false disables retries; by default idempotent methods are retried. */
  readonly retry?: boolean;
  /** Follow 301/302/303/307/308 for GET and HEAD (cds-wg1-01 §5 server migration). Default true. */
  readonly followRedirects?: boolean;
  readonly signal?: AbortSignal;
}

export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A streamed answer. The body is capped and fails only with CdsErrors. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  /** The URL that answered (after redirects). */
  readonly url: string;
  /** The body as a stream. One reader per response: this, `readChunks`, `bytes`/`text` or `dump`. */
  readonly body: Readable;
  /**
   * Hands the body to `onChunk` chunk by chunk as it comes off the socket, with no stream in
   * between (bench: download): the cap is checked before each chunk is handed over, and a promise
   * returned by `onChunk` pauses the socket until it settles. Resolves with the byte count at the
   * end; rejects with a CdsError, or with what `onChunk` threw or rejected with, and discards the rest.
   */
  readChunks(onChunk: (chunk: Buffer) => Promise<void> | undefined): Promise<number>;
  header(name: string): string | undefined;
  bytes(): Promise<Buffer>;
  text(): Promise<string>;
  /** Discards the body so the connection can be reused. */
  dump(): Promise<void>;
  /** Drops the body unread and closes its connection (for a body not worth reading to its end). */
  discard(): void;
}

export interface JsonOptions<S extends z.ZodType> extends RequestContext {
  readonly schema: S;
  /** Names the object in errors: "the CDS server metadata". */
  readonly what: string;
  readonly bearer?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly maxBytes?: number;
  readonly retry?: boolean;
  readonly signal?: AbortSignal;
}

/** A WHATWG-compatible fetch, for oauth4webapi's `customFetch`. */
export type FetchFunction = (input: string | URL, init?: FetchInit) => Promise<Response>;

export interface FetchInit {
  readonly method?: string;
  readonly headers?: ConstructorParameters<typeof Headers>[0];
  readonly body?: string | URLSearchParams | Uint8Array | null;
  readonly redirect?: 'follow' | 'manual' | 'error';
  readonly signal?: AbortSignal | null;
}

export interface HttpClient {
  getJson<S extends z.ZodType>(url: string | URL, options: JsonOptions<S>): Promise<z.output<S>>;
  sendJson<S extends z.ZodType>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string | URL,
    body: unknown,
    options: JsonOptions<S>,
  ): Promise<z.output<S>>;
  /** Raw request: any status is returned (after retries); the body streams under its cap. */
  request(url: string | URL, options: RequestOptions): Promise<HttpResponse>;
  /** fetch for oauth4webapi, reported under the given Server and step. */
  fetchFor(context: RequestContext): FetchFunction;
  /** fetch for oauth4webapi; the Server is named by the URL's host. */
  readonly fetch: FetchFunction;
  readonly userAgent: string;
  close(): Promise<void>;
}

/** `CDS-Companion/0.1.0 (+https://github.com/...)`-style product token (RFC 9110 §10.1.5). */
export const companionUserAgent = (version: string): string =>
  `CDS-Companion/${version} (Connected Data Specifications client)`;

const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

const firstHeader = (headers: ResponseHeaders, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (ms <= 0) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

const headersFromInit = (init: ConstructorParameters<typeof Headers>[0]): Record<string, string> => {
  const result: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    result[name] = value;
  });
  return result;
};

/** Creates the app's HTTP client around one keep-alive undici Agent. */
export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  const timeouts: HttpTimeouts = { ...defaultTimeouts, ...options.timeouts };
  const retryOptions: RetryOptions = { ...defaultRetryOptions, ...options.retry };
  const maxResponseBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const random = options.random ?? Math.random;
  const extraCa = options.caFile === undefined ? undefined : readFileSync(options.caFile, 'utf8');
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    connections: 16,
    connect: {
      timeout: timeouts.connectMs,
      ...(extraCa === undefined ? {} : { ca: [...rootCertificates, extraCa] }),
    },
  });

  const report = (
    context: RequestContext,
    method: string,
    url: URL,
    status: number | null,
    started: number,
    attempt: number,
    failure?: string,
  ) => {
    if (!options.onActivity) return;
    try {
      options.onActivity({
        ...(context.server.id === undefined ? {} : { serverId: context.server.id }),
        serverName: context.server.name,
        method,
        url: redactUrl(url),
        status,
        durationMs: Math.max(0, Math.round(performance.now() - started)),
        step: context.step,
        attempt,
        ...(failure === undefined ? {} : { failure }),
      });
    } catch {
      // A failing listener must never break a request.
    }
  };

  const wrapResponse = (
    data: Dispatcher.ResponseData,
    url: URL,
    method: string,
    context: RequestContext,
    maxBytes: number,
    secrets: readonly string[],
  ): HttpResponse => {
    const transport = { server: context.server, step: context.step, method, url: redactUrl(url), secrets };
    const source = data.body;
    const tooLarge = () =>
      new NetworkError({
        ...transport,
        failure: 'too-large',
        detail: `${method} ${transport.url}: body over ${maxBytes} bytes`,
      });
    const truncated = (detail?: string) =>
      new NetworkError({ ...transport, failure: 'truncated', ...(detail === undefined ? {} : { detail }) });
    // The body's failure, as the CdsError every reader gets. The body may fail before anyone reads
    // it (a declared Content-Length over the cap fails it at once; a reset can come while the caller
    // is still looking at the status): without a listener that 'error' event would escape as an
    // uncaught exception, so this one is attached for the body's whole life.
    let failure: CdsError | undefined;
    source.on('error', (error: unknown) => {
      if (failure !== undefined) return;
      if (error instanceof CdsError) {
        failure = error;
        return;
      }
      // An error after the headers means the body did not arrive whole.
      const mapped = toNetworkError(error, transport);
      const kind = classifyNetworkFailure(error);
      failure =
        mapped instanceof NetworkError && (kind === 'reset' || kind === 'other')
          ? truncated(mapped.detail)
          : mapped;
    });
    const declared = Number.parseInt(firstHeader(data.headers, 'content-length') ?? '', 10);
    if (Number.isFinite(declared) && declared > maxBytes) {
      // Refused before a single byte is buffered.
      failure = tooLarge();
      source.destroy(failure);
    }

    let reader: 'stream' | 'chunks' | undefined;
    const claim = (kind: 'stream' | 'chunks'): Error | undefined => {
      if (reader !== undefined) return new Error(`the response body is already being read (${reader})`);
      reader = kind;
      return undefined;
    };

    // The cap is counted here, in the one place every byte passes (bytes(), dump() and downloads).
    const readChunks = (onChunk: (chunk: Buffer) => Promise<void> | undefined): Promise<number> =>
      new Promise<number>((resolve, reject) => {
        const claimed = claim('chunks');
        if (claimed) {
          reject(claimed);
          return;
        }
        let received = 0;
        let done = false;
        const finish = (error?: unknown) => {
          if (done) return;
          done = true;
          source.off('data', onData);
          source.off('end', onEnd);
          source.off('error', onError);
          source.off('close', onClose);
          if (error === undefined) {
            resolve(received);
            return;
          }
          if (!source.destroyed) source.destroy();
          reject(error);
        };
        const onData = (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBytes) {
            failure ??= tooLarge();
            finish(failure);
            return;
          }
          let pending: Promise<void> | undefined;
          try {
            pending = onChunk(chunk);
          } catch (error) {
            finish(error);
            return;
          }
          if (pending === undefined) return;
          source.pause();
          pending.then(() => {
            if (!done) source.resume();
          }, finish);
        };
        const onEnd = () => finish();
        const onError = () => finish(failure);
        // Closed with neither an end nor an error: the body did not arrive whole.
        const onClose = () => finish(failure ?? truncated());
        // A body destroyed a moment ago still has its 'error' to come; one already closed does not.
        if (failure !== undefined || source.closed) {
          finish(failure ?? truncated());
          return;
        }
        source.on('data', onData);
        source.on('end', onEnd);
        source.on('error', onError);
        source.on('close', onClose);
      });

    // A stream reader gets a capped pass-through; created only when asked for, so the other
    // readers pay for no stream in between.
    let stream: Readable | undefined;
    const streamBody = (): Readable => {
      if (stream !== undefined) return stream;
      const limited = createByteLimit(maxBytes, tooLarge, bodyBufferBytes);
      stream = limited;
      // Same as above: a failure waits in `errored` for for-await, `pipeline` and the like.
      limited.on('error', () => undefined);
      const claimed = claim('stream');
      if (claimed) {
        limited.destroy(claimed);
        return limited;
      }
      if (failure !== undefined || source.closed) {
        limited.destroy(failure ?? truncated());
        return limited;
      }
      source.on('error', () => limited.destroy(failure));
      limited.on('close', () => {
        if (!source.destroyed) source.destroy();
      });
      source.pipe(limited);
      return limited;
    };

    const bytes = async () => {
      const chunks: Buffer[] = [];
      try {
        await readChunks((chunk) => {
          chunks.push(chunk);
          return undefined;
        });
      } catch (error) {
        throw error instanceof CdsError ? error : toNetworkError(error, transport);
      }
      return Buffer.concat(chunks);
    };
    return {
      status: data.statusCode,
      headers: data.headers,
      url: url.toString(),
      get body() {
        return streamBody();
      },
      readChunks,
      header: (name) => firstHeader(data.headers, name),
      bytes,
      text: async () => (await bytes()).toString('utf8'),
      discard: () => {
        stream?.destroy();
        if (!source.destroyed) source.destroy();
      },
      dump: async () => {
        // Any failure (the cap, a reset) also ends the body: that is all a dump waits for.
        if (stream === undefined) {
          await readChunks(() => undefined).catch(() => undefined);
          return;
        }
        const started = stream;
        started.resume();
        await new Promise<void>((resolve) => {
          if (started.destroyed || started.readableEnded) {
            resolve();
            return;
          }
          started.once('close', resolve);
          started.once('end', resolve);
          started.once('error', () => resolve());
        });
      },
    };
  };

  /** One request with redirects followed, no retries. */
  const once = async (
    start: URL,
    requestOptions: RequestOptions,
    method: string,
    attempt: number,
    secrets: readonly string[],
  ): Promise<HttpResponse> => {
    let url = start;
    let bearer = requestOptions.bearer;
    const follow = requestOptions.followRedirects ?? (method === 'GET' || method === 'HEAD');
    for (let hop = 0; ; hop += 1) {
      const headers: Record<string, string> = {
        'user-agent': options.userAgent,
        ...Object.fromEntries(
          Object.entries(requestOptions.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        ),
      };
      if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
      const started = performance.now();
      let data: Dispatcher.ResponseData;
      try {
        data = await agent.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: method as Dispatcher.HttpMethod,
          headers,
          body: requestOptions.body ?? null,
          signal: requestOptions.signal ?? null,
          // Bigger reads for large bodies (streamed downloads); small JSON answers are unaffected.
          highWaterMark: bodyBufferBytes,
        });
      } catch (error) {
        const failure = error instanceof BodyTooLargeError ? 'too-large' : classifyNetworkFailure(error);
        report(requestOptions, method, url, null, started, attempt, failure);
        throw toNetworkError(error, {
          server: requestOptions.server,
          step: requestOptions.step,
          method,
          url: redactUrl(url),
          secrets,
        });
      }
      report(requestOptions, method, url, data.statusCode, started, attempt);
      const location = firstHeader(data.headers, 'location');
      if (!follow || !redirectStatuses.has(data.statusCode) || location === undefined) {
        return wrapResponse(
          data,
          url,
          method,
          requestOptions,
          requestOptions.maxBytes ?? maxResponseBytes,
          secrets,
        );
      }
      data.body.resume();
      data.body.on('error', () => undefined);
      if (hop >= maxRedirects) {
        throw new NetworkError({
          server: requestOptions.server,
          step: requestOptions.step,
          failure: 'too-many-redirects',
          method,
          url: redactUrl(start),
          secrets,
        });
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new NetworkError({
          server: requestOptions.server,
          step: requestOptions.step,
          failure: 'other',
          method,
          url: redactUrl(url),
          secrets,
          detail: 'redirect to an invalid address',
        });
      }
      // Each hop must itself be https (or loopback http); credentials never follow to another origin.
      next = requireSecureUrl(next, requestOptions);
      if (next.origin !== url.origin) bearer = undefined;
      url = next;
    }
  };

  const request = async (input: string | URL, requestOptions: RequestOptions): Promise<HttpResponse> => {
    const url = requireSecureUrl(input, requestOptions);
    const method = (requestOptions.method ?? 'GET').toUpperCase();
    const secrets = [
      ...(requestOptions.secrets ?? []),
      ...(requestOptions.bearer ? [requestOptions.bearer] : []),
    ];
    const retrying = requestOptions.retry !== false && isIdempotentMethod(method);
    const attempts = retrying ? Math.max(1, retryOptions.attempts) : 1;
    for (let attempt = 1; ; attempt += 1) {
      let response: HttpResponse;
      try {
        response = await once(url, requestOptions, method, attempt, secrets);
      } catch (error) {
        if (
          attempt < attempts &&
          error instanceof NetworkError &&
          isTransientFailure(error.failure) &&
          !requestOptions.signal?.aborted
        ) {
          await sleep(backoffDelay(attempt, retryOptions, random), requestOptions.signal ?? undefined);
          continue;
        }
        throw error;
      }
      if (attempt >= attempts || !isRetryableStatus(response.status)) return response;
      const retryAfter = parseRetryAfter(response.headers['retry-after'], Date.now());
      if (retryAfter !== undefined && retryAfter > retryOptions.maxRetryAfterMs) return response;
      await response.dump();
      await sleep(
        retryAfter ?? backoffDelay(attempt, retryOptions, random),
        requestOptions.signal ?? undefined,
      );
    }
  };

  const readJson = async <S extends z.ZodType>(
    url: string | URL,
    method: string,
    body: string | undefined,
    jsonOptions: JsonOptions<S>,
  ): Promise<z.output<S>> => {
    const secrets = [...(jsonOptions.secrets ?? []), ...(jsonOptions.bearer ? [jsonOptions.bearer] : [])];
    const context = { server: jsonOptions.server, step: jsonOptions.step, secrets };
    const response = await request(url, {
      ...jsonOptions,
      secrets,
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...jsonOptions.headers,
      },
      ...(body === undefined ? {} : { body }),
    });
    const payload = await response.bytes();
    if (response.status < 200 || response.status > 299) {
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], Date.now());
      throw errorForStatus({
        ...context,
        status: response.status,
        method,
        url: redactUrl(response.url),
        body: payload,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    const value =
      payload.length === 0 && nullBodyStatuses.has(response.status)
        ? undefined
        : parseJsonBody(payload, jsonOptions.what, context);
    return validateWithSchema(jsonOptions.schema, value, jsonOptions.what, context);
  };

  const fetchFor =
    (context?: RequestContext): FetchFunction =>
    async (input, init = {}) => {
      const url = new URL(String(input));
      const requestContext: RequestContext = context ?? {
        server: { name: url.hostname },
        step: 'talking to the authorization server',
      };
      const body =
        init.body === undefined || init.body === null
          ? undefined
          : init.body instanceof URLSearchParams
            ? init.body.toString()
            : init.body;
      const headers = headersFromInit(init.headers);
      const response = await request(url, {
        ...requestContext,
        method: init.method ?? 'GET',
        headers,
        ...(body === undefined ? {} : { body }),
        followRedirects: init.redirect === 'follow',
        ...(init.signal ? { signal: init.signal } : {}),
      });
      const payload = await response.bytes();
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
      }
      if (response.status < 200 || response.status > 599) {
        throw new NetworkError({
          ...requestContext,
          failure: 'other',
          method: init.method ?? 'GET',
          url: redactUrl(url),
          detail: `unusable HTTP status ${response.status}`,
        });
      }
      return new Response(nullBodyStatuses.has(response.status) ? null : payload, {
        status: response.status,
        headers: responseHeaders,
      });
    };

  return {
    getJson: (url, jsonOptions) => readJson(url, 'GET', undefined, jsonOptions),
    sendJson: (method, url, body, jsonOptions) =>
      readJson(url, method, body === undefined ? undefined : JSON.stringify(body), jsonOptions),
    request,
    fetchFor,
    fetch: fetchFor(),
    userAgent: options.userAgent,
    close: () => agent.close(),
  };
};
