import { type CoverageEntry, coverageListingSchema } from '../../../shared/cds/index';
import { CdsError, type CdsErrorJson, DiscoveryError, type ServerRef } from '../errors';
import type { HttpClient } from '../http/http-client';
import { requireSecureUrl } from '../http/url-policy';

// cds-wg1-01 §4: the coverage listing, paginated by `next` links. Coverage is informational: a
// failure is reported beside the metadata instead of failing discovery.

export interface CoverageSummary {
  readonly entryCount: number;
  readonly entities: readonly string[];
  readonly countries: readonly string[];
  readonly commodityTypes: readonly string[];
  readonly infrastructureTypes: readonly string[];
  readonly roles: readonly string[];
  readonly capabilities: readonly string[];
  readonly geographicCount: number;
  readonly logicalCount: number;
}

export interface CoverageResult {
  readonly entries: readonly CoverageEntry[];
  readonly summary: CoverageSummary;
  /** False when pages were missing (an error or a limit stopped reading). */
  readonly complete: boolean;
  readonly error?: CdsErrorJson;
}

export interface CoverageLimits {
  readonly maxPages: number;
  readonly maxEntries: number;
}

export const defaultCoverageLimits: CoverageLimits = { maxPages: 50, maxEntries: 5_000 };

const uniqueSorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

export const summarizeCoverage = (entries: readonly CoverageEntry[]): CoverageSummary => ({
  entryCount: entries.length,
  entities: uniqueSorted(
    entries.map((e) =>
      e.entity_abbreviation ? `${e.entity_name} (${e.entity_abbreviation})` : e.entity_name,
    ),
  ),
  countries: uniqueSorted(entries.flatMap((e) => (e.country ? [e.country] : []))),
  commodityTypes: uniqueSorted(entries.flatMap((e) => e.commodity_types)),
  infrastructureTypes: uniqueSorted(entries.flatMap((e) => e.infrastructure_types)),
  roles: uniqueSorted(entries.map((e) => e.role)),
  capabilities: uniqueSorted(entries.flatMap((e) => e.capabilities)),
  geographicCount: entries.filter((e) => e.type === 'geographic').length,
  logicalCount: entries.filter((e) => e.type === 'logical').length,
});

export const emptyCoverage = (): CoverageResult => ({
  entries: [],
  summary: summarizeCoverage([]),
  complete: true,
});

/** Reads every page of a coverage listing, bounded, following only secure `next` links. */
export const readCoverage = async (
  http: HttpClient,
  coverageUrl: string,
  server: ServerRef,
  limits: CoverageLimits = defaultCoverageLimits,
): Promise<CoverageResult> => {
  const entries: CoverageEntry[] = [];
  const visited = new Set<string>();
  const step = 'reading the coverage listing';
  let next: string | null = coverageUrl;
  let base = coverageUrl;
  try {
    for (let page = 0; next !== null; page += 1) {
      const url = requireSecureUrl(new URL(next, base), { server, step });
      if (visited.has(url.href)) break;
      if (page >= limits.maxPages || entries.length >= limits.maxEntries) {
        throw new DiscoveryError(
          `the coverage listing is longer than ${limits.maxPages} pages or ${limits.maxEntries} entries; only the first part is shown`,
          { server, step },
        );
      }
      visited.add(url.href);
      const listing = await http.getJson(url, {
        server,
        step,
        schema: coverageListingSchema,
        what: 'the coverage listing',
      });
      entries.push(...listing.coverage_entries.slice(0, limits.maxEntries - entries.length));
      base = url.href;
      next = listing.next ?? null;
    }
    return { entries, summary: summarizeCoverage(entries), complete: true };
  } catch (error) {
    const reported =
      error instanceof CdsError
        ? error
        : new DiscoveryError('the coverage listing could not be read', { server, step, cause: error });
    return { entries, summary: summarizeCoverage(entries), complete: false, error: reported.toJSON() };
  }
};
