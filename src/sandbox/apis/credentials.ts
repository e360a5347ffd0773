import type { FastifyInstance } from 'fastify';
import { requireClientAdmin } from '../auth';
import type { SandboxContext } from '../context';
import { badRequest, notFound } from '../errors';
import { jsonBody, requestUrl } from '../http-body';
import { datetimeParam, listParam, newestFirst, paginate } from '../pagination';
import type { CredentialRecord } from '../state';

/** Clock skew tolerated when a Client expires a secret "now" with its own clock (seconds). */
const NOW_SKEW_SECONDS = 5;

function owned(ctx: SandboxContext, registrationId: string, id: string): CredentialRecord {
  const c = ctx.credential(id);
  if (!c || c.registrationId !== registrationId) throw notFound('The Credential');
  return c;
}

/** cds-wg1-02 §7 Credentials API. */
export function registerCredentialsApi(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/cds-api/v1/credentials', async (request) => {
    const token = requireClientAdmin(ctx, request);
    const url = requestUrl(request, ctx.base);
    const ids = listParam(url, 'credential_ids');
    const clients = listParam(url, 'client_ids');
    const after = datetimeParam(url, 'after');
    const before = datetimeParam(url, 'before');
    const list = newestFirst(
      Object.values(ctx.state.credentials).filter((c) => {
        const created = Date.parse(c.object.created as string);
        return (
          c.registrationId === token.registrationId &&
          (!ids || ids.has(c.object.credential_id)) &&
          (!clients || clients.has(c.object.client_id)) &&
          (after === null || created >= after) &&
          (before === null || created <= before)
        );
      }),
      (c) => c.object.modified as string,
    );
    const p = paginate(list, url, ctx.settings.pageSize);
    return { credentials: p.items.map((c) => c.object), next: p.next, previous: p.previous };
  });

  app.get<{ Params: { id: string } }>('/cds-api/v1/credentials/:id', async (request) => {
    const token = requireClientAdmin(ctx, request);
    return owned(ctx, token.registrationId, request.params.id).object;
  });

  app.post('/cds-api/v1/credentials', async (request, reply) => {
    const token = requireClientAdmin(ctx, request);
    const body = jsonBody(request);
    if (typeof body.client_id !== 'string') throw badRequest('client_id is required.');
    const client = ctx.client(body.client_id);
    if (!client || client.registrationId !== token.registrationId)
      throw badRequest('client_id does not name one of your Client Objects.');
    if (client.object.token_endpoint_auth_method === null) {
      throw badRequest(
        'That Client Object has no token endpoint authentication, so it takes no Credentials.',
      );
    }
    if (client.object.cds_status === 'disabled') throw badRequest('That Client Object is disabled.');
    const credential = ctx.addCredential(token.registrationId, body.client_id);
    ctx.changelog(
      token.registrationId,
      'Credential created',
      `A new client_secret was created for ${body.client_id}.`,
      {
        uri: credential.object.uri as string,
        type: 'credential',
      },
    );
    reply.code(201);
    return credential.object;
  });

  app.patch<{ Params: { id: string } }>('/cds-api/v1/credentials/:id', async (request) => {
    const token = requireClientAdmin(ctx, request);
    const credential = owned(ctx, token.registrationId, request.params.id);
    const body = jsonBody(request);
    // §7.6: only client_secret_expires_at may change; everything else is ignored.
    if (!('client_secret_expires_at' in body)) return credential.object;
    const value = body.client_secret_expires_at;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw badRequest('client_secret_expires_at must be a timestamp in seconds, or 0.');
    }
    const now = ctx.clock.nowSeconds();
    const current = credential.object.client_secret_expires_at;
    let next = value;
    if (next !== 0 && next < now && next >= now - NOW_SKEW_SECONDS) next = now;
    const valid = current === 0 ? next === 0 || next >= now : next >= now && next <= current;
    if (!valid) {
      throw badRequest(
        current === 0
          ? 'client_secret_expires_at must be 0 or a time from now on.'
          : `client_secret_expires_at must be between now and its current value ${current}.`,
      );
    }
    if (next !== current) {
      ctx.expireCredential(credential, next);
      ctx.changelog(
        token.registrationId,
        next <= now ? 'Credential expired' : 'Credential expiry changed',
        `The client_secret ${credential.object.credential_id} of ${credential.object.client_id} ${next <= now ? 'expired now' : `now expires at ${next}`}.`,
        { uri: credential.object.uri as string, type: 'credential' },
      );
    }
    return credential.object;
  });
}
