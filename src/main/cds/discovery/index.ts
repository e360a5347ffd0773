// Discovery: CDS Server Metadata → Authorization Server Metadata → coverage and scopes.
export {
  type ClientMetadataInput,
  type ClientMetadataResult,
  type ClientObjectRef,
  discoverClientMetadata,
  type WithClientAdminToken,
} from './client-metadata';
export {
  type CoverageLimits,
  type CoverageResult,
  type CoverageSummary,
  readCoverage,
  summarizeCoverage,
} from './coverage';
export { type DiscoverOptions, type DiscoveryResult, discoverServer } from './discover-server';
export { checkAuthorizationServer, issuerFromWellKnownUrl } from './issuer-check';
export {
  CUSTOMER_DATA_SCOPE_TYPES,
  classifyScopes,
  classifyScopeType,
  type DiscoveredScope,
  type DiscoveredScopeKind,
  splitScopeString,
} from './scope-classification';
