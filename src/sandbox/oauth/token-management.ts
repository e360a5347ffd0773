import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../auth';
import type { SandboxContext } from '../context';
import { badRequest } from '../errors';
import { formBody } from '../http-body';

/** Token revocation (RFC 7009) and introspection (RFC 7662), both with client_secret_basic. */
export function registerTokenManagement(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/oauth/revoke', async (request, reply) => {
    const form = formBody(request);
    const { client } = authenticateClient(ctx, request, form);
    const token = form.get('token');
    if (!token) throw badRequest('token is required.');
    const record = Object.hasOwn(ctx.state.tokens, token) ? ctx.state.tokens[token] : undefined;
    // RFC 7009 §2.2: unknown tokens and other clients' tokens still get 200, and nothing happens.
    if (record && record.clientId === client.object.client_id) {
      record.revoked = true;
      // Revoking a refresh token also ends the access tokens of its family (RFC 7009 §2.1).
      if (record.kind === 'refresh' && record.codeId) ctx.revokeTokens((t) => t.codeId === record.codeId);
    }
    reply.code(200).header('cache-control', 'no-store');
    return reply.send();
  });

  app.post('/oauth/introspect', async (request, reply) => {
    const form = formBody(request);
    const { client } = authenticateClient(ctx, request, form);
    const token = form.get('token');
    if (!token) throw badRequest('token is required.');
    reply.header('cache-control', 'no-store');
    const hint = form.get('token_type_hint');
    const kinds =
      hint === 'refresh_token' ? (['refresh', 'access'] as const) : (['access', 'refresh'] as const);
    for (const kind of kinds) {
      const record = ctx.liveToken(token, kind);
      // RFC 7662 §2.2: a token of another registration is reported inactive.
      if (record && record.registrationId === client.registrationId) {
        return {
          active: true,
          scope: record.scope,
          client_id: record.clientId,
          token_type: kind === 'access' ? 'Bearer' : 'refresh_token',
          exp: Math.floor(record.expiresAt / 1000),
          iat: Math.floor(record.issuedAt / 1000),
          iss: ctx.base,
          ...(record.authorizationDetails.length > 0
            ? { authorization_details: record.authorizationDetails }
            : {}),
          ...(record.grantId ? { cds_grant_id: record.grantId } : {}),
        };
      }
    }
    return { active: false };
  });
}
