import { z } from 'zod';
import { customerDataMetadataShape } from './customer-data';
import { openEnum } from './open-enum';
import { DECIMAL_PATTERN, decimalSchema, urlSchema } from './primitives';
import { type ScopeKind, scopeKind } from './scope-types';

/** cds-wg1-02 §3.6 */
export const REGISTRATION_FIELD_TYPES = [
  'registration_field',
  'internal_review',
  'payment_required',
  'email_verification',
  'sso_verification',
  'pdf_form',
  'online_form',
] as const;
export const registrationFieldTypeSchema = openEnum(REGISTRATION_FIELD_TYPES);

/** cds-wg1-02 §3.7, extended by cds-wg3-01 §5.1 with `purposes` and `purposes_or_null`. */
export const REGISTRATION_FIELD_FORMATS = [
  'string',
  'string_or_null',
  'url',
  'url_or_null',
  'email',
  'email_or_null',
  'boolean',
  'boolean_or_null',
  'image',
  'image_or_null',
  'pdf',
  'pdf_or_null',
  'purposes',
  'purposes_or_null',
] as const;
export const registrationFieldFormatSchema = openEnum(REGISTRATION_FIELD_FORMATS);

/** cds-wg1-02 §3.9 */
export const AUTHORIZATION_DETAILS_FIELD_FORMATS = [
  'int',
  'decimal',
  'string',
  'string_or_null',
  'string_list',
  'boolean',
  'relative_or_absolute_date',
  'relative_or_absolute_datetime',
  'choice',
  'jwk_or_null',
] as const;
export const authorizationDetailsFieldFormatSchema = openEnum(AUTHORIZATION_DETAILS_FIELD_FORMATS);

/** cds-wg1-02 §3.5 */
export const registrationFieldSchema = z.looseObject({
  id: z.string(),
  type: registrationFieldTypeSchema,
  description: z.string(),
  documentation: urlSchema,
  field_name: z.string().optional(),
  format: registrationFieldFormatSchema.optional(),
  // Present means the field is optional (§3.5); any JSON value.
  default: z.unknown().optional(),
  max_length: z.number().int().optional(),
  max_size: z.number().int().optional(),
  amount: decimalSchema.optional(),
  currency: z.string().optional(),
});
export type RegistrationField = z.infer<typeof registrationFieldSchema>;

/** cds-wg1-02 §3.10; cds-wg3-01 §5.2 adds `usagesegment_format` (kept as sent). */
export const authorizationDetailsFieldChoiceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  documentation: urlSchema,
});
export type AuthorizationDetailsFieldChoice = z.infer<typeof authorizationDetailsFieldChoiceSchema>;

/** `maximum`/`minimum`/`default` are "various" (§3.8): a number, a string or null by `format`. */
const boundSchema = z.union([z.number(), z.string(), z.null()]);

/**
 * cds-wg1-02 §3.8. For the `decimal` format the bounds are decimals: numbers become their text so no
 * float arithmetic ever happens on them (§3.9), strings must be decimal syntax or `"infinite"`.
 * `for_types` is new in the current draft (absent on Servers built on the 2025-10 draft).
 */
export const authorizationDetailsFieldSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    documentation: urlSchema,
    for_types: z.array(z.string()).optional(),
    format: authorizationDetailsFieldFormatSchema,
    is_required: z.boolean(),
    default: z.unknown().optional(),
    maximum: boundSchema.optional(),
    minimum: boundSchema.optional(),
    choices: z.array(authorizationDetailsFieldChoiceSchema).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.format !== 'decimal') return;
    for (const key of ['maximum', 'minimum'] as const) {
      const bound = field[key];
      if (typeof bound === 'string' && bound !== 'infinite' && !DECIMAL_PATTERN.test(bound)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'should be a decimal number or "infinite"' });
      }
      if (typeof bound === 'number' && !Number.isFinite(bound)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'should be a finite decimal number' });
      }
    }
  })
  .transform((field) => {
    if (field.format !== 'decimal') return field;
    const asText = (bound: unknown) => (typeof bound === 'number' ? String(bound) : bound);
    return {
      ...field,
      ...(field.maximum !== undefined ? { maximum: asText(field.maximum) as string | null } : {}),
      ...(field.minimum !== undefined ? { minimum: asText(field.minimum) as string | null } : {}),
      ...(field.default !== undefined ? { default: asText(field.default) } : {}),
    };
  });
export type AuthorizationDetailsField = z.infer<typeof authorizationDetailsFieldSchema>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Older-draft spellings of a Scope Description, normalized before validation:
 * - `authorization_details_fields` (2025-10 draft example) → `authorization_details_fields_supported`;
 * - a missing `type` → the `id` (§3.4 allows type = id; the 2025-10 example and the current §12.2
 *   `example_custom` omit `type`, and the old ids are exactly the old types);
 * - a missing `registration_optional` → `[]` (omitted by every §12.2 example).
 */
function normalizeScopeDescription(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  if (
    out.authorization_details_fields_supported === undefined &&
    out.authorization_details_fields !== undefined
  ) {
    out.authorization_details_fields_supported = out.authorization_details_fields;
  }
  if (out.type === undefined && typeof out.id === 'string') out.type = out.id;
  if (out.registration_optional === undefined) out.registration_optional = [];
  return out;
}

/** cds-wg1-02 §3.4 */
export const scopeDescriptionSchema = z.preprocess(
  normalizeScopeDescription,
  z.looseObject({
    id: z.string(),
    // Compared with SCOPE_TYPES / LEGACY_SCOPE_TYPES through scopeKind(); any other string is a
    // scope this Client does not know and ignores (§3.3).
    type: z.string(),
    name: z.string(),
    description: z.string(),
    documentation: urlSchema,
    registration_requirements: z.array(z.string()),
    registration_optional: z.array(z.string()),
    response_types_supported: z.array(z.string()),
    grant_types_supported: z.array(z.string()),
    token_endpoint_auth_methods_supported: z.array(z.string()),
    code_challenge_methods_supported: z.array(z.string()),
    coverages_supported: z.array(z.string()),
    // Both new in the current draft; absent on 2025-10 Servers.
    grant_admin_scope: z.string().nullable().optional(),
    authorization_details_types_supported: z.array(z.string()).optional(),
    authorization_details_fields_supported: z.array(authorizationDetailsFieldSchema),
  }),
);
export type ScopeDescription = z.infer<typeof scopeDescriptionSchema>;

/**
 * Older spellings of top-level fields: `cds_scope_credentials_api` is read as `cds_credentials_api`
 * when the latter is absent. The stored 2025-10 draft already says `cds_credentials_api`; the older
 * name is accepted for pre-release Servers that used it, at no cost to current ones.
 */
function normalizeAuthorizationServerMetadata(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  if (value.cds_credentials_api === undefined && typeof value.cds_scope_credentials_api === 'string') {
    return { ...value, cds_credentials_api: value.cds_scope_credentials_api };
  }
  return value;
}

const authorizationServerMetadataShape = {
  // RFC 8414 §2
  issuer: urlSchema,
  authorization_endpoint: urlSchema.optional(),
  token_endpoint: urlSchema,
  jwks_uri: urlSchema.optional(),
  // cds-wg1-02 §3.2: REQUIRED on the public metadata, OPTIONAL on a Client Object's own metadata
  // (reached through its `cds_server_metadata`). Discovery uses publicAuthorizationServerMetadataSchema.
  registration_endpoint: urlSchema.optional(),
  scopes_supported: z.array(z.string()),
  service_documentation: urlSchema,
  op_policy_uri: urlSchema,
  op_tos_uri: urlSchema,
  revocation_endpoint: urlSchema,
  introspection_endpoint: urlSchema,
  code_challenge_methods_supported: z.array(z.string()),
  authorization_details_types_supported: z.array(z.string()),
  pushed_authorization_request_endpoint: urlSchema.optional(),
  response_types_supported: z.array(z.string()),
  grant_types_supported: z.array(z.string()),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  // cds-wg1-02 §3.2 CDS fields
  cds_oauth_version: z.string(),
  cds_human_registration: urlSchema,
  // REQUIRED by §3.2 but missing from the §12.2 example (and the 2025-10 one); relative dates are
  // then read in the Server's documented zone, so its absence is not fatal.
  cds_timezone: z.string().optional(),
  cds_clients_api: urlSchema,
  cds_messages_api: urlSchema,
  cds_credentials_api: urlSchema,
  cds_grants_api: urlSchema,
  cds_server_provided_files_api: urlSchema.optional(),
  cds_test_accounts: urlSchema.optional(),
  cds_scope_descriptions: z.record(z.string(), scopeDescriptionSchema),
  cds_registration_fields: z.record(z.string(), registrationFieldSchema),
  ...customerDataMetadataShape,
};

/** The Authorization Server Metadata with the CDS fields (cds-wg1-02 §3.2, cds-wg3-01 §5). */
export const authorizationServerMetadataSchema = z.preprocess(
  normalizeAuthorizationServerMetadata,
  z.looseObject(authorizationServerMetadataShape),
);
export type AuthorizationServerMetadata = z.infer<typeof authorizationServerMetadataSchema>;

/** The public metadata reached from `oauth_metadata`, where `registration_endpoint` is REQUIRED (§3.2). */
export const publicAuthorizationServerMetadataSchema = z.preprocess(
  normalizeAuthorizationServerMetadata,
  z.looseObject({ ...authorizationServerMetadataShape, registration_endpoint: urlSchema }),
);

/** The Scope Descriptions of a given CDS kind, under either draft's spelling of the type. */
export function scopesOfKind(
  metadata: Pick<AuthorizationServerMetadata, 'cds_scope_descriptions'>,
  kind: ScopeKind,
): ScopeDescription[] {
  return Object.values(metadata.cds_scope_descriptions).filter((scope) => scopeKind(scope.type) === kind);
}
