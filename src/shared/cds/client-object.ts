import { z } from 'zod';
import { openEnum } from './open-enum';
import { authorizationDetailsSchema, datetimeSchema, pageLinkSchema, urlSchema } from './primitives';

/** cds-wg1-02 §5.2 */
export const CLIENT_STATUSES = ['production', 'sandbox', 'disabled'] as const;
export const clientStatusSchema = openEnum(CLIENT_STATUSES);
export type ClientStatus = z.infer<typeof clientStatusSchema>;

/**
 * `null` when no auth method is configured (§5.1). The 2025-10 draft's §12.3 example sends a one-item
 * list (`["client_secret_basic"]`); its single entry is taken, so those Servers still register.
 */
const tokenEndpointAuthMethodSchema = z.union([
  z.string(),
  z.null(),
  z
    .array(z.string())
    .max(1)
    .transform((methods) => methods[0] ?? null),
]);

/**
 * The Client Object (cds-wg1-02 §5.1): RFC 7591 client metadata with CDS additions.
 * Every §12 example omits `contacts` and one omits `client_name`; §5.1 gives their defaults (`[]` and
 * the `client_id`), which are filled in here so the rest of the app sees the spec's shape.
 * The shape is shared with the registration response, which adds the one inline `client_secret`.
 */
export const clientObjectShape = {
  client_id: z.string(),
  client_id_issued_at: z.number().int(),
  scope: z.string(),
  redirect_uris: z.array(urlSchema),
  token_endpoint_auth_method: tokenEndpointAuthMethodSchema,
  grant_types: z.array(z.string()),
  response_types: z.array(z.string()),
  client_name: z.string().optional(),
  contacts: z.array(z.string()).default([]),
  // RFC 9396 §10
  authorization_details_types: z.array(z.string()),
  client_uri: urlSchema.optional(),
  logo_uri: urlSchema.optional(),
  tos_uri: urlSchema.optional(),
  policy_uri: urlSchema.optional(),
  cds_created: datetimeSchema,
  cds_modified: datetimeSchema,
  cds_client_uri: urlSchema,
  cds_status: clientStatusSchema,
  cds_status_options: z.array(clientStatusSchema),
  cds_server_metadata: urlSchema,
  // REQUIRED when `response_types` is non-empty (§5.1); checked where authorization requests are built.
  cds_default_scope: z.string().optional(),
  cds_default_redirect_uri: urlSchema.optional(),
  cds_default_authorization_details: authorizationDetailsSchema.optional(),
};

export function withDefaultName<T extends { client_id: string; client_name?: string | undefined }>(
  client: T,
): T & { client_name: string } {
  return { ...client, client_name: client.client_name ?? client.client_id };
}

export const clientObjectSchema = z.looseObject(clientObjectShape).transform(withDefaultName);
export type ClientObject = z.infer<typeof clientObjectSchema>;

/** cds-wg1-02 §5.3 */
export const clientListingSchema = z.looseObject({
  clients: z.array(clientObjectSchema),
  next: pageLinkSchema,
  previous: pageLinkSchema,
});
export type ClientListing = z.infer<typeof clientListingSchema>;

/**
 * The body of a Client Object update (cds-wg1-02 §5.5, RFC 7592 §2.2): the whole object as the Client
 * wants it; fields left out are reset to the Server default, read-only fields are echoed or omitted.
 */
export const clientModifyRequestSchema = z.looseObject({
  redirect_uris: z.array(urlSchema).optional(),
  client_name: z.string().optional(),
  client_uri: urlSchema.optional(),
  logo_uri: urlSchema.optional(),
  scope: z.string().optional(),
  contacts: z.array(z.string()).optional(),
  tos_uri: urlSchema.optional(),
  policy_uri: urlSchema.optional(),
  cds_status: clientStatusSchema.optional(),
  cds_default_scope: z.string().optional(),
  cds_default_redirect_uri: urlSchema.optional(),
  cds_default_authorization_details: authorizationDetailsSchema.optional(),
});
export type ClientModifyRequest = z.infer<typeof clientModifyRequestSchema>;
