import { z } from 'zod';
import { openEnum } from './open-enum';
import {
  authorizationDetailsSchema,
  datetimeSchema,
  nullableDatetimeSchema,
  pageLinkSchema,
  urlSchema,
} from './primitives';

/** cds-wg1-02 §8.2 */
export const GRANT_STATUSES = [
  'active',
  'future',
  'pending',
  'partial',
  'needs_authorization',
  'needs_sub_grants',
  'disabled',
  'suspended',
  'revoked',
  'closed',
  'expired',
  'delayed',
  'stopped',
  'errored',
] as const;
export const grantStatusSchema = openEnum(GRANT_STATUSES);
export type GrantStatus = z.infer<typeof grantStatusSchema>;

/** Statuses under which nothing the Grant gave is reachable any more (cds-wg1-02 §8.2). */
export const INACTIVE_GRANT_STATUSES = [
  'future',
  'disabled',
  'suspended',
  'revoked',
  'closed',
  'expired',
] as const;

/** Grant (cds-wg1-02 §8.1) */
export const grantSchema = z.looseObject({
  grant_id: z.string(),
  uri: urlSchema,
  replacing: z.array(urlSchema),
  replaced_by: z.array(urlSchema),
  parent: z.string().nullable(),
  children: z.array(z.string()),
  created: datetimeSchema,
  modified: datetimeSchema,
  not_before: nullableDatetimeSchema,
  not_after: nullableDatetimeSchema,
  eta: nullableDatetimeSchema,
  expires: nullableDatetimeSchema,
  status: grantStatusSchema,
  client_id: z.string(),
  scope: z.string(),
  authorization_details: authorizationDetailsSchema,
  receipt_confirmations: z.array(z.string()),
  enabled_scope: z.string(),
  enabled_authorization_details: authorizationDetailsSchema,
});
export type Grant = z.infer<typeof grantSchema>;

/** cds-wg1-02 §8.4 */
export const grantListingSchema = z.looseObject({
  grants: z.array(grantSchema),
  next: pageLinkSchema,
  previous: pageLinkSchema,
});
export type GrantListing = z.infer<typeof grantListingSchema>;

/** Body of a Grant modification (cds-wg1-02 §8.6): a Client may only set `status` to `closed`. */
export const grantModifyRequestSchema = z.looseObject({
  status: grantStatusSchema.optional(),
  scope: z.string().optional(),
  authorization_details: authorizationDetailsSchema.optional(),
});
export type GrantModifyRequest = z.infer<typeof grantModifyRequestSchema>;
