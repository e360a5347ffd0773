import type { FastifyInstance } from 'fastify';
import { requireClientAdmin } from '../auth';
import { NO_ACCESS_STATUSES, type SandboxContext } from '../context';
import { badRequest, notFound } from '../errors';
import { jsonBody, requestUrl } from '../http-body';
import { checkDetailsShape, normaliseDetails } from '../oauth/authorization-details';
import { datetimeParam, listParam, newestFirst, paginate } from '../pagination';
import { scopeDescriptions, splitScope } from '../scopes';
import type { GrantRecord, Json } from '../state';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function owned(ctx: SandboxContext, registrationId: string, id: string): GrantRecord {
  const g = ctx.grant(id);
  if (!g || g.registrationId !== registrationId) throw notFound('The Grant');
  return g;
}

/** cds-wg1-02 §8.4 filters, intersected. */
function matches(url: URL) {
  const grantIds = listParam(url, 'grant_ids');
  const parents = listParam(url, 'parents');
  const statuses = listParam(url, 'statuses');
  const clientIds = listParam(url, 'client_ids');
  const scopes = listParam(url, 'scopes');
  const receipts = listParam(url, 'receipt_confirmations');
  const after = datetimeParam(url, 'after');
  const before = datetimeParam(url, 'before');
  return (g: GrantRecord): boolean => {
    const o = g.object;
    const created = Date.parse(o.created as string);
    const grantScopes = [
      ...splitScope(o.scope),
      ...(o.authorization_details as Json[]).map((d) => String(d.type)),
    ];
    return (
      (!grantIds || grantIds.has(o.grant_id)) &&
      (!parents || (o.parent !== null && parents.has(String(o.parent)))) &&
      (!statuses || statuses.has(o.status)) &&
      (!clientIds || clientIds.has(o.client_id)) &&
      (!scopes || grantScopes.some((s) => scopes.has(s))) &&
      (!receipts || (o.receipt_confirmations as string[]).some((r) => receipts.has(r))) &&
      (after === null || created >= after) &&
      (before === null || created <= before)
    );
  };
}

/** Whether `next` details only remove entries of `current` (a reduction: §8.6). */
function isReduction(current: Json[], next: Json[]): boolean {
  return next.every((n) => current.some((c) => same(c, n)));
}

/** cds-wg1-02 §8 Grants API. */
export function registerGrantsApi(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/cds-api/v1/grants', async (request) => {
    const token = requireClientAdmin(ctx, request);
    const url = requestUrl(request, ctx.base);
    const match = matches(url);
    const list = newestFirst(
      Object.values(ctx.state.grants).filter((g) => g.registrationId === token.registrationId && match(g)),
      (g) => g.object.modified,
    );
    const p = paginate(list, url, ctx.settings.pageSize);
    return { grants: p.items.map((g) => g.object), next: p.next, previous: p.previous };
  });

  app.get<{ Params: { id: string } }>('/cds-api/v1/grants/:id', async (request) => {
    const token = requireClientAdmin(ctx, request);
    return owned(ctx, token.registrationId, request.params.id).object;
  });

  app.patch<{ Params: { id: string } }>('/cds-api/v1/grants/:id', async (request, reply) => {
    const token = requireClientAdmin(ctx, request);
    const grant = owned(ctx, token.registrationId, request.params.id);
    const body = jsonBody(request);
    const o = grant.object;
    const client = ctx.client(o.client_id);
    // Validate everything before changing anything (§8.6: 400 for invalid values).
    if ('status' in body && body.status !== 'closed') throw badRequest('status may only be set to closed.');
    let scope: string | undefined;
    if ('scope' in body) {
      if (typeof body.scope !== 'string') throw badRequest('scope must be a string.');
      const asked = splitScope(body.scope);
      const allowed = splitScope(client?.object.scope as string);
      if (asked.length === 0 || asked.some((s) => !allowed.includes(s))) {
        throw badRequest("scope must be made of the Client Object's scopes.");
      }
      scope = asked.join(' ');
    }
    let details: Json[] | undefined;
    if ('authorization_details' in body) {
      try {
        details = normaliseDetails(
          ctx.base,
          (client?.object.authorization_details_types as string[]) ?? [],
          checkDetailsShape(body.authorization_details),
          ctx.clock.now(),
        );
      } catch (error) {
        throw badRequest(`authorization_details: ${(error as Error).message}`);
      }
    }
    if (body.status === 'closed') {
      if (o.status !== 'closed') {
        ctx.setGrantStatus(grant, 'closed');
      }
      return o;
    }
    if (NO_ACCESS_STATUSES.has(o.status) && (scope !== undefined || details !== undefined)) {
      throw badRequest(`A ${o.status} Grant cannot be changed.`);
    }
    const newScope = scope ?? o.scope;
    const newDetails = details ?? (o.authorization_details as Json[]);
    if (same(newScope, o.scope) && same(newDetails, o.authorization_details)) return o;
    const reduction =
      splitScope(newScope).every((s) => splitScope(o.scope).includes(s)) &&
      isReduction(o.authorization_details as Json[], newDetails);
    const enabledBefore = { scope: o.enabled_scope, details: o.enabled_authorization_details };
    o.scope = newScope;
    o.authorization_details = newDetails;
    o.modified = ctx.nowIso();
    if (reduction) {
      // §8.6: a reduction never needs another authorization; it takes effect now.
      const keep = new Set(splitScope(newScope));
      o.enabled_scope = splitScope(String(o.enabled_scope))
        .filter((s) => keep.has(s))
        .join(' ');
      o.enabled_authorization_details = (o.enabled_authorization_details as Json[]).filter((d) =>
        newDetails.some((n) => same(n, d)),
      );
      ctx.revokeTokens((t) => t.grantId === o.grant_id);
      return o;
    }
    const descriptions = scopeDescriptions(ctx.base);
    const userAuthorized = splitScope(newScope).some(
      (s) => ((descriptions[s]?.response_types_supported as string[]) ?? []).length > 0,
    );
    o.enabled_scope = enabledBefore.scope;
    o.enabled_authorization_details = enabledBefore.details;
    if (userAuthorized) {
      // §8.6: a wider scope needs the customer again (§8.3 cds_grant_id).
      o.status = 'needs_authorization';
      return o;
    }
    // §8.6: otherwise the Server reviews it: pending and 202.
    o.status = 'pending';
    o.eta = new Date(ctx.clock.nowMs() + 24 * 3600 * 1000).toISOString().slice(0, 19).concat('Z');
    reply.code(202);
    return o;
  });
}
