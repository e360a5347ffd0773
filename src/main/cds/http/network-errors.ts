import { CdsError, NetworkError, type NetworkFailure, type ServerRef } from '../errors';

// undici and Node socket error codes, mapped to what a person can act on.
const codeFailures: Record<string, NetworkFailure> = {
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'connection-refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'truncated',
  UND_ERR_ABORTED: 'aborted',
  ABORT_ERR: 'aborted',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'too-large',
};

const tlsCode =
  /^(?:CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(?:VERIFY|GET)_)/;

const errorCode = (error: unknown): string | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return undefined;
};

/** Classifies a thrown transport error. */
export const classifyNetworkFailure = (error: unknown): NetworkFailure => {
  const code = errorCode(error);
  if (code !== undefined) {
    const known = codeFailures[code];
    if (known) return known;
    if (tlsCode.test(code)) return 'tls';
  }
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  return 'other';
};

/** Failures before any answer that a retry of an idempotent request may cure. */
export const isTransientFailure = (failure: NetworkFailure): boolean =>
  failure === 'reset' || failure === 'timeout';

export interface TransportContext {
  readonly server: ServerRef;
  readonly step: string;
  readonly method: string;
  readonly url: string;
  readonly secrets?: readonly string[];
}

/** Wraps anything thrown by the transport into a NetworkError (a CdsError passes through). */
export const toNetworkError = (error: unknown, context: TransportContext): CdsError => {
  if (error instanceof CdsError) return error;
  const failure = classifyNetworkFailure(error);
  const code = errorCode(error);
  return new NetworkError({
    server: context.server,
    step: context.step,
    failure,
    method: context.method,
    url: context.url,
    secrets: context.secrets,
    detail: `${context.method} ${context.url}: ${code ?? (error instanceof Error ? error.name : 'error')}${
      error instanceof Error ? ` ${error.message}` : ''
    }`,
    cause: error,
  });
};
