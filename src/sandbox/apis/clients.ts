import type { FastifyInstance } from 'fastify';
import { requireClientAdmin } from '../auth';
import { defaultRedirectUri, derivedFields, publicClient } from '../client-objects';
import type { SandboxContext } from '../context';
import { badRequest, notFound } from '../errors';
import { jsonBody, requestUrl } from '../http-body';
import { authorizationServerMetadata, cdsServerMetadata } from '../metadata';
import { normaliseDetails } from '../oauth/authorization-details';
import { listParam, newestFirst, paginate } from '../pagination';
import { checkRegistrationValue, isHttpUrl } from '../registration-fields';
import { CLIENT_ADMIN_SCOPE, registrationFields, scopeDescriptions, splitScope } from '../scopes';
import type { ClientRecord, Json } from '../state';

/** cds-wg1-02 §5.5: fields the Client may never change (cds_modified is the Server's clock, ignored). */
const IMMUTABLE = [
  'client_id',
  'client_id_issued_at',
  'grant_types',
  'response_types',
  'token_endpoint_auth_method',
  'cds_created',
  'cds_client_uri',
  'cds_server_metadata',
  'cds_status_options',
];
const URL_FIELDS = ['client_uri', 'logo_uri', 'tos_uri', 'policy_uri'];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function owned(ctx: SandboxContext, registrationId: string, clientId: string): ClientRecord {
  const record = ctx.client(clientId);
  if (!record || record.registrationId !== registrationId) throw notFound('The Client Object');
  return record;
}

function checkRedirectUri(uri: unknown): string {
  if (typeof uri !== 'string' || uri.length > 2000)
    throw badRequest('Each redirect_uri must be a URL string.');
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw badRequest(`The redirect_uri ${uri} is not an absolute URL.`);
  }
  // RFC 6749 §3.1.2: absolute, no fragment; RFC 8252: https, loopback http or a private-use scheme.
  const loopback = u.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname);
  const privateUse = /^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:$/.test(u.protocol);
  if (u.hash !== '' || !(u.protocol === 'https:' || loopback || privateUse)) {
    throw badRequest(
      `The redirect_uri ${uri} must be https, loopback http or a private-use scheme, without a fragment.`,
    );
  }
  return uri;
}

/** Builds the Client Object the PUT asks for; returns synchronous changes and those needing review. */
function planUpdate(ctx: SandboxContext, record: ClientRecord, body: Json): { next: Json; review: Json } {
  const current = record.object;
  const next: Json = { ...current };
  const review: Json = {};
  if ('client_secret' in body || 'client_secret_expires_at' in body) {
    throw badRequest('client_secret and client_secret_expires_at are managed through the Credentials API.');
  }
  for (const key of IMMUTABLE) {
    if (key in body && !same(body[key], current[key])) throw badRequest(`${key} cannot be modified.`);
  }
  // scope (§5.5): removals are immediate; additions must fit this Client Object and need review.
  const currentScopes = splitScope(current.scope as string);
  const isAdmin = currentScopes.includes(CLIENT_ADMIN_SCOPE);
  if ('scope' in body) {
    if (typeof body.scope !== 'string') throw badRequest('scope must be a string.');
    const asked = [...new Set(splitScope(body.scope))];
    const descriptions = scopeDescriptions(ctx.base);
    if (asked.length === 0 || asked.some((s) => !(s in descriptions)))
      throw badRequest('scope names unknown scopes.');
    if (isAdmin && (asked.length !== 1 || asked[0] !== CLIENT_ADMIN_SCOPE)) {
      throw badRequest('The cds_client_admin Client Object keeps the cds_client_admin scope.');
    }
    const derived = derivedFields(ctx.base, asked.join(' '));
    if (
      !same(derived.grant_types, current.grant_types) ||
      !same(derived.response_types, current.response_types)
    ) {
      throw badRequest(
        'Those scopes need a different kind of Client Object (grant and response types differ).',
      );
    }
    const kept = asked.filter((s) => currentScopes.includes(s));
    const added = asked.filter((s) => !currentScopes.includes(s));
    if (kept.length === 0) throw badRequest('scope must keep at least one of the current scopes.');
    next.scope = kept.join(' ');
    next.authorization_details_types = derivedFields(
      ctx.base,
      next.scope as string,
    ).authorization_details_types;
    if (added.length > 0) review.scope = asked.join(' ');
  }
  if ('authorization_details_types' in body) {
    const expected = derivedFields(
      ctx.base,
      (review.scope ?? next.scope) as string,
    ).authorization_details_types;
    if (
      !same(body.authorization_details_types, expected) &&
      !same(body.authorization_details_types, current.authorization_details_types)
    ) {
      throw badRequest('authorization_details_types follows from scope and cannot be set.');
    }
  }
  // §5.5: a field left out goes back to the Server default.
  const codeFlow = (current.response_types as string[]).length > 0;
  const receipt = defaultRedirectUri(ctx);
  if (
    body.redirect_uris === undefined ||
    (Array.isArray(body.redirect_uris) && body.redirect_uris.length === 0)
  ) {
    next.redirect_uris = codeFlow ? [receipt] : [];
  } else {
    if (!Array.isArray(body.redirect_uris)) throw badRequest('redirect_uris must be a list.');
    if (!codeFlow)
      throw badRequest('This Client Object has no response_types, so it takes no redirect_uris (§4.1).');
    if (body.redirect_uris.length > 20) throw badRequest('At most 20 redirect_uris are allowed.');
    next.redirect_uris = [...new Set(body.redirect_uris.map(checkRedirectUri))];
  }
  if (body.client_name === undefined) next.client_name = current.client_id;
  else if (
    typeof body.client_name !== 'string' ||
    body.client_name.length === 0 ||
    body.client_name.length > 200
  ) {
    throw badRequest('client_name must be a string of 1 to 200 characters.');
  } else next.client_name = body.client_name;
  for (const key of URL_FIELDS) {
    if (body[key] === undefined || body[key] === null) delete next[key];
    else if (!isHttpUrl(body[key])) throw badRequest(`${key} must be an http(s) URL.`);
    else next[key] = body[key];
  }
  if (body.contacts === undefined) next.contacts = [];
  else if (
    !Array.isArray(body.contacts) ||
    !body.contacts.every((c) => typeof c === 'string' && c.length <= 254)
  ) {
    throw badRequest('contacts must be a list of strings.');
  } else next.contacts = body.contacts;

  const options = current.cds_status_options as string[];
  if (body.cds_status === undefined) next.cds_status = options[0];
  else if (typeof body.cds_status !== 'string' || !options.includes(body.cds_status)) {
    throw badRequest(`cds_status must be one of: ${options.join(', ')}.`);
  } else next.cds_status = body.cds_status;

  if (codeFlow) {
    const scopes = splitScope(next.scope as string);
    if (body.cds_default_scope === undefined) next.cds_default_scope = next.scope;
    else if (
      typeof body.cds_default_scope !== 'string' ||
      !splitScope(body.cds_default_scope).every((s) => scopes.includes(s))
    ) {
      throw badRequest("cds_default_scope must be made of this Client Object's scopes.");
    } else next.cds_default_scope = body.cds_default_scope;
    const uris = next.redirect_uris as string[];
    if (body.cds_default_redirect_uri === undefined)
      next.cds_default_redirect_uri = uris.includes(receipt) ? receipt : uris[0];
    else if (
      typeof body.cds_default_redirect_uri !== 'string' ||
      !uris.includes(body.cds_default_redirect_uri)
    ) {
      throw badRequest('cds_default_redirect_uri must be one of the redirect_uris.');
    } else next.cds_default_redirect_uri = body.cds_default_redirect_uri;
    if (body.cds_default_authorization_details === undefined) next.cds_default_authorization_details = [];
    else {
      if (!Array.isArray(body.cds_default_authorization_details))
        throw badRequest('cds_default_authorization_details must be a list.');
      try {
        normaliseDetails(
          ctx.base,
          next.authorization_details_types as string[],
          body.cds_default_authorization_details as Json[],
          ctx.clock.now(),
        );
      } catch (error) {
        throw badRequest(`cds_default_authorization_details: ${(error as Error).message}`);
      }
      next.cds_default_authorization_details = body.cds_default_authorization_details;
    }
  } else {
    for (const key of [
      'cds_default_scope',
      'cds_default_redirect_uri',
      'cds_default_authorization_details',
    ]) {
      if (body[key] !== undefined && body[key] !== null)
        throw badRequest(`${key} applies only to Client Objects with response_types.`);
    }
  }
  // Registration field values: changes are checked, then reviewed by the Server (202).
  const fields = Object.values(registrationFields(ctx.base));
  for (const [name, value] of Object.entries(record.registrationValues)) {
    if (!(name in body) || same(body[name], value)) continue;
    const field = fields.find((f) => f.field_name === name);
    if (field) {
      try {
        checkRegistrationValue(field, body[name]);
      } catch (error) {
        throw badRequest((error as Error).message);
      }
    }
    review[name] = body[name];
  }
  return { next, review };
}

/** cds-wg1-02 §5 Clients API and the per-Client-Object metadata of §5.1. */
export function registerClientsApi(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/cds-api/v1/clients', async (request) => {
    const token = requireClientAdmin(ctx, request);
    const url = requestUrl(request, ctx.base);
    const ids = listParam(url, 'client_ids');
    const list = newestFirst(
      ctx.clientsOf(token.registrationId).filter((c) => !ids || ids.has(c.object.client_id as string)),
      (c) => c.object.cds_modified as string,
    );
    const p = paginate(list, url, ctx.settings.pageSize);
    return { clients: p.items.map(publicClient), next: p.next, previous: p.previous };
  });

  app.get<{ Params: { id: string } }>('/cds-api/v1/clients/:id', async (request) => {
    const token = requireClientAdmin(ctx, request);
    return publicClient(owned(ctx, token.registrationId, request.params.id));
  });

  app.put<{ Params: { id: string } }>('/cds-api/v1/clients/:id', async (request, reply) => {
    const token = requireClientAdmin(ctx, request);
    const record = owned(ctx, token.registrationId, request.params.id);
    const { next, review } = planUpdate(ctx, record, jsonBody(request));
    const changed = Object.keys({ ...record.object, ...next }).filter(
      (k) => !same(record.object[k], next[k]),
    );
    if (changed.length > 0) {
      const now = ctx.nowIso();
      if (next.cds_status === 'disabled' && record.object.cds_status !== 'disabled') {
        // §7.1: a disabled Client Object's secrets expire when it is disabled, with their tokens.
        const at = ctx.clock.nowSeconds();
        record.disabledAt = at;
        for (const c of Object.values(ctx.state.credentials)) {
          if (c.object.client_id === record.object.client_id) ctx.expireCredential(c, at);
        }
      }
      record.object = { ...next, cds_modified: now };
      ctx.changelog(
        token.registrationId,
        'Client Object modified',
        `These fields of ${record.object.client_id} changed: ${changed.join(', ')}.`,
        { uri: record.object.cds_client_uri as string, type: 'client' },
      );
    }
    if (Object.keys(review).length > 0) {
      // §5.5: 202 and a field_changes Message for what waits for the Server's review.
      const message = ctx.addMessage(token.registrationId, {
        type: 'field_changes',
        status: 'pending',
        name: 'Client Object changes under review',
        description: `We are reviewing your changes to ${Object.keys(review).join(', ')}.`,
        updates_requested: Object.entries(review).map(([field, value]) => ({
          field,
          previous_value: record.object[field],
          new_value: value,
        })),
        related_uri: record.object.cds_client_uri,
        related_type: 'client',
      });
      ctx.state.reviews[message.object.message_id] = {
        clientId: record.object.client_id as string,
        changes: review,
      };
      reply.code(202);
    }
    return publicClient(record);
  });

  // §5.1 cds_server_metadata: Client Object specific, so it needs the client-admin Bearer token (401).
  app.get<{ Params: { id: string } }>('/cds-api/v1/clients/:id/cds-server-metadata', async (request) => {
    const token = requireClientAdmin(ctx, request);
    const record = owned(ctx, token.registrationId, request.params.id);
    const url = ctx.api(`/clients/${record.object.client_id}/cds-server-metadata`);
    return cdsServerMetadata(ctx.base, ctx.api(`/clients/${record.object.client_id}/oauth-metadata`), url);
  });

  app.get<{ Params: { id: string } }>('/cds-api/v1/clients/:id/oauth-metadata', async (request) => {
    const token = requireClientAdmin(ctx, request);
    const record = owned(ctx, token.registrationId, request.params.id);
    return authorizationServerMetadata(ctx.base, splitScope(record.object.scope as string));
  });
}
