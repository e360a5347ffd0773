import * as oauth from 'oauth4webapi';
import {
  CdsError,
  HttpStatusError,
  InsecureUrlError,
  NetworkError,
  OAuthError,
  type ServerRef,
  ValidationError,
  VaultError,
} from '../errors';
import type { HttpClient } from '../http/http-client';
import { isLoopbackHttpUrl } from '../http/url-policy';
import { redactUrl } from '../redact';
import type { SecretReader } from './vault-keys';

// The bridge to oauth4webapi (DESIGN.md: "do not hand-write what it does"): its requests run through
// the app's HTTP client (customFetch: one Agent, timeouts, caps, activity log), `allowInsecureRequests`
// only for loopback http, and every failure becomes a CdsError naming the Server and the step.
// The token manager and the later authorization-code flow (PAR, PKCE) share this.

/** The endpoints of one authorization server (RFC 8414 §2 names). */
export interface AuthorizationServerEndpoints {
  readonly issuer: string;
  readonly token_endpoint: string;
  readonly revocation_endpoint?: string;
  readonly introspection_endpoint?: string;
  readonly authorization_endpoint?: string;
  readonly pushed_authorization_request_endpoint?: string;
}

/** A Server as the token manager sees it. */
export interface TokenServer extends ServerRef {
  readonly id: string;
  readonly authorizationServer: AuthorizationServerEndpoints;
}

/** A Client Object as the token manager sees it (cds-wg1-02 §5.1). */
export interface TokenClient {
  readonly clientId: string;
  /** The vault key of its client secret; default `clientSecretKey(server.id, clientId)`. */
  readonly secretKey?: string;
  /** cds-wg1-02 §4.2: `client_secret_basic`; `client_secret_post` accepted too. */
  readonly tokenEndpointAuthMethod?: string | null;
  /** The Client Object's own (cds_server_metadata) authorization server, when it differs. */
  readonly authorizationServer?: AuthorizationServerEndpoints;
}

/** What oauth4webapi's customFetch receives (a subset of RequestInit). */
export interface OAuthFetchInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly redirect?: 'manual';
  readonly signal?: AbortSignal;
}

export interface OAuthRequestOptions {
  readonly [oauth.customFetch]: (url: string, init: OAuthFetchInit) => Promise<Response>;
  readonly [oauth.allowInsecureRequests]?: boolean;
}

export interface OAuthSession {
  readonly as: oauth.AuthorizationServer;
  readonly client: oauth.Client;
  readonly clientAuth: oauth.ClientAuth;
  /** Pass to every oauth4webapi request function. */
  readonly options: OAuthRequestOptions;
  /** The client secret, for redaction only. */
  readonly secrets: readonly string[];
}

const endpointKeys = [
  'issuer',
  'token_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'authorization_endpoint',
  'pushed_authorization_request_endpoint',
] as const;

/** Only the RFC 8414 members oauth4webapi uses: a full metadata object may be passed in. */
const pickEndpoints = (metadata: AuthorizationServerEndpoints): AuthorizationServerEndpoints => {
  const picked: Record<string, string> = {};
  for (const key of endpointKeys) {
    const value = metadata[key];
    if (typeof value === 'string') picked[key] = value;
  }
  return picked as unknown as AuthorizationServerEndpoints;
};

/**
 * True when the endpoints use http: and every one of them is loopback: the only case in which
 * oauth4webapi may be told to allow http (a non-loopback http endpoint stays refused).
 */
const loopbackHttpOnly = (endpoints: AuthorizationServerEndpoints): boolean => {
  const urls: URL[] = [];
  for (const value of Object.values(endpoints)) {
    if (typeof value !== 'string') continue;
    try {
      urls.push(new URL(value));
    } catch {
      return false;
    }
  }
  return (
    urls.some((url) => url.protocol === 'http:') &&
    urls.every((url) => url.protocol === 'https:' || isLoopbackHttpUrl(url))
  );
};

/** Reads a client secret, wrapping vault failures and a missing secret into a VaultError. */
export const readClientSecret = async (
  vault: SecretReader,
  key: string,
  server: ServerRef,
  clientId: string,
): Promise<string> => {
  const step = `reading the secret of client ${clientId}`;
  let secret: string | null;
  try {
    secret = await vault.get(key);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new VaultError('the secret store could not be read', {
      server,
      step,
      cause: error,
      ...(typeof code === 'string' ? { code } : {}),
    });
  }
  if (secret === null || secret.length === 0) {
    throw new VaultError(`no secret is saved for client ${clientId}; add or rotate its credential`, {
      server,
      step,
      code: 'missing',
    });
  }
  return secret;
};

/** Builds the oauth4webapi objects for one client of one Server. */
export const createOAuthSession = (
  http: HttpClient,
  server: TokenServer,
  client: TokenClient,
  secret: string,
  step: string,
): OAuthSession => {
  const endpoints = pickEndpoints(client.authorizationServer ?? server.authorizationServer);
  const as: oauth.AuthorizationServer = { ...endpoints };
  const clientAuth =
    client.tokenEndpointAuthMethod === 'client_secret_post'
      ? oauth.ClientSecretPost(secret)
      : oauth.ClientSecretBasic(secret);
  const fetch = http.fetchFor({ server, step, secrets: [secret] });
  return {
    as,
    client: { client_id: client.clientId },
    clientAuth,
    options: {
      [oauth.customFetch]: (url: string, init: OAuthFetchInit) =>
        fetch(url, {
          method: init.method,
          headers: init.headers,
          body: init.body as string | URLSearchParams | Uint8Array | null,
          ...(init.redirect === undefined ? {} : { redirect: init.redirect }),
          ...(init.signal === undefined ? {} : { signal: init.signal }),
        }),
      // oauth4webapi refuses http: unless told; only loopback (sandbox, development) is allowed,
      // and the HTTP client enforces the same rule on every request anyway.
      ...(loopbackHttpOnly(endpoints) ? { [oauth.allowInsecureRequests]: true } : {}),
    },
    secrets: [secret],
  };
};

const challengeError = (
  error: oauth.WWWAuthenticateChallengeError,
): { error: string; description?: string } => {
  const parameters = error.cause[0]?.parameters ?? {};
  return {
    error: typeof parameters.error === 'string' ? parameters.error : 'invalid_client',
    ...(typeof parameters.error_description === 'string'
      ? { description: parameters.error_description }
      : {}),
  };
};

/** Any failure of an oauth4webapi call, as a CdsError. */
export const toOAuthFailure = (
  error: unknown,
  context: {
    readonly server: ServerRef;
    readonly step: string;
    readonly what: string;
    readonly secrets: readonly string[];
  },
): CdsError => {
  if (error instanceof CdsError) return error;
  const { server, step, secrets } = context;
  if (error instanceof oauth.ResponseBodyError) {
    return new OAuthError({
      server,
      step,
      secrets,
      status: error.status,
      error: error.error,
      ...(error.error_description === undefined ? {} : { errorDescription: error.error_description }),
    });
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const challenge = challengeError(error);
    return new OAuthError({
      server,
      step,
      secrets,
      status: error.response.status,
      error: challenge.error,
      ...(challenge.description === undefined ? {} : { errorDescription: challenge.description }),
    });
  }
  if (
    error instanceof oauth.OperationProcessingError &&
    (error.code === oauth.HTTP_REQUEST_FORBIDDEN || error.code === oauth.REQUEST_PROTOCOL_FORBIDDEN)
  ) {
    return new InsecureUrlError({
      server,
      step,
      secrets,
      url: error.cause instanceof URL ? redactUrl(error.cause) : 'an endpoint',
    });
  }
  if (error instanceof oauth.OperationProcessingError || error instanceof oauth.UnsupportedOperationError) {
    return new ValidationError({
      server,
      step,
      secrets,
      what: context.what,
      path: '$',
      issues: [{ path: '$', message: error.message }],
    });
  }
  return new NetworkError({ server, step, secrets, failure: 'other', cause: error });
};

/**
 * Checks the raw answer before oauth4webapi reads it: a 5xx (or a non-JSON error page) is an
 * HttpStatusError, which oauth4webapi would report only as "unexpected response".
 */
export const rejectServerFailure = async (
  response: Response,
  context: {
    readonly server: ServerRef;
    readonly step: string;
    readonly secrets: readonly string[];
    readonly url: string;
  },
): Promise<void> => {
  if (response.status < 500) return;
  const body = await response
    .clone()
    .text()
    .catch(() => '');
  throw new HttpStatusError({
    server: context.server,
    step: context.step,
    secrets: context.secrets,
    status: response.status,
    method: 'POST',
    url: context.url,
    bodyExcerpt: body.slice(0, 300),
  });
};
