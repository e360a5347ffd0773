import type { DiscoveryResult } from '../cds/discovery/discover-server';
import type { DiscoveryCache } from './state-schema';

/** The non-secret part of a discovery worth keeping: the documents as received and a coverage summary. */
export function discoveryCacheOf(discovery: DiscoveryResult, fetchedAt: string): DiscoveryCache {
  const summary = discovery.coverage.summary;
  return {
    cdsMetadata: discovery.cdsMetadata,
    oauthMetadata: discovery.oauthMetadata,
    oauthMetadataUrl: discovery.oauthMetadataUrl,
    coverage: {
      summary: {
        entryCount: summary.entryCount,
        entities: [...summary.entities],
        countries: [...summary.countries],
        commodityTypes: [...summary.commodityTypes],
        infrastructureTypes: [...summary.infrastructureTypes],
        roles: [...summary.roles],
      },
      complete: discovery.coverage.complete,
      error: discovery.coverage.error?.userMessage ?? null,
    },
    legacyDraft: discovery.legacyDraft,
    warnings: [...discovery.warnings],
    fetchedAt,
  };
}
