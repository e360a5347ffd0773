import {
  type AuthorizationServerMetadata,
  type CdsServerMetadata,
  type ClientObject,
  cdsServerMetadataSchema,
  clientObjectSchema,
  publicAuthorizationServerMetadataSchema,
  safeParseCds,
} from '../../shared/cds/index';
import { classifyScopes, type DiscoveredScope } from '../cds/discovery/scope-classification';
import type { ServerRef } from '../cds/errors';
import type { HttpClient } from '../cds/http/http-client';
import type { TokenClient, TokenServer } from '../cds/oauth/oauth-session';
import type { Clock, TokenManager } from '../cds/oauth/token-manager';
import type { Vault } from '../vault/vault';
import type { AreaStore } from './area-store';
import type { ClientCache } from './client-cache';
import type { CompanionTestHooks } from './companion-core';
import { CompanionError } from './companion-error';
import type { Emit } from './event-hub';
import type { RegistrationRecord, ServerRecord } from './state-schema';

/**
 * Everything a protocol module (src/main/cds/registration.ts, clients.ts, credentials.ts, ...)
 * needs to talk to one Server: who it is, what its metadata says, the shared HTTP client, tokens,
 * vault and clock, and the admin token. Built fresh for each operation from the store, so it is
 * never stale across operations; cheap (parsed metadata is memoised per fetch).
 */
export interface ServerContext {
  readonly serverId: string;
  /** For errors and HTTP activity: `{ id, name }`. */
  readonly ref: ServerRef & { readonly id: string };
  readonly record: ServerRecord;
  readonly cdsMetadata: CdsServerMetadata | null;
  readonly oauth: AuthorizationServerMetadata;
  readonly oauthMetadataUrl: string;
  readonly scopes: readonly DiscoveredScope[];
  readonly http: HttpClient;
  readonly tokens: TokenManager;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly emit: Emit;
  readonly hooks: CompanionTestHooks;
  /** The Server as the token manager sees it. */
  readonly tokenServer: TokenServer;
  /** The registration, or CompanionError('not-registered') naming `step`. */
  requireRegistration(step: string): RegistrationRecord;
  /** Runs `use` with a `cds_client_admin` token, re-fetched once on a 401 (cds-wg1-02 §5, §7). */
  withAdminToken<T>(step: string, use: (accessToken: string) => Promise<T>): Promise<T>;
  /** A Client Object as the token manager sees it (auth method from the cache). */
  tokenClient(clientId: string): TokenClient;
  /** A cached Client Object, parsed; undefined when not cached. */
  cachedClient(clientId: string): ClientObject | undefined;
  /** Every cached Client Object, in listing order. */
  cachedClients(): ClientObject[];
  /** The `cds_client_admin` scope id (§3.3.1), decided by type. */
  readonly adminScopeId: string;
}

export interface ServerContextDeps {
  readonly http: HttpClient;
  readonly tokens: TokenManager;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly emit: Emit;
  readonly clients: AreaStore<ClientCache>;
  readonly hooks: CompanionTestHooks;
}

interface ParsedOauth {
  readonly oauth: AuthorizationServerMetadata;
  readonly scopes: readonly DiscoveredScope[];
}

// Memoised by the stored documents themselves: the store's state is immutable and keeps a document
// the same object across versions while the Server sends it unchanged (store/state-tree.ts), so a
// sync that only moves `fetchedAt` or `lastSync` re-validates nothing.
const parsedOauthByDocument = new WeakMap<object, ParsedOauth>();
const parsedCdsByDocument = new WeakMap<object, CdsServerMetadata | null>();

function memoised<V>(cache: WeakMap<object, V>, key: unknown, compute: () => V): V {
  if (typeof key !== 'object' || key === null) return compute();
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  cache.set(key, value);
  return value;
}

function parseDiscovery(
  record: ServerRecord,
): ParsedOauth & { readonly cdsMetadata: CdsServerMetadata | null } {
  const ref = { id: record.id, name: record.name };
  const step = 'reading the saved metadata';
  const { oauth, scopes } = memoised(parsedOauthByDocument, record.discovery.oauthMetadata, () => {
    const parsed = safeParseCds(
      publicAuthorizationServerMetadataSchema,
      record.discovery.oauthMetadata,
      'the saved authorization server metadata',
    );
    if (!parsed.success) {
      throw new CompanionError('internal', `${parsed.error.message} Sync the Server to read it again`, {
        server: ref,
        step,
      });
    }
    return { oauth: parsed.data, scopes: classifyScopes(parsed.data) };
  });
  const stored = record.discovery.cdsMetadata;
  const cdsMetadata =
    stored === null
      ? null
      : memoised(parsedCdsByDocument, stored, () => {
          const parsed = safeParseCds(cdsServerMetadataSchema, stored, 'the saved CDS metadata');
          return parsed.success ? parsed.data : null;
        });
  return { oauth, scopes, cdsMetadata };
}

export function createServerContext(record: ServerRecord, deps: ServerContextDeps): ServerContext {
  const parsed = parseDiscovery(record);
  const ref = { id: record.id, name: record.name };
  const oauth = parsed.oauth;
  const tokenServer: TokenServer = {
    id: record.id,
    name: record.name,
    authorizationServer: {
      issuer: oauth.issuer,
      token_endpoint: oauth.token_endpoint,
      revocation_endpoint: oauth.revocation_endpoint,
      introspection_endpoint: oauth.introspection_endpoint,
      ...(oauth.authorization_endpoint === undefined
        ? {}
        : { authorization_endpoint: oauth.authorization_endpoint }),
      ...(oauth.pushed_authorization_request_endpoint === undefined
        ? {}
        : { pushed_authorization_request_endpoint: oauth.pushed_authorization_request_endpoint }),
    },
  };
  const adminScope = parsed.scopes.find((scope) => scope.kind === 'clientAdmin');
  const adminScopeId = adminScope?.id ?? 'cds_client_admin';

  const cachedClient = (clientId: string): ClientObject | undefined => {
    const entry = deps.clients.read(record.id)?.clients[clientId];
    if (!entry) return undefined;
    const result = safeParseCds(clientObjectSchema, entry.object, 'the saved Client Object');
    return result.success ? result.data : undefined;
  };

  const requireRegistration = (step: string): RegistrationRecord => {
    if (record.registration === null) {
      throw new CompanionError('not-registered', 'this Server has no registration yet; register first', {
        server: ref,
        step,
      });
    }
    return record.registration;
  };

  const tokenClient = (clientId: string): TokenClient => {
    const cached = cachedClient(clientId);
    const method = cached?.token_endpoint_auth_method;
    return { clientId, ...(method === undefined ? {} : { tokenEndpointAuthMethod: method }) };
  };

  return {
    serverId: record.id,
    ref,
    record,
    cdsMetadata: parsed.cdsMetadata,
    oauth,
    oauthMetadataUrl: record.discovery.oauthMetadataUrl,
    scopes: parsed.scopes,
    http: deps.http,
    tokens: deps.tokens,
    vault: deps.vault,
    clock: deps.clock,
    emit: deps.emit,
    hooks: deps.hooks,
    tokenServer,
    adminScopeId,
    requireRegistration,
    withAdminToken: (step, use) => {
      const registration = requireRegistration(step);
      return deps.tokens.withToken(
        {
          kind: 'client',
          server: tokenServer,
          client: { clientId: registration.adminClientId, tokenEndpointAuthMethod: 'client_secret_basic' },
          scope: adminScopeId,
        },
        use,
      );
    },
    tokenClient,
    cachedClient,
    cachedClients: () => {
      const cache = deps.clients.read(record.id);
      if (!cache) return [];
      return cache.order.flatMap((id) => {
        const client = cachedClient(id);
        return client ? [client] : [];
      });
    },
  };
}
