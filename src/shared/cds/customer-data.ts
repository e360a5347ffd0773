import { z } from 'zod';
import { openEnum } from './open-enum';
import {
  authorizationDetailSchema,
  datetimeSchema,
  decimalSchema,
  pageLinkSchema,
  urlSchema,
} from './primitives';

/**
 * The Customer Data listing APIs of cds-wg3-01 §5. The current draft names them `cds_<name>_api`; the
 * overview and Servers built on earlier drafts say `cds_customerdata_<name>_api`. Both are accepted.
 */
export const CUSTOMER_DATA_APIS = [
  'accounts',
  'servicecontracts',
  'servicepoints',
  'meterdevices',
  'billstatement',
  'billsection',
  'aggregations',
  'usagesegments',
  'eacs',
] as const;
export type CustomerDataApi = (typeof CUSTOMER_DATA_APIS)[number];

export function customerDataApiFieldNames(api: CustomerDataApi): readonly [string, string] {
  return [`cds_${api}_api`, `cds_customerdata_${api}_api`];
}

/** The cds-wg3-01 §5 fields of the Authorization Server Metadata, under both names. */
export const customerDataMetadataShape = {
  cds_customerdata_version: z.string().optional(),
  ...Object.fromEntries(
    CUSTOMER_DATA_APIS.flatMap((api) =>
      customerDataApiFieldNames(api).map((name) => [name, urlSchema.optional()]),
    ),
  ),
  cds_usagesegments_additional_value_types: z.record(z.string(), z.unknown()).optional(),
  cds_eac_formats: z.record(z.string(), z.unknown()).optional(),
} as {
  cds_customerdata_version: z.ZodOptional<z.ZodString>;
  cds_usagesegments_additional_value_types: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
  cds_eac_formats: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
} & Record<
  `cds_${CustomerDataApi}_api` | `cds_customerdata_${CustomerDataApi}_api`,
  z.ZodOptional<z.ZodString>
>;

/** The URL of a Customer Data API under either of its names, or `null` if the Server offers none. */
export function customerDataApiUrl(metadata: object, api: CustomerDataApi): string | null {
  const record = metadata as Record<string, unknown>;
  for (const name of customerDataApiFieldNames(api)) {
    const value = record[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** `cds_accounts_api` or `cds_customerdata_accounts_api` (cds-wg3-01 §5, overview). */
export function accountsApiUrl(metadata: object): string | null {
  return customerDataApiUrl(metadata, 'accounts');
}

/** cds-wg3-01 §10.1.2 */
export const ACCOUNT_TYPES = [
  'customer',
  'thirdparty',
  'internal',
  'parent',
  'child',
  'test',
  'residential',
  'commercial',
  'industrial',
  'agriculture',
  'municipal',
  'billed_monthly',
  'billed_quarterly',
] as const;
export const accountTypeSchema = openEnum(ACCOUNT_TYPES);

/** cds-wg3-01 §10.1.3 */
export const ACCOUNT_STATUSES = ['active', 'suspended', 'closed', 'unknown'] as const;
export const accountStatusSchema = openEnum(ACCOUNT_STATUSES);

/** cds-wg3-01 §10.1.5 */
export const ENTITY_TYPES = [
  'distributor',
  'supplier',
  'iou',
  'muni',
  'cca',
  'retailer',
  'generator',
  'dso',
  'tso',
  'iso',
] as const;
export const entityTypeSchema = openEnum(ENTITY_TYPES);

/** cds-wg3-01 §10.1.7 */
export const ACCOUNT_CONTACT_TYPES = [
  'phone_number',
  'email',
  'home',
  'work',
  'mobile',
  'preferred',
  'primary',
  'secondary',
] as const;
export const accountContactTypeSchema = openEnum(ACCOUNT_CONTACT_TYPES);

/** cds-wg3-01 §10.1.9 */
export const ACCOUNT_PROGRAM_TYPES = [
  'active',
  'inactive',
  'eligible',
  'ineligible',
  'low_income',
  'flat_rate',
  'payment_plan',
  'protected',
  'survey',
  'pilot',
  'rebate',
  'credit_bank',
] as const;
export const accountProgramTypeSchema = openEnum(ACCOUNT_PROGRAM_TYPES);

/** cds-wg3-01 §10.1.4 */
export const entitySchema = z.looseObject({
  id: z.string(),
  types: z.array(entityTypeSchema),
  entity_number: z.string(),
  entity_name: z.string(),
  entity_abbreviation: z.string().nullable(),
});
export type Entity = z.infer<typeof entitySchema>;

/** cds-wg3-01 §10.1.6 */
export const accountContactSchema = z.looseObject({
  id: z.string(),
  types: z.array(accountContactTypeSchema),
  value: z.string(),
});
export type AccountContact = z.infer<typeof accountContactSchema>;

/** cds-wg3-01 §10.1.8; `balance`/`currency` come with the `credit_bank` type (§10.1.9). */
export const accountProgramSchema = z.looseObject({
  id: z.string(),
  program_number: z.string(),
  types: z.array(accountProgramTypeSchema),
  name: z.string(),
  description: z.string(),
  documentation: urlSchema,
  more_info: urlSchema.optional(),
  signup: urlSchema.optional(),
  settings: urlSchema.optional(),
  discontinue: urlSchema.optional(),
  participation_number: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  balance: decimalSchema.optional(),
  currency: z.string().optional(),
});
export type AccountProgram = z.infer<typeof accountProgramSchema>;

/** cds-wg3-01 §10.1.1 */
export const accountSchema = z.looseObject({
  cds_account_id: z.string(),
  cds_created: datetimeSchema,
  cds_modified: datetimeSchema,
  cds_synced: datetimeSchema,
  cds_account_parent: z.string().nullable(),
  customer_number: z.string().nullable().optional(),
  account_number: z.string().optional(),
  account_entity: entitySchema.nullable().optional(),
  account_name: z.string().optional(),
  account_address: z.string().optional(),
  account_types: z.array(accountTypeSchema).optional(),
  account_status: accountStatusSchema.optional(),
  account_contacts: z.array(accountContactSchema).optional(),
  account_programs: z.array(accountProgramSchema).optional(),
});
export type Account = z.infer<typeof accountSchema>;

/** cds-wg3-01 §10.1.10 */
export const accountListingSchema = z.looseObject({
  accounts: z.array(accountSchema),
  next: pageLinkSchema,
  previous: pageLinkSchema,
});
export type AccountListing = z.infer<typeof accountListingSchema>;

/** JWK members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/**
 * A JWK Public Encryption Key (cds-wg1-02 §2): `use`, when present, MUST be `enc`. A key carrying
 * private members is refused outright, so a device private key can never travel in an
 * authorization request by mistake.
 */
export const jwkPublicKeySchema = z
  .looseObject({
    kty: z.string(),
    use: z.string().optional(),
    crv: z.string().optional(),
    x: z.string().optional(),
    y: z.string().optional(),
    kid: z.string().optional(),
    alg: z.string().optional(),
  })
  .superRefine((jwk, ctx) => {
    if (jwk.use !== undefined && jwk.use !== 'enc') {
      ctx.addIssue({ code: 'custom', path: ['use'], message: 'must be "enc" for an encryption key' });
    }
    for (const member of PRIVATE_JWK_MEMBERS) {
      if (Object.hasOwn(jwk, member)) {
        ctx.addIssue({
          code: 'custom',
          path: [member],
          message: 'is private key material and must never be sent; send the public key only',
        });
      }
    }
  });
export type JwkPublicKey = z.infer<typeof jwkPublicKeySchema>;

/**
 * An authorization detail carrying the cds-wg3-01 §7.4.6 "Additional JWK Encryption" field: `type` is
 * the scope id, `jwk` the device's public key or `null` (plain HTTPS responses).
 */
export const jwkAuthorizationDetailSchema = authorizationDetailSchema.extend({
  jwk: jwkPublicKeySchema.nullable(),
});
export type JwkAuthorizationDetail = z.infer<typeof jwkAuthorizationDetailSchema>;

/** An `authorization_details` list whose entries carry the `jwk` field (a PAR or token request). */
export const jwkAuthorizationDetailsSchema = z.array(jwkAuthorizationDetailSchema);
