import { z } from 'zod';
import {
  type AuthorizationServerMetadata,
  authorizationServerMetadataSchema,
  type CdsServerMetadata,
  cdsServerMetadataSchema,
} from '../../../shared/cds/index';
import { CdsError, DiscoveryError, type ServerRef } from '../errors';
import type { HttpClient } from '../http/http-client';
import { isUnauthorized, validateWithSchema } from '../http/json-response';
import { requireSecureUrl } from '../http/url-policy';
import type { DiscoveryResult } from './discover-server';
import { checkAuthorizationServer } from './issuer-check';
import { classifyScopes, type DiscoveredScope, splitScopeString } from './scope-classification';

// cds-wg1-02 §5.1 `cds_server_metadata`: each Client Object has its own copy of the CDS Server
// Metadata, whose `oauth_metadata` may narrow the scopes (coverage, authorization details limits).
// "Clients know that they must use a Bearer token when Servers return a 401 Unauthorized": the
// first request goes without a token, a 401 is answered once with the cds_client_admin token.
// cds-wg3-01 §5: Customer Data API URLs must be read from this copy.

export interface ClientObjectRef {
  readonly client_id: string;
  readonly scope: string;
  readonly cds_server_metadata: string;
}

/** Runs `use` with a Client Admin access token, re-fetching it once on a 401 (the token manager's withToken). */
export type WithClientAdminToken = <T>(use: (accessToken: string) => Promise<T>) => Promise<T>;

export interface ClientMetadataInput {
  readonly server: ServerRef;
  readonly client: ClientObjectRef;
  /** From discoverServer: the public documents. */
  readonly publicDiscovery: Pick<DiscoveryResult, 'metadataUrl' | 'oauthMetadataUrl' | 'oauthMetadata'>;
  readonly withClientAdminToken: WithClientAdminToken;
}

export interface ClientMetadataResult {
  readonly clientId: string;
  readonly cdsMetadataUrl: string;
  readonly cdsMetadata: CdsServerMetadata | null;
  readonly oauthMetadataUrl: string;
  readonly oauthMetadata: AuthorizationServerMetadata;
  /** The Client Object's own scopes, described by its (possibly narrower) metadata. */
  readonly scopes: readonly DiscoveredScope[];
  /** The Server wanted the Client Admin token for these documents. */
  readonly authenticated: boolean;
  /** `cds_server_metadata` is the public document; nothing was fetched. */
  readonly samePublicMetadata: boolean;
}

const anyJson = z.unknown();

const normalize = (url: string): string => url.replace(/\/+$/, '');

/** Fetches and validates one Client Object's own metadata. Throws only CdsErrors. */
export const discoverClientMetadata = async (
  http: HttpClient,
  input: ClientMetadataInput,
): Promise<ClientMetadataResult> => {
  const { server, client } = input;
  const step = `reading the metadata of client ${client.client_id}`;
  const ownScopes = new Set(splitScopeString(client.scope));
  const publicDiscovery = input.publicDiscovery;
  let authenticated = false;

  // GET without a token; on 401 once more with the Client Admin token (which itself is re-fetched
  // at most once by withClientAdminToken when the Server refuses it).
  const fetchDocument = async (url: URL, what: string): Promise<unknown> => {
    if (!authenticated) {
      try {
        return await http.getJson(url, { server, step, schema: anyJson, what });
      } catch (error) {
        if (!isUnauthorized(error)) throw error;
        authenticated = true;
      }
    }
    return input.withClientAdminToken((bearer) =>
      http.getJson(url, { server, step, schema: anyJson, what, bearer }),
    );
  };

  try {
    const cdsMetadataUrl = requireSecureUrl(client.cds_server_metadata, { server, step });
    const publicUrls = [publicDiscovery.metadataUrl, publicDiscovery.oauthMetadataUrl].flatMap((url) =>
      url === null ? [] : [normalize(url)],
    );
    if (publicUrls.includes(normalize(cdsMetadataUrl.href))) {
      return {
        clientId: client.client_id,
        cdsMetadataUrl: cdsMetadataUrl.href,
        cdsMetadata: null,
        oauthMetadataUrl: publicDiscovery.oauthMetadataUrl,
        oauthMetadata: publicDiscovery.oauthMetadata,
        scopes: classifyScopes(publicDiscovery.oauthMetadata).filter((scope) => ownScopes.has(scope.id)),
        authenticated: false,
        samePublicMetadata: true,
      };
    }
    const cdsDocument = await fetchDocument(cdsMetadataUrl, 'the client’s CDS server metadata');
    const cdsMetadata = validateWithSchema(
      cdsServerMetadataSchema,
      cdsDocument,
      'the client’s CDS server metadata',
      {
        server,
        step,
      },
    );
    if (cdsMetadata.oauth_metadata === undefined) {
      throw new DiscoveryError('the client’s metadata has no "oauth_metadata" address', { server, step });
    }
    const oauthMetadataUrl = requireSecureUrl(new URL(cdsMetadata.oauth_metadata, cdsMetadataUrl), {
      server,
      step,
    });
    const oauthDocument = await fetchDocument(oauthMetadataUrl, 'the client’s authorization server metadata');
    const oauthMetadata = validateWithSchema(
      authorizationServerMetadataSchema,
      oauthDocument,
      'the client’s authorization server metadata',
      { server, step },
    );
    checkAuthorizationServer(oauthMetadata, oauthMetadataUrl, server);
    // The client's secret will be sent to this document's token endpoint: it must be the same
    // authorization server as the public metadata, never one a document redirected us to.
    if (normalize(oauthMetadata.issuer) !== normalize(publicDiscovery.oauthMetadata.issuer)) {
      throw new DiscoveryError(
        `the client’s metadata names another authorization server (${oauthMetadata.issuer}) than the Server’s (${publicDiscovery.oauthMetadata.issuer})`,
        { server, step },
      );
    }
    return {
      clientId: client.client_id,
      cdsMetadataUrl: cdsMetadataUrl.href,
      cdsMetadata,
      oauthMetadataUrl: oauthMetadataUrl.href,
      oauthMetadata,
      scopes: classifyScopes(oauthMetadata).filter((scope) => ownScopes.has(scope.id)),
      authenticated,
      samePublicMetadata: false,
    };
  } catch (error) {
    if (error instanceof CdsError) throw error;
    throw new DiscoveryError('the client’s metadata could not be understood', { server, step, cause: error });
  }
};
