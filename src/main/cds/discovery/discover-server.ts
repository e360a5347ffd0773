import { z } from 'zod';
import {
  type AuthorizationServerMetadata,
  CDS_SERVER_METADATA_PATH,
  type CdsServerMetadata,
  cdsServerMetadataSchema,
  hasCapability,
  LEGACY_SERVER_METADATA_PATH,
  publicAuthorizationServerMetadataSchema,
} from '../../../shared/cds/index';
import { CdsError, DiscoveryError, HttpStatusError, OAuthError, type ServerRef } from '../errors';
import type { HttpClient } from '../http/http-client';
import { validateWithSchema } from '../http/json-response';
import { requireSecureUrl } from '../http/url-policy';
import { type CoverageLimits, type CoverageResult, emptyCoverage, readCoverage } from './coverage';
import { checkAuthorizationServer } from './issuer-check';
import { classifyScopes, type DiscoveredScope } from './scope-classification';

// Discovery is two hops (spec/README "Points that are easy to miss"): CDS Server Metadata
// (cds-wg1-01 §3, `capabilities` contains `oauth`) → its `oauth_metadata` → the Authorization
// Server Metadata with the `cds_*` fields (cds-wg1-02 §3.1, §3.2). The user may type the metadata
// URL, a bare origin (well-known paths, current then older draft) or the authorization server
// metadata URL itself.

export interface DiscoveryResult {
  /** Null when the user gave the authorization server metadata URL directly. */
  readonly cdsMetadata: CdsServerMetadata | null;
  readonly metadataUrl: string | null;
  readonly oauthMetadata: AuthorizationServerMetadata;
  readonly oauthMetadataUrl: string;
  /** What a person calls this Server: the metadata `name`, else the issuer's host. */
  readonly serverName: string;
  readonly coverage: CoverageResult;
  /** Every described scope, classified by `type` (cds-wg1-02 §3.3). */
  readonly scopes: readonly DiscoveredScope[];
  /** The Server answers at the older draft's well-known path or uses older scope types. */
  readonly legacyDraft: boolean;
  readonly warnings: readonly string[];
}

export interface DiscoverOptions {
  readonly coverageLimits?: CoverageLimits;
  /** Skip reading the coverage listing (e.g. a quick re-check). */
  readonly skipCoverage?: boolean;
}

const anyJson = z.unknown();

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An authorization server metadata document rather than a CDS Server Metadata document. */
const looksLikeAuthorizationServerMetadata = (value: unknown): boolean =>
  isRecord(value) &&
  value.oauth_metadata === undefined &&
  value.cds_metadata_version === undefined &&
  typeof value.issuer === 'string' &&
  (value.token_endpoint !== undefined || value.cds_oauth_version !== undefined);

/** Reads the user's input as a URL; a bare host gets https://. */
const parseInput = (input: string, server: ServerRef): URL => {
  const text = input.trim();
  if (text.length === 0 || text.length > 2_048) {
    throw new DiscoveryError('enter the Server’s address, for example https://utility.example.com', {
      server,
      step: 'reading the address you entered',
    });
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  return requireSecureUrl(withScheme, { server, step: 'reading the address you entered' });
};

const isBareOrigin = (url: URL): boolean =>
  (url.pathname === '/' || url.pathname === '') && url.search === '';

const isNotFound = (error: unknown): boolean =>
  (error instanceof HttpStatusError || error instanceof OAuthError) &&
  (error.status === 404 || error.status === 410);

/** Discovers a CDS Server from what the user typed. Throws only CdsErrors. */
export const discoverServer = async (
  http: HttpClient,
  input: string,
  options: DiscoverOptions = {},
): Promise<DiscoveryResult> => {
  const typed: ServerRef = { name: input.trim().slice(0, 100) || 'the Server' };
  try {
    return await discover(http, input, options, typed);
  } catch (error) {
    if (error instanceof CdsError) throw error;
    // Anything unexpected still reaches the user as a sentence naming the Server and the step.
    throw new DiscoveryError('the Server’s answers could not be understood', {
      server: typed,
      step: 'discovering the Server',
      cause: error,
    });
  }
};

const discover = async (
  http: HttpClient,
  input: string,
  options: DiscoverOptions,
  typed: ServerRef,
): Promise<DiscoveryResult> => {
  const start = parseInput(input, typed);
  let server: ServerRef = { name: start.host };
  const warnings: string[] = [];
  let legacyDraft = false;

  // Hop 1: find a document.
  let documentUrl: URL;
  let document: unknown;
  if (isBareOrigin(start)) {
    const current = new URL(CDS_SERVER_METADATA_PATH, start);
    try {
      document = await http.getJson(current, {
        server,
        step: 'looking for the CDS server metadata',
        schema: anyJson,
        what: 'the CDS server metadata',
      });
      documentUrl = current;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const legacy = new URL(LEGACY_SERVER_METADATA_PATH, start);
      try {
        document = await http.getJson(legacy, {
          server,
          step: 'looking for the CDS server metadata at the older address',
          schema: anyJson,
          what: 'the CDS server metadata',
        });
      } catch (legacyError) {
        if (!isNotFound(legacyError)) throw legacyError;
        throw new DiscoveryError(
          `no CDS server metadata was found at ${current.href} or ${legacy.href}; check the address, or enter the full metadata address`,
          { server, step: 'looking for the CDS server metadata' },
        );
      }
      documentUrl = legacy;
      legacyDraft = true;
      warnings.push('This Server publishes its metadata at the older draft’s address.');
    }
  } else {
    documentUrl = start;
    document = await http.getJson(start, {
      server,
      step: 'reading the metadata address you entered',
      schema: anyJson,
      what: 'the metadata',
    });
  }

  // Hop 2: the authorization server metadata.
  let cdsMetadata: CdsServerMetadata | null = null;
  let oauthMetadataUrl: URL;
  if (looksLikeAuthorizationServerMetadata(document)) {
    oauthMetadataUrl = documentUrl;
  } else {
    cdsMetadata = validateWithSchema(cdsServerMetadataSchema, document, 'the CDS server metadata', {
      server,
      step: 'reading the CDS server metadata',
    });
    server = { name: cdsMetadata.name.trim().slice(0, 100) || documentUrl.host };
    if (!hasCapability(cdsMetadata, 'oauth') || cdsMetadata.oauth_metadata === undefined) {
      const related = (cdsMetadata.related_metadata ?? []).slice(0, 20);
      throw new DiscoveryError(
        related.length > 0
          ? `this metadata does not offer client registration itself; it lists ${related.length} related Server${related.length > 1 ? 's' : ''}: ${related.join(', ')}`
          : 'this Server does not offer client registration (its metadata has no "oauth" capability)',
        { server, step: 'reading the CDS server metadata' },
      );
    }
    try {
      oauthMetadataUrl = new URL(cdsMetadata.oauth_metadata, documentUrl);
    } catch {
      throw new DiscoveryError('the "oauth_metadata" address is not a web address', {
        server,
        step: 'reading the CDS server metadata',
      });
    }
    oauthMetadataUrl = requireSecureUrl(oauthMetadataUrl, { server, step: 'following "oauth_metadata"' });
    document = await http.getJson(oauthMetadataUrl, {
      server,
      step: 'reading the authorization server metadata',
      schema: anyJson,
      what: 'the authorization server metadata',
    });
  }
  const oauthMetadata = validateWithSchema(
    publicAuthorizationServerMetadataSchema,
    document,
    'the authorization server metadata',
    { server, step: 'reading the authorization server metadata' },
  );
  if (cdsMetadata === null) {
    server = { name: new URL(oauthMetadata.issuer, oauthMetadataUrl).host || oauthMetadataUrl.host };
  }
  warnings.push(...checkAuthorizationServer(oauthMetadata, oauthMetadataUrl, server));

  const scopes = classifyScopes(oauthMetadata);
  if (scopes.some((scope) => scope.legacyType)) legacyDraft = true;
  if (!scopes.some((scope) => scope.kind === 'clientAdmin' && scope.registrable)) {
    throw new DiscoveryError(
      'this Server does not describe a Client Admin scope, so the app cannot register with it (cds-wg1-02 §3.3.1)',
      { server, step: 'reading the scopes the Server offers' },
    );
  }

  let coverage = emptyCoverage();
  if (
    !options.skipCoverage &&
    cdsMetadata !== null &&
    hasCapability(cdsMetadata, 'coverage') &&
    cdsMetadata.coverage !== undefined
  ) {
    let coverageUrl: string | null = null;
    try {
      coverageUrl = new URL(cdsMetadata.coverage, documentUrl).href;
    } catch {
      warnings.push('The coverage address in the metadata is not a web address.');
    }
    if (coverageUrl !== null)
      coverage = await readCoverage(http, coverageUrl, server, options.coverageLimits);
  }

  return {
    cdsMetadata,
    metadataUrl: cdsMetadata === null ? null : documentUrl.href,
    oauthMetadata,
    oauthMetadataUrl: oauthMetadataUrl.href,
    serverName: server.name,
    coverage,
    scopes,
    legacyDraft,
    warnings,
  };
};
