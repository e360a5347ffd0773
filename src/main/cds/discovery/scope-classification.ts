import {
  type AuthorizationServerMetadata,
  LEGACY_SCOPE_TYPES,
  type ScopeDescription,
  scopeKind,
} from '../../../shared/cds/index';

// cds-wg1-02 §3.3: "Clients MUST use the `type` value, rather than `id` value when determining
// whether they are compatible with a scope ... and MUST ignore any scopes ... for which the Client
// is not compatible." Several scopes may share a type (`cds_grant_admin_1`, `cds_grant_admin_2`).

/** Customer Data scope types this app can use (cds-wg3-01 §6.1 consent, §6.2 direct access). */
export const CUSTOMER_DATA_SCOPE_TYPES: readonly string[] = Object.freeze([
  'cds_rate_plan',
  'cds_account_programs',
  'cds_service_programs',
  'cds_accounts',
  'cds_service_contracts',
  'cds_meters',
  'cds_bill_statements',
  'cds_service_bills',
  'cds_usage',
  'cds_aggregation_consent',
  'cds_query_accounts',
  'cds_query_service_contracts',
  'cds_query_service_points',
  'cds_query_meter_devices',
  'cds_query_bill_statements',
  'cds_query_bill_sections',
  'cds_query_aggregations',
  'cds_query_usage',
]);

export type DiscoveredScopeKind =
  | 'clientAdmin'
  | 'grantAdmin'
  | 'serverProvidedFiles'
  | 'customerData'
  | 'unknown';

export interface DiscoveredScope {
  readonly id: string;
  readonly type: string;
  readonly kind: DiscoveredScopeKind;
  /** This app understands the scope's type (never decided by id). */
  readonly compatible: boolean;
  /** Listed in `scopes_supported` and described in `cds_scope_descriptions` (§3.2). */
  readonly registrable: boolean;
  /** The type is an older-draft spelling (`client_admin`, `grant_admin`, `server_provided_files`). */
  readonly legacyType: boolean;
  /** Needs a person's authorization in a browser (`response_types_supported` not empty). */
  readonly userAuthorization: boolean;
  readonly name: string;
  readonly description: string;
  readonly documentation: string;
  readonly grantTypes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly tokenEndpointAuthMethods: readonly string[];
  readonly grantAdminScope: string | null;
  readonly coverageIds: readonly string[];
  readonly registrationRequirements: readonly string[];
  readonly registrationOptional: readonly string[];
  readonly authorizationDetailsTypes: readonly string[];
  readonly raw: ScopeDescription;
}

const legacyTypes = new Set<string>(Object.values(LEGACY_SCOPE_TYPES));

/** The app's kind for a scope `type`. */
export const classifyScopeType = (type: string): DiscoveredScopeKind => {
  const kind = scopeKind(type);
  if (kind) return kind;
  if (CUSTOMER_DATA_SCOPE_TYPES.includes(type)) return 'customerData';
  return 'unknown';
};

export const describeScope = (
  description: ScopeDescription,
  supported: ReadonlySet<string>,
): DiscoveredScope => {
  const kind = classifyScopeType(description.type);
  return {
    id: description.id,
    type: description.type,
    kind,
    compatible: kind !== 'unknown',
    registrable: supported.has(description.id),
    legacyType: legacyTypes.has(description.type),
    userAuthorization: description.response_types_supported.length > 0,
    name: description.name,
    description: description.description,
    documentation: description.documentation,
    grantTypes: description.grant_types_supported,
    responseTypes: description.response_types_supported,
    tokenEndpointAuthMethods: description.token_endpoint_auth_methods_supported,
    grantAdminScope: description.grant_admin_scope ?? null,
    coverageIds: description.coverages_supported,
    registrationRequirements: description.registration_requirements,
    registrationOptional: description.registration_optional,
    authorizationDetailsTypes: description.authorization_details_types_supported ?? [description.id],
    raw: description,
  };
};

/**
 * Every described scope, classified by type. A description whose key and `id` differ is keyed by
 * the map key, as the key is what `scopes_supported` and registration use (§3.4).
 */
export const classifyScopes = (
  metadata: Pick<AuthorizationServerMetadata, 'cds_scope_descriptions' | 'scopes_supported'>,
): DiscoveredScope[] => {
  const supported = new Set(metadata.scopes_supported);
  return Object.entries(metadata.cds_scope_descriptions).map(([key, description]) =>
    describeScope(description.id === key ? description : { ...description, id: key }, supported),
  );
};

/** The scope ids of a Client Object's space-separated `scope` string (RFC 6749 §3.3). */
export const splitScopeString = (scope: string | null | undefined): string[] =>
  (scope ?? '').split(' ').filter((part) => part.length > 0);
