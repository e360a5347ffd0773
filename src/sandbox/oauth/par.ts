import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../auth';
import type { SandboxContext } from '../context';
import { ApiError, badRequest } from '../errors';
import { newSecret } from '../ids';
import { checkAuthorizationRequest, RedirectableError, rawParams } from './authorization-request';

const PREFIX = 'urn:ietf:params:oauth:request_uri:';

/** Pushed Authorization Requests (RFC 9126), including cds_grant_id and prompt (cds-wg1-02 §8.3). */
export function registerParEndpoint(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/oauth/par', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const type = String(request.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      throw badRequest('The request body must be application/x-www-form-urlencoded.');
    }
    const params = new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
    const raw = rawParams(params);
    const { client } = authenticateClient(ctx, request, raw.first);
    // RFC 9126 §2.1: request_uri must not be pushed.
    if (raw.first.has('request_uri')) throw badRequest('request_uri may not be used in a pushed request.');
    raw.first.set('client_id', client.object.client_id as string);
    try {
      checkAuthorizationRequest(ctx, raw);
    } catch (error) {
      // RFC 9126 §2.3: the authorization request's errors come back as a JSON error response.
      if (error instanceof RedirectableError) throw new ApiError(400, error.error, error.description);
      throw error;
    }
    const stored: Record<string, string> = Object.fromEntries(raw.first);
    if (raw.grantIds.length > 0) stored.cds_grant_id = JSON.stringify(raw.grantIds);
    const requestUri = `${PREFIX}${newSecret(24)}`;
    ctx.state.pars[requestUri] = {
      clientId: client.object.client_id as string,
      params: stored,
      expiresAt: ctx.clock.nowMs() + ctx.settings.parTtlSeconds * 1000,
    };
    reply.code(201);
    return { request_uri: requestUri, expires_in: ctx.settings.parTtlSeconds };
  });
}
