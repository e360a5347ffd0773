import { REDACTED, redactKnownPatterns, redactSecrets } from './redact';

// Every Server error and malformed response becomes a clear message naming the Server and the
// step (SECURITY.md "Data that must not be lost", CONTRIBUTING "Conventions"). `userMessage` is
// for a person who is not a developer; `detail` is for the activity log and bug reports. Both are
// redacted at construction, so no code path can leak a secret through an error.

/** Which Server a request or an error belongs to. `name` is what a person recognises. */
export interface ServerRef {
  readonly id?: string;
  readonly name: string;
}

export type CdsErrorKind =
  | 'discovery'
  | 'validation'
  | 'oauth'
  | 'http-status'
  | 'network'
  | 'insecure-url'
  | 'vault'
  | 'registration-field';

export interface CdsErrorOptions {
  readonly server: ServerRef | string;
  /** What the app was doing, as words that complete "while ...": "reading the server metadata". */
  readonly step: string;
  /** Developer-facing detail (redacted). */
  readonly detail?: string;
  /** Secret values in scope when the error happened; removed from every text field. */
  readonly secrets?: Iterable<string | undefined | null>;
  readonly cause?: unknown;
}

/** The IPC- and log-safe shape of an error. */
export interface CdsErrorJson {
  readonly kind: CdsErrorKind;
  readonly name: string;
  readonly server: string;
  readonly serverId?: string;
  readonly step: string;
  readonly userMessage: string;
  readonly detail?: string;
  readonly [extra: string]: unknown;
}

// Defensive: an error must be constructible whatever its caller passed.
const serverName = (server: ServerRef | string | undefined): string =>
  typeof server === 'string' ? server || 'the Server' : server?.name || server?.id || 'the Server';

const serverIdOf = (server: ServerRef | string | undefined): string | undefined =>
  typeof server === 'string' ? undefined : server?.id;

export abstract class CdsError extends Error {
  abstract readonly kind: CdsErrorKind;
  readonly server: string;
  readonly serverId?: string;
  readonly step: string;
  readonly userMessage: string;
  readonly detail?: string;

  protected constructor(problem: string, options: CdsErrorOptions) {
    const secrets = [...(options.secrets ?? [])];
    const name = redactSecrets(serverName(options.server), secrets);
    const step = redactSecrets(options.step, secrets);
    const userMessage = redactSecrets(`${name}: ${problem} (while ${step}).`, secrets);
    super(userMessage);
    this.name = new.target.name;
    this.server = name;
    const id = serverIdOf(options.server);
    if (id !== undefined) this.serverId = id;
    this.step = step;
    this.userMessage = userMessage;
    if (options.detail !== undefined) this.detail = redactSecrets(options.detail, secrets);
    // The cause is kept for debugging only when it cannot carry a secret into a log: a CdsError
    // is already redacted; anything else is reduced to its redacted message.
    if (options.cause instanceof CdsError) {
      this.cause = options.cause;
    } else if (options.cause !== undefined) {
      const text = options.cause instanceof Error ? `${options.cause.name}: ${options.cause.message}` : '';
      this.cause = text ? redactSecrets(text, secrets) : undefined;
    }
  }

  toJSON(): CdsErrorJson {
    return {
      kind: this.kind,
      name: this.name,
      server: this.server,
      ...(this.serverId === undefined ? {} : { serverId: this.serverId }),
      step: this.step,
      userMessage: this.userMessage,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...this.extraJson(),
    };
  }

  protected extraJson(): Record<string, unknown> {
    return {};
  }
}

/** The Server could not be found or its metadata does not describe a usable CDS Server. */
export class DiscoveryError extends CdsError {
  readonly kind = 'discovery' as const;
  constructor(problem: string, options: CdsErrorOptions) {
    super(problem, options);
  }
}

/** Something that looks like a zod/`parseCds` failure: a JSON path and a description. */
export interface ValidationIssueLike {
  readonly path: string;
  readonly message: string;
}

export interface ValidationErrorOptions extends CdsErrorOptions {
  /** What was being read: "the server metadata", "the token response". */
  readonly what: string;
  /** JSON path of the first offending value, "$.cds_scope_descriptions.x.type". */
  readonly path: string;
  readonly issues?: readonly ValidationIssueLike[];
}

/** A Server response (or a value read from disk) did not match its schema. */
export class ValidationError extends CdsError {
  readonly kind = 'validation' as const;
  readonly what: string;
  readonly path: string;
  readonly issues: readonly ValidationIssueLike[];
  constructor(options: ValidationErrorOptions) {
    const issues = (options.issues ?? []).slice(0, 20).map((issue) => ({
      path: redactKnownPatterns(issue.path),
      message: redactSecrets(issue.message, options.secrets ?? []),
    }));
    const first = issues[0];
    super(`${options.what} is not in the expected format at ${options.path}`, {
      ...options,
      detail:
        options.detail ??
        (first ? issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') : undefined),
    });
    this.what = options.what;
    this.path = options.path;
    this.issues = issues;
  }
  protected override extraJson(): Record<string, unknown> {
    return { what: this.what, path: this.path, issues: this.issues };
  }
}

export interface OAuthErrorOptions extends CdsErrorOptions {
  readonly error: string;
  readonly errorDescription?: string;
  readonly status?: number;
}

// RFC 6749 §5.2 and RFC 7591 §3.2.2 error codes, explained for a person.
const oauthExplanations: Record<string, string> = {
  invalid_client: 'the Server did not accept this app’s client ID or secret',
  invalid_grant: 'the Server no longer accepts this authorization',
  unauthorized_client: 'this client is not allowed to use this kind of request',
  unsupported_grant_type: 'the Server does not support this kind of token request',
  invalid_scope: 'the Server refused the requested scope',
  invalid_request: 'the Server rejected the request as malformed',
  invalid_authorization_details: 'the Server refused the requested authorization details',
  access_denied: 'access was denied',
  invalid_token: 'the access token was refused',
  invalid_client_metadata: 'the Server rejected a registration field',
  invalid_redirect_uri: 'the Server rejected the redirect address',
  temporarily_unavailable: 'the Server is temporarily unavailable',
  server_error: 'the Server reported an internal error',
};

/** An OAuth error response (RFC 6749 §5.2): `error` and `error_description` from the Server. */
export class OAuthError extends CdsError {
  readonly kind = 'oauth' as const;
  readonly error: string;
  readonly errorDescription?: string;
  readonly status?: number;
  constructor(options: OAuthErrorOptions) {
    const secrets = [...(options.secrets ?? [])];
    const error = redactSecrets(options.error, secrets).slice(0, 100);
    const description =
      options.errorDescription === undefined
        ? undefined
        : redactSecrets(options.errorDescription, secrets).slice(0, 300);
    const explanation = oauthExplanations[error] ?? `the Server answered with the OAuth error "${error}"`;
    super(description ? `${explanation}: ${description}` : explanation, { ...options, secrets });
    this.error = error;
    if (description !== undefined) this.errorDescription = description;
    if (options.status !== undefined) this.status = options.status;
  }
  protected override extraJson(): Record<string, unknown> {
    return { error: this.error, errorDescription: this.errorDescription, status: this.status };
  }
}

export interface HttpStatusErrorOptions extends CdsErrorOptions {
  readonly status: number;
  readonly method: string;
  /** Already redacted by the caller or redacted here. */
  readonly url: string;
  /** A short, redacted excerpt of the response body. */
  readonly bodyExcerpt?: string;
  readonly retryAfterMs?: number;
}

const statusExplanation = (status: number): string => {
  if (status === 400) return 'the Server rejected the request (400 Bad Request)';
  if (status === 401) return 'the Server did not accept the app’s credentials (401 Unauthorized)';
  if (status === 403) return 'the Server refused access (403 Forbidden)';
  if (status === 404) return 'the Server has nothing at that address (404 Not Found)';
  if (status === 409) return 'the Server reported a conflict (409 Conflict)';
  if (status === 413) return 'the Server refused the request as too large (413)';
  if (status === 429) return 'the Server is limiting requests; try again later (429 Too Many Requests)';
  if (status === 503) return 'the Server is temporarily unavailable (503 Service Unavailable)';
  if (status >= 500) return `the Server had an internal problem (HTTP ${status})`;
  if (status >= 300 && status < 400) return `the Server redirected the request unexpectedly (HTTP ${status})`;
  return `the Server answered with HTTP status ${status}`;
};

/** The Server answered with a status the step cannot use. */
export class HttpStatusError extends CdsError {
  readonly kind = 'http-status' as const;
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly bodyExcerpt?: string;
  readonly retryAfterMs?: number;
  constructor(options: HttpStatusErrorOptions) {
    const secrets = [...(options.secrets ?? [])];
    const url = redactSecrets(options.url, secrets);
    const excerpt =
      options.bodyExcerpt === undefined
        ? undefined
        : redactSecrets(options.bodyExcerpt, secrets).slice(0, 500);
    super(statusExplanation(options.status), {
      ...options,
      secrets,
      detail:
        options.detail ?? `${options.method} ${url} -> ${options.status}${excerpt ? `: ${excerpt}` : ''}`,
    });
    this.status = options.status;
    this.method = options.method;
    this.url = url;
    if (excerpt !== undefined) this.bodyExcerpt = excerpt;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
  protected override extraJson(): Record<string, unknown> {
    return { status: this.status, method: this.method, url: this.url };
  }
}

export type NetworkFailure =
  | 'timeout'
  | 'connection-refused'
  | 'dns'
  | 'tls'
  | 'reset'
  | 'too-large'
  | 'truncated'
  | 'too-many-redirects'
  | 'aborted'
  | 'other';

const networkExplanations: Record<NetworkFailure, string> = {
  timeout: 'the Server did not answer in time',
  'connection-refused': 'the Server refused the connection',
  dns: 'the Server’s address could not be found',
  tls: 'the Server’s secure connection could not be verified',
  reset: 'the connection to the Server was interrupted',
  'too-large': 'the Server’s response was larger than allowed',
  truncated: 'the Server’s response ended before it was complete',
  'too-many-redirects': 'the Server redirected too many times',
  aborted: 'the request was cancelled',
  other: 'the Server could not be reached',
};

export interface NetworkErrorOptions extends CdsErrorOptions {
  readonly failure: NetworkFailure;
  readonly method?: string;
  readonly url?: string;
}

/** Connection, TLS, timeout, size-cap and truncation failures. */
export class NetworkError extends CdsError {
  readonly kind = 'network' as const;
  readonly failure: NetworkFailure;
  readonly method?: string;
  readonly url?: string;
  constructor(options: NetworkErrorOptions) {
    super(networkExplanations[options.failure], options);
    this.failure = options.failure;
    if (options.method !== undefined) this.method = options.method;
    if (options.url !== undefined) this.url = redactSecrets(options.url, options.secrets ?? []);
  }
  protected override extraJson(): Record<string, unknown> {
    return { failure: this.failure, url: this.url };
  }
}

export interface InsecureUrlErrorOptions extends CdsErrorOptions {
  readonly url: string;
}

/** HTTPS to every Server endpoint except loopback (SECURITY.md "OAuth as a native client"). */
export class InsecureUrlError extends CdsError {
  readonly kind = 'insecure-url' as const;
  readonly url: string;
  constructor(options: InsecureUrlErrorOptions) {
    const url = redactSecrets(options.url, options.secrets ?? []);
    super(
      `the address ${url} is not a secure https:// address, so the app will not use it (only this computer’s own loopback addresses may use http://)`,
      options,
    );
    this.url = url;
  }
  protected override extraJson(): Record<string, unknown> {
    return { url: this.url };
  }
}

export interface VaultErrorOptions extends CdsErrorOptions {
  /** The vault's own code (src/main/vault VaultErrorCode: 'locked', 'unavailable', ...), or 'missing'. */
  readonly code?: string;
}

/**
 * The secret store failed or lacks a secret, told with the Server and the step. The vault itself
 * (src/main/vault) throws its own coded error without Server context; the engine wraps it here.
 */
export class VaultError extends CdsError {
  readonly kind = 'vault' as const;
  readonly code?: string;
  constructor(problem: string, options: VaultErrorOptions) {
    super(problem, options);
    if (options.code !== undefined) this.code = options.code;
  }
  protected override extraJson(): Record<string, unknown> {
    return { code: this.code };
  }
}

export const isCdsError = (value: unknown): value is CdsError => value instanceof CdsError;

/** Text safe for logs from any thrown value. */
export const describeError = (error: unknown, secrets: Iterable<string | undefined | null> = []): string => {
  if (error instanceof CdsError) return error.userMessage;
  if (error instanceof Error) return redactSecrets(`${error.name}: ${error.message}`, secrets);
  return REDACTED;
};
