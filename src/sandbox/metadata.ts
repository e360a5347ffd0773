import { CUSTOMER_DATA_SCOPE, registrationFields, scopeDescriptions, splitScope } from './scopes';
import type { Json } from './state';

export const SERVER_NAME = 'Sandbox Grid Utility';
export const METADATA_PATH = '/.well-known/cds-server-metadata.json';
export const OAUTH_METADATA_PATH = '/.well-known/oauth-authorization-server';
export const API = '/cds-api/v1';
export const ACCOUNTS_PATH = `${API}/customerdata/accounts`;
export const TIMEZONE = 'America/Chicago';
const PUBLISHED = '2025-01-01T00:00:00Z';

/** cds-wg1-01 §3.2 with the `oauth` capability and `oauth_metadata` of cds-wg1-02 §3.1. */
export function cdsServerMetadata(base: string, oauthMetadataUrl: string, metadataUrl: string): Json {
  return {
    cds_metadata_version: 'v1',
    cds_metadata_url: metadataUrl,
    created: PUBLISHED,
    updated: PUBLISHED,
    name: SERVER_NAME,
    description:
      'A fictional electric and natural gas utility for testing CDS Clients (CDS Companion sandbox).',
    website: `${base}/`,
    documentation: `${base}/docs`,
    support: `${base}/support`,
    // cds-wg1-01 §3.2: the union of the coverage entries' capabilities, plus `coverage` itself.
    capabilities: ['coverage', 'oauth'],
    coverage: `${base}/cds-coverage.json`,
    oauth_metadata: oauthMetadataUrl,
  };
}

/** cds-wg1-01 §4.3 entries: geographic and logical, electricity and natural gas; newest first (§4.1). */
export function coverageEntries(base: string): Json[] {
  const entity = { entity_name: SERVER_NAME, entity_abbreviation: 'SGU', entity_number: 'US-XX-IOU-SGU' };
  const geo = (id: string, updated: string, name: string, commodity: string): Json => ({
    id,
    created: PUBLISHED,
    updated,
    ...entity,
    country: 'US',
    name,
    description: `${name} of the fictional Sandbox Grid Utility.`,
    type: 'geographic',
    role: 'authoritative',
    infrastructure_types: ['distribution_utility', 'metering_provider'],
    commodity_types: [commodity],
    capabilities: ['oauth'],
    geojson_resource: `${base}/coverage/${id}.geojson`,
  });
  return [
    geo('sgu_electric_north', '2025-06-01T00:00:00Z', 'Northern electric service territory', 'electricity'),
    geo('sgu_gas_north', '2025-05-01T00:00:00Z', 'Northern natural gas service territory', 'natural_gas'),
    {
      id: 'sgu_commercial',
      created: PUBLISHED,
      updated: '2025-04-01T00:00:00Z',
      ...entity,
      country: 'US',
      name: 'Commercial and industrial customers',
      description: 'Commercial and industrial accounts across every territory, electricity and natural gas.',
      type: 'logical',
      role: 'authoritative',
      infrastructure_types: ['distribution_utility', 'supplier'],
      commodity_types: ['electricity', 'natural_gas'],
      capabilities: ['oauth'],
    },
    geo('sgu_electric_south', '2025-03-01T00:00:00Z', 'Southern electric service territory', 'electricity'),
  ];
}

/** A small GeoJSON polygon per geographic entry (WGS 84, cds-wg1-01 §4.3). */
export function coverageGeoJson(id: string): Json | null {
  const boxes: Record<string, [number, number, number, number]> = {
    sgu_electric_north: [-95.5, 41.0, -94.0, 42.5],
    sgu_gas_north: [-95.2, 41.2, -94.2, 42.2],
    sgu_electric_south: [-95.5, 39.5, -94.0, 41.0],
  };
  const box = boxes[id];
  if (!box) return null;
  const [w, s, e, n] = box;
  return {
    type: 'Feature',
    properties: { id },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
  };
}

const union = (descriptions: Json[], field: string): string[] => [
  ...new Set(descriptions.flatMap((d) => (d[field] as string[] | undefined) ?? [])),
];

/**
 * cds-wg1-02 §3.2 Authorization Server Metadata. With `onlyScopes`, the Client Object specific copy
 * (§5.1 cds_server_metadata): the descriptions are narrowed to that Client Object's scopes and the Grant
 * Admin scopes they name, since §3.4 requires every named grant_admin_scope to be described.
 */
export function authorizationServerMetadata(base: string, onlyScopes?: string[]): Json {
  const all = scopeDescriptions(base);
  let descriptions = all;
  if (onlyScopes) {
    const keep = new Set(onlyScopes.filter((s) => s in all));
    for (const s of [...keep]) {
      const ga = all[s]?.grant_admin_scope;
      if (typeof ga === 'string') keep.add(ga);
    }
    descriptions = Object.fromEntries(Object.entries(all).filter(([id]) => keep.has(id)));
  }
  const list = Object.values(descriptions);
  const fields = registrationFields(base);
  const referenced = new Set(list.flatMap((d) => [...(d.registration_requirements as string[])]));
  for (const d of list) for (const r of d.registration_optional as string[]) referenced.add(r);
  const metadata: Json = {
    issuer: base,
    service_documentation: `${base}/docs`,
    op_policy_uri: `${base}/legal/policy`,
    op_tos_uri: `${base}/legal/terms`,
    registration_endpoint: `${base}/oauth/register`,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
    introspection_endpoint: `${base}/oauth/introspect`,
    pushed_authorization_request_endpoint: `${base}/oauth/par`,
    require_pushed_authorization_requests: false,
    // RFC 9207: the authorization response carries `iss`.
    authorization_response_iss_parameter_supported: true,
    code_challenge_methods_supported: ['S256'],
    response_types_supported: union(list, 'response_types_supported'),
    response_modes_supported: ['query'],
    grant_types_supported: union(list, 'grant_types_supported'),
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic'],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic'],
    scopes_supported: Object.keys(descriptions),
    authorization_details_types_supported: union(list, 'authorization_details_types_supported'),
    prompt_values_supported: ['login'],
    cds_oauth_version: 'v1',
    cds_human_registration: `${base}/register`,
    cds_timezone: TIMEZONE,
    cds_test_accounts: `${base}/docs/test-accounts`,
    cds_clients_api: `${base}${API}/clients`,
    cds_messages_api: `${base}${API}/messages`,
    cds_credentials_api: `${base}${API}/credentials`,
    cds_grants_api: `${base}${API}/grants`,
    cds_server_provided_files_api: `${base}${API}/server-provided-files`,
    cds_scope_descriptions: descriptions,
    cds_registration_fields: Object.fromEntries(Object.entries(fields).filter(([id]) => referenced.has(id))),
  };
  if (CUSTOMER_DATA_SCOPE in descriptions) {
    // cds-wg3-01 §5; the older name too, as the overview and servers on earlier drafts use it.
    metadata.cds_customerdata_version = 'v1';
    metadata.cds_accounts_api = `${base}${ACCOUNTS_PATH}`;
    metadata.cds_customerdata_accounts_api = `${base}${ACCOUNTS_PATH}`;
  }
  return metadata;
}

export function clientScopes(client: Json): string[] {
  return splitScope(client.scope as string);
}
