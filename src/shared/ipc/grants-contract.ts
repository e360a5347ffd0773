import { z } from 'zod';
import { method } from './define';

/** Another Grant named by this one (parent, children, replacing, replaced_by), resolved when known. */
export const grantLink = z.object({
  grantId: z.string().nullable(),
  uri: z.string().nullable(),
  /** Its status when this app has seen it; null when it is not in the listing. */
  status: z.string().nullable(),
  scope: z.string().nullable(),
});
export type GrantLink = z.infer<typeof grantLink>;

/** A Grant (cds-wg1-02 §8.1) with its status in plain words (§8.2) and its relations resolved. */
export const grantView = z.object({
  serverId: z.string(),
  grantId: z.string(),
  uri: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  statusExplanation: z.string(),
  /** §8.2: false when nothing of the Grant is reachable. */
  accessible: z.boolean(),
  clientId: z.string(),
  scope: z.string(),
  enabledScope: z.string(),
  authorizationDetails: z.array(z.record(z.string(), z.unknown())),
  enabledAuthorizationDetails: z.array(z.record(z.string(), z.unknown())),
  receiptConfirmations: z.array(z.string()),
  created: z.string(),
  modified: z.string(),
  notBefore: z.string().nullable(),
  notAfter: z.string().nullable(),
  eta: z.string().nullable(),
  expires: z.string().nullable(),
  parent: grantLink.nullable(),
  children: z.array(grantLink),
  replacing: z.array(grantLink),
  replacedBy: z.array(grantLink),
  /** The Grant as the Server gave it. */
  object: z.record(z.string(), z.unknown()),
});
export type GrantView = z.infer<typeof grantView>;

/** §8.4 filters (intersected by the Server). */
export const grantFilter = z.object({
  grantIds: z.array(z.string()).optional(),
  parents: z.array(z.string()).optional(),
  statuses: z.array(z.string()).optional(),
  clientIds: z.array(z.string()).optional(),
  scopes: z.array(z.string()).optional(),
  receiptConfirmations: z.array(z.string()).optional(),
  after: z.string().optional(),
  before: z.string().optional(),
});
export type GrantFilterInput = z.infer<typeof grantFilter>;

export const grantChangeInput = z.object({
  scope: z.string().min(1).optional(),
  authorizationDetails: z.array(z.looseObject({ type: z.string() })).optional(),
});

export const grantChangeResult = z.object({
  grant: grantView,
  /** 202 (§8.6): the Server reviews the change; the Grant is pending meanwhile. */
  accepted: z.boolean(),
  /** The field_changes Message tracking the review, when the Server created one. */
  reviewMessage: z
    .object({ messageId: z.string(), uri: z.string(), name: z.string(), status: z.string() })
    .nullable(),
});
export type GrantChangeResult = z.infer<typeof grantChangeResult>;

export const grantsMethods = {
  'grants.list': method(z.tuple([z.string(), grantFilter.optional()]), z.array(grantView)),
  'grants.get': method(z.tuple([z.string(), z.string()]), grantView),
  /** PATCH status closed (§8.6): access ends for good. */
  'grants.close': method(z.tuple([z.string(), z.string()]), grantView),
  /** PATCH scope and/or authorization_details (§8.6): 200 done, 202 under review. */
  'grants.change': method(z.tuple([z.string(), z.string(), grantChangeInput]), grantChangeResult),
};

export const grantsEvents = {
  'grants.changed': z.object({ serverId: z.string() }),
};
