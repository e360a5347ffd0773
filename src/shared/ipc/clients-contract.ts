import { z } from 'zod';
import { method } from './define';

/** A Client Object (cds-wg1-02 §5.1) for a list or a page: the object as the Server gave it, plus what a view needs. */
export const clientView = z.object({
  serverId: z.string(),
  clientId: z.string(),
  name: z.string(),
  scope: z.string(),
  scopes: z.array(z.string()),
  /** The `cds_client_admin` Client Object of the registration. */
  admin: z.boolean(),
  status: z.string(),
  statusOptions: z.array(z.string()),
  redirectUris: z.array(z.string()),
  defaultRedirectUri: z.string().nullable(),
  userAuthorization: z.boolean(),
  created: z.string(),
  modified: z.string(),
  /** The Client Object exactly as the Server sent it (it never carries a secret: §5.1). */
  object: z.record(z.string(), z.unknown()),
});
export type ClientView = z.infer<typeof clientView>;

export const clientScopeView = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  description: z.string(),
  coverageIds: z.array(z.string()),
  authorizationDetailsFields: z.array(z.string()),
});

export const clientDetail = clientView.extend({
  /** The Client Object's own `cds_server_metadata` (may narrow scopes) or null when it could not be read. */
  metadata: z
    .object({
      cdsMetadataUrl: z.string(),
      oauthMetadataUrl: z.string(),
      samePublicMetadata: z.boolean(),
      authenticated: z.boolean(),
      scopes: z.array(clientScopeView),
    })
    .nullable(),
  metadataError: z.string().nullable(),
});
export type ClientDetail = z.infer<typeof clientDetail>;

/** Changes to a Client Object; the Companion turns them into the full-object PUT of §5.5. */
export const clientChanges = z.object({
  addRedirectUris: z.array(z.string()).optional(),
  removeRedirectUris: z.array(z.string()).optional(),
  /** Leave `redirect_uris` out of the PUT: the Server puts back its default receipt URI (§4.2, §5.5). */
  resetRedirectUris: z.boolean().optional(),
  name: z.string().min(1).max(200).optional(),
  contacts: z.array(z.string()).optional(),
  clientUri: z.string().nullable().optional(),
  logoUri: z.string().nullable().optional(),
  tosUri: z.string().nullable().optional(),
  policyUri: z.string().nullable().optional(),
  /** One of the Client Object's `cds_status_options` (§5.1). */
  status: z.string().optional(),
  defaultRedirectUri: z.string().optional(),
  /** Other members to change, e.g. a registration field value (`cds_company_name`); may need review (§5.5). */
  extraFields: z.record(z.string().regex(/^cds_/), z.unknown()).optional(),
});
export type ClientChanges = z.infer<typeof clientChanges>;

export const messageRef = z.object({
  messageId: z.string(),
  uri: z.string(),
  name: z.string(),
  status: z.string(),
});

export const clientUpdateResult = z.object({
  client: clientView,
  /** 202 (§5.5): some fields wait for the Server's review. */
  accepted: z.boolean(),
  pendingFields: z.array(z.string()),
  reviewMessage: messageRef.nullable(),
});
export type ClientUpdateResult = z.infer<typeof clientUpdateResult>;

export const productionRequestResult = z.object({
  message: messageRef,
});

export const productionStatus = z.object({
  /** The production_request Message's status, as overridden by its newest request_update (§6.3). */
  status: z.string(),
  message: messageRef,
  productionClient: clientView.nullable(),
});
export type ProductionStatus = z.infer<typeof productionStatus>;

export const clientsMethods = {
  'clients.list': method(
    z.tuple([z.string(), z.object({ clientIds: z.array(z.string()).optional() }).optional()]),
    z.array(clientView),
  ),
  'clients.get': method(z.tuple([z.string(), z.string()]), clientDetail),
  'clients.update': method(z.tuple([z.string(), z.string(), clientChanges]), clientUpdateResult),
  /** Sends a production_request Message for a sandbox Client Object (§6.2). */
  'clients.requestProduction': method(
    z.tuple([z.string(), z.string(), z.object({ description: z.string().optional() }).optional()]),
    productionRequestResult,
  ),
  /** Follows a production_request to the production Client Object once complete. */
  'clients.productionStatus': method(z.tuple([z.string(), z.string()]), productionStatus),
};

export const clientsEvents = {
  'clients.changed': z.object({ serverId: z.string() }),
};
