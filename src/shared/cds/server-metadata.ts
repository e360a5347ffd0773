import { z } from 'zod';
import { openEnum } from './open-enum';
import { datetimeSchema, urlSchema } from './primitives';

/** The well-known path of CDS Server Metadata (cds-wg1-01 §3.1). */
export const CDS_SERVER_METADATA_PATH = '/.well-known/cds-server-metadata.json';
/** The path older drafts used; Servers deployed on them still answer there. */
export const LEGACY_SERVER_METADATA_PATH = '/.well-known/carbon-data-spec.json';

/** cds-wg1-01 §3.4, extended by cds-wg1-02 §3.1 with `oauth`. */
export const SERVER_CAPABILITIES = ['coverage', 'oauth'] as const;
export const serverCapabilitySchema = openEnum(SERVER_CAPABILITIES);
export type ServerCapability = z.infer<typeof serverCapabilitySchema>;

/**
 * CDS Server Metadata (cds-wg1-01 §3.2), with `oauth_metadata` from cds-wg1-02 §3.1.
 * `coverage` is REQUIRED only with the `coverage` capability and `oauth_metadata` only with `oauth`;
 * those conditions are checked by `hasCapability` users, not here, so a Server offering neither parses.
 */
export const cdsServerMetadataSchema = z.looseObject({
  cds_metadata_version: z.string(),
  cds_metadata_url: urlSchema,
  created: datetimeSchema,
  updated: datetimeSchema,
  name: z.string(),
  description: z.string(),
  website: urlSchema,
  documentation: urlSchema,
  support: urlSchema,
  capabilities: z.array(serverCapabilitySchema),
  coverage: urlSchema.optional(),
  related_metadata: z.array(urlSchema).optional(),
  // cds-wg1-02 §3.1: REQUIRED when `capabilities` contains `oauth`.
  oauth_metadata: urlSchema.optional(),
});
export type CdsServerMetadata = z.infer<typeof cdsServerMetadataSchema>;

export function hasCapability(
  metadata: Pick<CdsServerMetadata, 'capabilities'>,
  capability: string,
): boolean {
  return metadata.capabilities.includes(capability);
}

/** cds-wg1-01 §4.4 */
export const COVERAGE_ENTRY_TYPES = ['geographic', 'logical'] as const;
export const coverageEntryTypeSchema = openEnum(COVERAGE_ENTRY_TYPES);

/** cds-wg1-01 §4.5 */
export const CAPABILITY_ROLES = ['authoritative', 'official', 'aggregator'] as const;
export const capabilityRoleSchema = openEnum(CAPABILITY_ROLES);

/** cds-wg1-01 §4.6 */
export const INFRASTRUCTURE_TYPES = [
  'distribution_utility',
  'metering_provider',
  'supplier',
  'generator',
  'market_operator',
  'distribution_service_operator',
  'transmission_service_operator',
  'service_provider',
] as const;
export const infrastructureTypeSchema = openEnum(INFRASTRUCTURE_TYPES);

/** cds-wg1-01 §4.7 */
export const COMMODITY_TYPES = [
  'electricity',
  'natural_gas',
  'fuel_oil',
  'water',
  'wastewater',
  'trash',
  'distributed_energy',
] as const;
export const commodityTypeSchema = openEnum(COMMODITY_TYPES);

/** cds-wg1-01 §4.3 */
export const coverageEntrySchema = z.looseObject({
  id: z.string(),
  created: datetimeSchema,
  updated: datetimeSchema,
  entity_name: z.string(),
  entity_abbreviation: z.string().nullable(),
  // REQUIRED in §4.3, but the §7 example omits it: a missing country means "not stated".
  country: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  type: coverageEntryTypeSchema,
  role: capabilityRoleSchema,
  infrastructure_types: z.array(infrastructureTypeSchema),
  commodity_types: z.array(commodityTypeSchema),
  capabilities: z.array(serverCapabilitySchema),
  map_resource: urlSchema.optional(),
  map_content_type: z.string().optional(),
  geojson_resource: urlSchema.optional(),
});
export type CoverageEntry = z.infer<typeof coverageEntrySchema>;

/** cds-wg1-01 §4.1 */
export const coverageListingSchema = z.looseObject({
  coverage_entries: z.array(coverageEntrySchema),
  next: urlSchema.nullable(),
  previous: urlSchema.nullable(),
});
export type CoverageListing = z.infer<typeof coverageListingSchema>;
