import { z } from 'zod';
import { method } from './define';

/** Is the Server answering? `unknown` until the first contact after start. */
export const serverStatus = z.enum(['unknown', 'reachable', 'unreachable', 'error']);
export type ServerStatus = z.infer<typeof serverStatus>;

/**
 * Which environment the Client Objects of a Server are in (cds-wg1-02 §5.2): `none` before
 * registration, `mixed` when sandbox and production Client Objects both exist.
 */
export const serverEnvironment = z.enum(['none', 'sandbox', 'production', 'mixed']);

/** One row of the Servers list. */
export const serverSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** The CDS Server Metadata URL (cds-wg1-01 §3.1); null when added by its authorization server metadata URL. */
  metadataUrl: z.string().nullable(),
  issuer: z.string(),
  /** Started in-process by `servers.addDemo`. */
  demo: z.boolean(),
  status: serverStatus,
  statusMessage: z.string().nullable(),
  registered: z.boolean(),
  environment: serverEnvironment,
  unreadCount: z.number().int().nonnegative(),
  lastSync: z.string().nullable(),
  lastSyncError: z.string().nullable(),
});
export type ServerSummary = z.infer<typeof serverSummary>;

/** A registration field of a scope (cds-wg1-02 §3.5), as a form shows it. */
export const registrationFieldView = z.object({
  id: z.string(),
  type: z.string(),
  /** `input`: the person fills it in; `after-registration`: a review, payment or form afterwards (§3.6). */
  kind: z.enum(['input', 'after-registration']),
  fieldName: z.string().nullable(),
  format: z.string().nullable(),
  required: z.boolean(),
  nullable: z.boolean(),
  /** This app offers an input for the format (§3.7). */
  supported: z.boolean(),
  description: z.string(),
  documentation: z.string(),
  maxLength: z.number().nullable(),
  maxSize: z.number().nullable(),
  amount: z.string().nullable(),
  currency: z.string().nullable(),
  scopes: z.array(z.string()),
});
export type RegistrationFieldView = z.infer<typeof registrationFieldView>;

/** A scope the Server describes (cds-wg1-02 §3.4), classified by its `type` (§3.3). */
export const scopeView = z.object({
  id: z.string(),
  type: z.string(),
  kind: z.enum(['clientAdmin', 'grantAdmin', 'serverProvidedFiles', 'customerData', 'unknown']),
  name: z.string(),
  description: z.string(),
  documentation: z.string(),
  compatible: z.boolean(),
  registrable: z.boolean(),
  userAuthorization: z.boolean(),
  grantAdminScope: z.string().nullable(),
  coverageIds: z.array(z.string()),
  requirements: z.array(registrationFieldView),
  optional: z.array(registrationFieldView),
  /** Every requirement is an input this app can fill without a file (image/pdf). */
  plainlyFillable: z.boolean(),
});
export type ScopeView = z.infer<typeof scopeView>;

/** What a Server's coverage listing (cds-wg1-01 §4) covers, summed up; the state caches it too. */
export const coverageSummaryView = z.object({
  entryCount: z.number(),
  entities: z.array(z.string()),
  countries: z.array(z.string()),
  commodityTypes: z.array(z.string()),
  infrastructureTypes: z.array(z.string()),
  roles: z.array(z.string()),
});

export const coverageView = coverageSummaryView.extend({
  complete: z.boolean(),
  error: z.string().nullable(),
});

/** A step the Server needs after registration (cds-wg1-02 §3.6), with the Message that tracks it. */
export const registrationTodo = z.object({
  id: z.string(),
  /** The requirement type (`internal_review`, `payment_required`, ...) or the Message type found later. */
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  /** The tracking Message's status (§6.3), or `waiting` before the Server has created one. */
  status: z.string(),
  fieldId: z.string().nullable(),
  messageId: z.string().nullable(),
  messageUri: z.string().nullable(),
  link: z.object({ uri: z.string(), type: z.string().nullable() }).nullable(),
  amount: z.string().nullable(),
  currency: z.string().nullable(),
});
export type RegistrationTodo = z.infer<typeof registrationTodo>;

export const registrationInfo = z.object({
  adminClientId: z.string(),
  registeredAt: z.string(),
  scopes: z.array(z.string()),
  clientName: z.string().nullable(),
  todos: z.array(registrationTodo),
});

/** The Server page: metadata, coverage, scopes with their requirements, links. */
export const serverOverview = serverSummary.extend({
  description: z.string().nullable(),
  oauthMetadataUrl: z.string(),
  website: z.string().nullable(),
  documentation: z.string().nullable(),
  support: z.string().nullable(),
  capabilities: z.array(z.string()),
  coverage: coverageView,
  scopes: z.array(scopeView),
  links: z.array(z.object({ label: z.string(), uri: z.string() })),
  registration: registrationInfo.nullable(),
  warnings: z.array(z.string()),
  legacyDraft: z.boolean(),
  /** cds-wg1-02 §3.2 `cds_timezone`: the Server's reference for relative dates; null when not given. */
  timezone: z.string().nullable(),
});
export type ServerOverview = z.infer<typeof serverOverview>;

export const syncReport = z.object({
  serverId: z.string(),
  ok: z.boolean(),
  at: z.string(),
  /** What each area did: `clients: 4`, `credentials: 5`. */
  counts: z.record(z.string(), z.number()),
  errors: z.array(z.string()),
});
export type SyncReport = z.infer<typeof syncReport>;

export const removalReport = z.object({
  serverId: z.string(),
  name: z.string(),
  revoked: z.number(),
  revocationFailures: z.array(z.string()),
  deleted: z.literal(true),
});
export type RemovalReport = z.infer<typeof removalReport>;

export const addServerInput = z.object({
  url: z.string().min(1).max(2048),
  name: z.string().min(1).max(100).optional(),
});

export const serversMethods = {
  'servers.add': method(z.tuple([addServerInput]), serverSummary),
  'servers.addDemo': method(
    z.tuple([z.object({ name: z.string().min(1).max(100).optional() }).optional()]),
    serverSummary,
  ),
  'servers.list': method(z.tuple([]), z.array(serverSummary)),
  'servers.get': method(z.tuple([z.string()]), serverOverview),
  'servers.remove': method(z.tuple([z.string()]), removalReport),
  'servers.sync': method(z.tuple([z.string()]), syncReport),
  'servers.syncAll': method(z.tuple([]), z.array(syncReport)),
};

export const serversEvents = {
  /** A Server was added, removed, renamed, synced or changed status; `null`: the whole list. */
  'servers.changed': z.object({
    serverId: z.string().nullable(),
    reason: z.enum(['added', 'removed', 'updated', 'synced', 'status']),
  }),
};
