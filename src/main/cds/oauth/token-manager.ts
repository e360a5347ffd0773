import * as oauth from 'oauth4webapi';
import { CdsError, type CdsErrorJson, DiscoveryError, OAuthError, VaultError } from '../errors';
import type { HttpClient } from '../http/http-client';
import { isUnauthorized } from '../http/json-response';
import {
  createOAuthSession,
  type OAuthSession,
  readClientSecret,
  rejectServerFailure,
  type TokenClient,
  type TokenServer,
  toOAuthFailure,
} from './oauth-session';
import { clientSecretKey, refreshTokenKey, type SecretStore } from './vault-keys';

// Access tokens for every Client Object (SECURITY.md "tokens cached per client object and
// refreshed before expiry; a 401 triggers one re-fetch, not a loop"):
// - client_credentials (RFC 6749 §4.4) per Client Object and scope, cached in memory only;
// - Grant Admin tokens (cds-wg1-02 §3.3.2): client_credentials with `authorization_details`
//   [{type: <grant admin scope id>, client_id, grant_id}], cached per grant;
// - tokens of the authorization-code flow: handed in by that flow, refreshed with the refresh token
//   kept in the vault (RFC 6749 §6);
// - revocation (RFC 7009) of every token when a Server is removed; introspection (RFC 7662) for a
//   "token details" view. The client secret is read from the vault for each request and never kept.

export interface Clock {
  now(): number;
}

export interface TokenManagerOptions {
  readonly http: HttpClient;
  readonly vault: SecretStore;
  readonly clock?: Clock;
  /** Refresh this long before expiry (capped at half the token's lifetime). Default 60 s. */
  readonly refreshAheadMs?: number;
}

export type TokenRequest =
  | {
      readonly kind: 'client';
      readonly server: TokenServer;
      readonly client: TokenClient;
      readonly scope?: string;
    }
  | {
      readonly kind: 'grant-admin';
      readonly server: TokenServer;
      readonly client: TokenClient;
      /** The Grant Admin scope id (e.g. `cds_grant_admin_1`): the authorization details `type`. */
      readonly grantAdminScope: string;
      /** The Client Object the Grant belongs to. */
      readonly clientId: string;
      readonly grantId: string;
    }
  | {
      readonly kind: 'user';
      readonly server: TokenServer;
      readonly client: TokenClient;
      /** Identifies one authorization of the authorization-code flow (e.g. its Grant id). */
      readonly grantKey: string;
    };

export interface TokenStats {
  /** Requests to the token endpoint (client_credentials and refresh). */
  readonly tokenRequests: number;
  readonly refreshRequests: number;
  readonly revocationRequests: number;
  readonly introspectionRequests: number;
}

/** Token details for a person: no token value, ever. */
export interface TokenDetails {
  readonly active: boolean;
  readonly clientId?: string;
  readonly scope?: string;
  readonly tokenType?: string;
  readonly expiresAt?: string;
  readonly issuedAt?: string;
  readonly subject?: string;
  readonly issuer?: string;
  readonly authorizationDetails?: readonly unknown[];
  /** When this app will ask for a new token. */
  readonly refreshAt?: string;
}

export interface RevocationReport {
  readonly revoked: number;
  readonly failed: readonly CdsErrorJson[];
}

export interface TokenManager {
  getClientToken(
    server: TokenServer,
    client: TokenClient,
    options?: { readonly scope?: string },
  ): Promise<string>;
  getGrantAdminToken(
    server: TokenServer,
    grantAdminClient: TokenClient,
    options: { readonly grantAdminScope: string; readonly clientId: string; readonly grantId: string },
  ): Promise<string>;
  getUserToken(server: TokenServer, client: TokenClient, grantKey: string): Promise<string>;
  /** Any token request; the building block of the helpers above. */
  getToken(request: TokenRequest): Promise<string>;
  /** Runs `use` with a token; on a 401 fetches exactly one new token and tries once more. */
  withToken<T>(request: TokenRequest, use: (accessToken: string) => Promise<T>): Promise<T>;
  /** Accepts the tokens of an authorization-code exchange: caches the access token, vaults the refresh token. */
  storeUserTokens(
    server: TokenServer,
    client: TokenClient,
    grantKey: string,
    response: oauth.TokenEndpointResponse,
  ): Promise<void>;
  /** RFC 7662 introspection of the token this request would use. */
  introspect(request: TokenRequest): Promise<TokenDetails>;
  /** Forgets cached tokens: one request's, one client's, or a whole Server's. */
  invalidate(target: TokenRequest | { readonly serverId: string; readonly clientId?: string }): void;
  /**
   * Revokes every token of a Server (access and refresh), then forgets them locally whatever the
   * Server answered. `userGrants` names authorizations whose refresh tokens sit in the vault from an
   * earlier run. Deleting the Server's secrets stays with the caller (after this returns).
   */
  revokeAll(
    server: TokenServer,
    options?: {
      readonly userGrants?: readonly { readonly client: TokenClient; readonly grantKey: string }[];
    },
  ): Promise<RevocationReport>;
  /** OAuth plumbing for the authorization-code flow (PAR, PKCE) with the same transport and errors. */
  session(server: TokenServer, client: TokenClient, step: string): Promise<OAuthSession>;
  stats(): TokenStats;
}

interface CacheEntry {
  readonly key: string;
  readonly request: TokenRequest;
  readonly accessToken: string;
  /** Epoch ms after which a new token is fetched; null: until the Server refuses it. */
  readonly refreshAt: number | null;
  readonly expiresAt: number | null;
}

const sortedScope = (scope: string | undefined): string =>
  (scope ?? '')
    .split(' ')
    .filter((s) => s.length > 0)
    .sort()
    .join(' ');

export const tokenCacheKey = (request: TokenRequest): string => {
  const base = `${request.server.id}\u0000${request.client.clientId}`;
  switch (request.kind) {
    case 'client':
      return `client\u0000${base}\u0000${sortedScope(request.scope)}`;
    case 'grant-admin':
      return `grant-admin\u0000${base}\u0000${request.grantAdminScope}\u0000${request.clientId}\u0000${request.grantId}`;
    case 'user':
      return `user\u0000${base}\u0000${request.grantKey}`;
  }
};

const stepFor = (request: TokenRequest): string => {
  switch (request.kind) {
    case 'client':
      return `asking for an access token for client ${request.client.clientId}`;
    case 'grant-admin':
      return `asking for a Grant Admin token for grant ${request.grantId}`;
    case 'user':
      return `renewing the access token of client ${request.client.clientId}`;
  }
};

/** Creates the token manager. */
export const createTokenManager = (options: TokenManagerOptions): TokenManager => {
  const { http, vault } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const refreshAheadMs = options.refreshAheadMs ?? 60_000;
  const cache = new Map<string, CacheEntry>();
  const inflight = new Map<string, Promise<CacheEntry>>();
  const counters = { tokenRequests: 0, refreshRequests: 0, revocationRequests: 0, introspectionRequests: 0 };

  const secretKeyOf = (server: TokenServer, client: TokenClient) =>
    client.secretKey ?? clientSecretKey(server.id, client.clientId);

  const session = async (server: TokenServer, client: TokenClient, step: string): Promise<OAuthSession> => {
    const secret = await readClientSecret(vault, secretKeyOf(server, client), server, client.clientId);
    return createOAuthSession(http, server, client, secret, step);
  };

  const entryFrom = (request: TokenRequest, response: oauth.TokenEndpointResponse): CacheEntry => {
    const now = clock.now();
    const lifetimeMs =
      typeof response.expires_in === 'number' && response.expires_in > 0 ? response.expires_in * 1000 : null;
    return {
      key: tokenCacheKey(request),
      request,
      accessToken: response.access_token,
      expiresAt: lifetimeMs === null ? null : now + lifetimeMs,
      // Refresh ahead of expiry, but never sooner than half-way through a short-lived token.
      refreshAt: lifetimeMs === null ? null : now + Math.max(lifetimeMs - refreshAheadMs, lifetimeMs / 2),
    };
  };

  const tokenEndpointOf = (request: TokenRequest) =>
    (request.client.authorizationServer ?? request.server.authorizationServer).token_endpoint;

  const requestClientCredentials = async (request: Exclude<TokenRequest, { kind: 'user' }>) => {
    const step = stepFor(request);
    const s = await session(request.server, request.client, step);
    const parameters: Record<string, string> = {};
    if (request.kind === 'client') {
      const scope = sortedScope(request.scope);
      if (scope) parameters.scope = scope;
    } else {
      // cds-wg1-02 §3.3.2: one entry, type = the Grant Admin scope id, with client_id and grant_id.
      parameters.authorization_details = JSON.stringify([
        { type: request.grantAdminScope, client_id: request.clientId, grant_id: request.grantId },
      ]);
    }
    const context = { server: request.server, step, what: 'the token response', secrets: s.secrets };
    try {
      counters.tokenRequests += 1;
      const response = await oauth.clientCredentialsGrantRequest(
        s.as,
        s.client,
        s.clientAuth,
        parameters,
        s.options,
      );
      await rejectServerFailure(response, { ...context, url: tokenEndpointOf(request) });
      return await oauth.processClientCredentialsResponse(s.as, s.client, response);
    } catch (error) {
      throw toOAuthFailure(error, context);
    }
  };

  const requestRefresh = async (request: Extract<TokenRequest, { kind: 'user' }>) => {
    const step = stepFor(request);
    const key = refreshTokenKey(request.server.id, request.client.clientId, request.grantKey);
    let refreshToken: string | null;
    try {
      refreshToken = await vault.get(key);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new VaultError('the secret store could not be read', {
        server: request.server,
        step,
        cause: error,
        ...(typeof code === 'string' ? { code } : {}),
      });
    }
    if (refreshToken === null) {
      throw new OAuthError({
        server: request.server,
        step,
        error: 'invalid_grant',
        errorDescription: 'no refresh token is saved for this authorization; authorize again',
      });
    }
    const s = await session(request.server, request.client, step);
    const context = {
      server: request.server,
      step,
      what: 'the token response',
      secrets: [...s.secrets, refreshToken],
    };
    try {
      counters.tokenRequests += 1;
      counters.refreshRequests += 1;
      const response = await oauth.refreshTokenGrantRequest(
        s.as,
        s.client,
        s.clientAuth,
        refreshToken,
        s.options,
      );
      await rejectServerFailure(response, { ...context, url: tokenEndpointOf(request) });
      const result = await oauth.processRefreshTokenResponse(s.as, s.client, response);
      // RFC 6749 §6 / RFC 9700 §4.14: a rotated refresh token replaces the old one.
      if (typeof result.refresh_token === 'string' && result.refresh_token !== refreshToken) {
        await vault.set(key, result.refresh_token);
      }
      return result;
    } catch (error) {
      const failure = toOAuthFailure(error, context);
      // A refresh token the Server no longer accepts is useless: forget it.
      if (failure instanceof OAuthError && failure.error === 'invalid_grant')
        await vault.delete(key).catch(() => {});
      throw failure;
    }
  };

  const fetchEntry = (request: TokenRequest): Promise<CacheEntry> => {
    const key = tokenCacheKey(request);
    const running = inflight.get(key);
    if (running) return running;
    const started = (async () => {
      const response =
        request.kind === 'user' ? await requestRefresh(request) : await requestClientCredentials(request);
      if (response.token_type !== 'bearer') {
        throw new DiscoveryError(
          `the Server issued a "${response.token_type}" token, which this app cannot use`,
          {
            server: request.server,
            step: stepFor(request),
            secrets: [response.access_token],
          },
        );
      }
      const entry = entryFrom(request, response);
      cache.set(key, entry);
      return entry;
    })().finally(() => inflight.delete(key));
    inflight.set(key, started);
    return started;
  };

  const currentEntry = async (request: TokenRequest): Promise<CacheEntry> => {
    const cached = cache.get(tokenCacheKey(request));
    if (cached && (cached.refreshAt === null || clock.now() < cached.refreshAt)) return cached;
    return fetchEntry(request);
  };

  const getToken = async (request: TokenRequest): Promise<string> =>
    (await currentEntry(request)).accessToken;

  const withToken = async <T>(
    request: TokenRequest,
    use: (accessToken: string) => Promise<T>,
  ): Promise<T> => {
    const first = await currentEntry(request);
    try {
      return await use(first.accessToken);
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      const key = tokenCacheKey(request);
      // Forget the refused token unless a concurrent caller already replaced it.
      if (cache.get(key) === first) cache.delete(key);
      const second = await currentEntry(request);
      // Exactly one retry: a second 401 reaches the caller.
      return use(second.accessToken);
    }
  };

  const revokeOne = async (
    server: TokenServer,
    client: TokenClient,
    token: string,
    hint: 'access_token' | 'refresh_token',
  ): Promise<void> => {
    const step = `revoking the tokens of client ${client.clientId}`;
    const endpoint = (client.authorizationServer ?? server.authorizationServer).revocation_endpoint;
    if (endpoint === undefined) {
      throw new DiscoveryError('the Server has no revocation endpoint', { server, step });
    }
    const s = await session(server, client, step);
    const context = { server, step, what: 'the revocation response', secrets: [...s.secrets, token] };
    try {
      counters.revocationRequests += 1;
      const response = await oauth.revocationRequest(s.as, s.client, s.clientAuth, token, {
        ...s.options,
        additionalParameters: { token_type_hint: hint },
      });
      await rejectServerFailure(response, { ...context, url: endpoint });
      await oauth.processRevocationResponse(response);
    } catch (error) {
      throw toOAuthFailure(error, context);
    }
  };

  const revokeAll: TokenManager['revokeAll'] = async (server, revokeOptions = {}) => {
    const failed: CdsErrorJson[] = [];
    let revoked = 0;
    const record = async (attempt: () => Promise<void>) => {
      try {
        await attempt();
        revoked += 1;
      } catch (error) {
        const reported =
          error instanceof CdsError
            ? error
            : toOAuthFailure(error, {
                server,
                step: 'revoking tokens',
                what: 'the revocation response',
                secrets: [],
              });
        failed.push(reported.toJSON());
      }
    };
    const entries = [...cache.values()].filter((entry) => entry.request.server.id === server.id);
    // Forget locally first: whatever the Server answers, these tokens are no longer used.
    for (const entry of entries) cache.delete(entry.key);
    for (const entry of entries) {
      await record(() => revokeOne(server, entry.request.client, entry.accessToken, 'access_token'));
    }
    const grants = new Map<string, { client: TokenClient; grantKey: string }>();
    for (const entry of entries) {
      if (entry.request.kind === 'user') {
        grants.set(
          refreshTokenKey(server.id, entry.request.client.clientId, entry.request.grantKey),
          entry.request,
        );
      }
    }
    for (const grant of revokeOptions.userGrants ?? []) {
      grants.set(refreshTokenKey(server.id, grant.client.clientId, grant.grantKey), grant);
    }
    for (const [key, grant] of grants) {
      let refreshToken: string | null = null;
      try {
        refreshToken = await vault.get(key);
      } catch {
        refreshToken = null;
      }
      if (refreshToken !== null) {
        const token = refreshToken;
        await record(() => revokeOne(server, grant.client, token, 'refresh_token'));
      }
      await vault.delete(key).catch(() => {});
    }
    return { revoked, failed };
  };

  const introspect = async (request: TokenRequest): Promise<TokenDetails> => {
    const entry = await currentEntry(request);
    const step = `reading the details of the access token of client ${request.client.clientId}`;
    const s = await session(request.server, request.client, step);
    const context = {
      server: request.server,
      step,
      what: 'the introspection response',
      secrets: [...s.secrets, entry.accessToken],
    };
    const endpoint = (request.client.authorizationServer ?? request.server.authorizationServer)
      .introspection_endpoint;
    if (endpoint === undefined) throw new DiscoveryError('the Server has no introspection endpoint', context);
    let result: oauth.IntrospectionResponse;
    try {
      counters.introspectionRequests += 1;
      const response = await oauth.introspectionRequest(s.as, s.client, s.clientAuth, entry.accessToken, {
        ...s.options,
        additionalParameters: { token_type_hint: 'access_token' },
      });
      await rejectServerFailure(response, { ...context, url: endpoint });
      result = await oauth.processIntrospectionResponse(s.as, s.client, response);
    } catch (error) {
      throw toOAuthFailure(error, context);
    }
    const iso = (seconds: unknown) =>
      typeof seconds === 'number' && Number.isFinite(seconds)
        ? new Date(seconds * 1000).toISOString()
        : undefined;
    const details: Record<string, unknown> = {
      active: result.active,
      clientId: result.client_id,
      scope: result.scope,
      tokenType: result.token_type,
      expiresAt: iso(result.exp),
      issuedAt: iso(result.iat),
      subject: result.sub,
      issuer: result.iss,
      authorizationDetails: result.authorization_details,
      refreshAt: entry.refreshAt === null ? undefined : new Date(entry.refreshAt).toISOString(),
    };
    return Object.fromEntries(
      Object.entries(details).filter(([, value]) => value !== undefined),
    ) as unknown as TokenDetails;
  };

  const invalidate: TokenManager['invalidate'] = (target) => {
    if ('kind' in target) {
      cache.delete(tokenCacheKey(target));
      return;
    }
    for (const [key, entry] of cache) {
      if (
        entry.request.server.id === target.serverId &&
        (target.clientId === undefined || entry.request.client.clientId === target.clientId)
      ) {
        cache.delete(key);
      }
    }
  };

  return {
    getClientToken: (server, client, tokenOptions = {}) =>
      getToken({
        kind: 'client',
        server,
        client,
        ...(tokenOptions.scope === undefined ? {} : { scope: tokenOptions.scope }),
      }),
    getGrantAdminToken: (server, client, grant) =>
      getToken({ kind: 'grant-admin', server, client, ...grant }),
    getUserToken: (server, client, grantKey) => getToken({ kind: 'user', server, client, grantKey }),
    getToken,
    withToken,
    storeUserTokens: async (server, client, grantKey, response) => {
      const request: TokenRequest = { kind: 'user', server, client, grantKey };
      if (typeof response.refresh_token === 'string') {
        await vault.set(refreshTokenKey(server.id, client.clientId, grantKey), response.refresh_token);
      }
      const entry = entryFrom(request, response);
      cache.set(entry.key, entry);
    },
    introspect,
    invalidate,
    revokeAll,
    session,
    stats: () => ({ ...counters }),
  };
};
