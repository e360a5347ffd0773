import type { SandboxContext } from './context';
import { newId } from './ids';
import { CLIENT_ADMIN_SCOPE, scopeDescriptions, splitScope } from './scopes';
import type { ClientRecord, Json } from './state';

export const DEFAULT_REDIRECT_PATH = '/receipt';

/** Server-derived facts of a Client Object's scopes (cds-wg1-02 §5.5: not Client-modifiable). */
export function derivedFields(base: string, scope: string): Json {
  const descriptions = scopeDescriptions(base);
  const list = splitScope(scope)
    .map((s) => descriptions[s])
    .filter((d): d is Json => d !== undefined);
  const union = (key: string): string[] => [...new Set(list.flatMap((d) => d[key] as string[]))];
  const methods = union('token_endpoint_auth_methods_supported');
  return {
    grant_types: union('grant_types_supported'),
    response_types: union('response_types_supported'),
    token_endpoint_auth_method: methods.includes('client_secret_basic') ? 'client_secret_basic' : null,
    authorization_details_types: union('authorization_details_types_supported'),
  };
}

export function defaultRedirectUri(ctx: SandboxContext): string {
  return `${ctx.base}${DEFAULT_REDIRECT_PATH}`;
}

export interface NewClientOptions {
  registrationId?: string;
  scope: string;
  status: 'production' | 'sandbox';
  metadata: Json;
  registrationValues: Json;
}

/** A Client Object per cds-wg1-02 §5.1 (and §4.2 for what registration must set). */
export function createClientObject(ctx: SandboxContext, options: NewClientOptions): ClientRecord {
  const id = newId();
  const now = ctx.nowIso();
  const derived = derivedFields(ctx.base, options.scope);
  const isAdmin = splitScope(options.scope).includes(CLIENT_ADMIN_SCOPE);
  const codeFlow = (derived.response_types as string[]).length > 0;
  const object: Json = {
    client_id: id,
    client_id_issued_at: ctx.clock.nowSeconds(),
    scope: options.scope,
    // §4.2: registration ignores submitted redirect_uris; code-flow objects get the receipt redirect.
    redirect_uris: codeFlow ? [defaultRedirectUri(ctx)] : [],
    ...derived,
    client_name: id,
    contacts: [],
    ...options.metadata,
    cds_created: now,
    cds_modified: now,
    cds_client_uri: ctx.api(`/clients/${id}`),
    cds_status: options.status,
    // §5.1: never `disabled` for the admin object, always for the others; §4.2: never both
    // production and sandbox.
    cds_status_options: isAdmin ? [options.status] : [options.status, 'disabled'],
    cds_server_metadata: ctx.api(`/clients/${id}/cds-server-metadata`),
  };
  if (object.client_name === undefined || object.client_name === null) object.client_name = id;
  if (codeFlow) {
    object.cds_default_scope = options.scope;
    object.cds_default_redirect_uri = defaultRedirectUri(ctx);
    object.cds_default_authorization_details = [];
  }
  for (const [key, value] of Object.entries(options.registrationValues)) object[key] = value;
  const record: ClientRecord = {
    registrationId: options.registrationId ?? id,
    object,
    registrationValues: options.registrationValues,
    disabledAt: null,
  };
  ctx.state.clients[id] = record;
  return record;
}

/** The Client Object with its internal fields only (no secret ever: §5.1). */
export function publicClient(record: ClientRecord): Json {
  return { ...record.object };
}
