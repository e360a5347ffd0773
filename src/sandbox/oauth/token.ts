import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../auth';
import { NO_ACCESS_STATUSES, type SandboxContext } from '../context';
import { ApiError, badRequest } from '../errors';
import { formBody } from '../http-body';
import { safeEqual } from '../ids';
import { scopeDescriptions, scopeType, splitScope } from '../scopes';
import type { ClientRecord, CredentialRecord, Json, TokenRecord } from '../state';
import {
  grantDetails,
  invalidDetails,
  normaliseDetails,
  parseAuthorizationDetails,
} from './authorization-details';

const invalidGrant = (description: string): ApiError => new ApiError(400, 'invalid_grant', description);
const invalidScope = (description: string): ApiError => new ApiError(400, 'invalid_scope', description);

/** RFC 7636 §4.6 with S256 only (cds-wg1-02 §3.4: never `plain`). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

interface Issued {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  authorization_details?: Json[];
  refresh_token?: string;
}

function issue(
  ctx: SandboxContext,
  client: ClientRecord,
  credential: CredentialRecord,
  scope: string,
  details: Json[],
  grantId: string | null,
  codeId: string | null,
  withRefresh: boolean,
): Issued {
  const base: Omit<TokenRecord, 'kind' | 'issuedAt' | 'expiresAt' | 'revoked'> = {
    clientId: client.object.client_id as string,
    registrationId: client.registrationId,
    credentialId: credential.object.credential_id,
    scope,
    authorizationDetails: details,
    grantId,
    codeId,
  };
  const ttl = ctx.settings.accessTokenTtlSeconds;
  const out: Issued = {
    access_token: ctx.issueToken({ ...base, kind: 'access' }, ttl),
    token_type: 'Bearer',
    expires_in: ttl,
    scope,
  };
  if (details.length > 0) out.authorization_details = details;
  if (withRefresh)
    out.refresh_token = ctx.issueToken({ ...base, kind: 'refresh' }, ctx.settings.refreshTokenTtlSeconds);
  return out;
}

/**
 * cds-wg1-02 §3.3.2: a Grant Admin token for exactly one Grant of a Client Object of the same
 * registration, whose enabled scopes all name this Grant Admin scope.
 */
function grantAdminToken(
  ctx: SandboxContext,
  client: ClientRecord,
  credential: CredentialRecord,
  form: Map<string, string>,
  details: Json[],
): Issued {
  const clientScopes = splitScope(client.object.scope as string);
  if (details.length !== 1)
    throw invalidDetails('A Grant Admin token request needs exactly one authorization_details entry.');
  const entry = details[0] as Json;
  const type = entry.type as string;
  if (!clientScopes.includes(type) || scopeType(type) !== 'cds_grant_admin') {
    throw invalidDetails(
      `The authorization details type "${type}" is not a Grant Admin scope of this Client Object.`,
    );
  }
  const requested = splitScope(form.get('scope'));
  if (requested.some((s) => s !== type))
    throw invalidScope('Only the Grant Admin scope may be requested here.');
  const normalised = normaliseDetails(ctx.base, [type], details, ctx.clock.now());
  const { client_id: targetClient, grant_id: grantId } = normalised[0] as {
    client_id: string;
    grant_id: string;
  };
  const grant = ctx.grant(grantId);
  const target = ctx.client(targetClient);
  if (
    !grant ||
    !target ||
    grant.object.client_id !== targetClient ||
    target.registrationId !== client.registrationId
  ) {
    throw invalidDetails('No such Grant for that Client Object.');
  }
  const enabled = splitScope(grant.object.enabled_scope as string);
  const descriptions = scopeDescriptions(ctx.base);
  if (enabled.length === 0 || NO_ACCESS_STATUSES.has(grant.object.status)) {
    throw invalidDetails(
      'That Grant has no enabled scope (it is disabled, closed, expired or not yet authorized).',
    );
  }
  if (!enabled.every((s) => descriptions[s]?.grant_admin_scope === type)) {
    throw invalidDetails(`Not every enabled scope of that Grant can be reached with ${type}.`);
  }
  return issue(ctx, client, credential, type, normalised, grantId, null, false);
}

function clientCredentials(
  ctx: SandboxContext,
  client: ClientRecord,
  credential: CredentialRecord,
  form: Map<string, string>,
): Issued {
  if (!(client.object.grant_types as string[]).includes('client_credentials')) {
    throw new ApiError(
      400,
      'unauthorized_client',
      'This Client Object may not use the client_credentials grant.',
    );
  }
  const details = parseAuthorizationDetails(form.get('authorization_details'));
  const clientScopes = splitScope(client.object.scope as string);
  const isGrantAdmin = clientScopes.some((s) => scopeType(s) === 'cds_grant_admin');
  if (isGrantAdmin) {
    if (!details)
      throw invalidDetails(
        'A Grant Admin token request needs authorization_details with client_id and grant_id.',
      );
    return grantAdminToken(ctx, client, credential, form, details);
  }
  const requested = form.has('scope') ? splitScope(form.get('scope')) : clientScopes;
  if (requested.length === 0 && !details) throw invalidScope('No scope was requested.');
  const outside = requested.filter((s) => !clientScopes.includes(s));
  if (outside.length > 0)
    throw invalidScope(`This Client Object is not registered for: ${outside.join(', ')}.`);
  const now = ctx.clock.now();
  // cds-wg3-01 §7.3: a Token Response carries absolute dates, never relative ones.
  const normalised = details
    ? grantDetails(
        ctx.base,
        normaliseDetails(ctx.base, client.object.authorization_details_types as string[], details, now),
        now,
      )
    : [];
  return issue(ctx, client, credential, requested.join(' '), normalised, null, null, false);
}

function authorizationCode(
  ctx: SandboxContext,
  client: ClientRecord,
  credential: CredentialRecord,
  form: Map<string, string>,
): Issued {
  if (!(client.object.grant_types as string[]).includes('authorization_code')) {
    throw new ApiError(
      400,
      'unauthorized_client',
      'This Client Object may not use the authorization_code grant.',
    );
  }
  const code = form.get('code');
  if (!code) throw badRequest('code is required.');
  const record = Object.hasOwn(ctx.state.codes, code) ? ctx.state.codes[code] : undefined;
  if (!record || record.clientId !== client.object.client_id)
    throw invalidGrant('The authorization code is invalid.');
  if (record.used) {
    // RFC 6749 §4.1.2: a reused code revokes what it issued.
    ctx.revokeTokens((t) => t.codeId === code);
    throw invalidGrant('The authorization code was already used.');
  }
  if (record.expiresAt <= ctx.clock.nowMs()) throw invalidGrant('The authorization code has expired.');
  // RFC 6749 §4.1.3: redirect_uri must match when the authorization request carried it.
  if (record.redirectUriGiven && form.get('redirect_uri') !== record.redirectUri) {
    throw invalidGrant('redirect_uri does not match the authorization request.');
  }
  if (form.has('redirect_uri') && form.get('redirect_uri') !== record.redirectUri) {
    throw invalidGrant('redirect_uri does not match the authorization request.');
  }
  const verifier = form.get('code_verifier');
  if (!verifier) throw invalidGrant('code_verifier is required (PKCE S256).');
  if (!VERIFIER.test(verifier) || !safeEqual(s256(verifier), record.codeChallenge)) {
    throw invalidGrant('code_verifier does not match the code_challenge.');
  }
  record.used = true;
  const grant = ctx.grant(record.grantId);
  if (!grant || NO_ACCESS_STATUSES.has(grant.object.status))
    throw invalidGrant('The Grant is no longer active.');
  return issue(
    ctx,
    client,
    credential,
    record.scope,
    record.authorizationDetails,
    record.grantId,
    code,
    true,
  );
}

function refreshToken(
  ctx: SandboxContext,
  client: ClientRecord,
  credential: CredentialRecord,
  form: Map<string, string>,
): Issued {
  const presented = form.get('refresh_token');
  if (!presented) throw badRequest('refresh_token is required.');
  const record = ctx.liveToken(presented, 'refresh');
  if (!record || record.clientId !== client.object.client_id)
    throw invalidGrant('The refresh token is invalid, expired or revoked.');
  const grant = record.grantId ? ctx.grant(record.grantId) : undefined;
  if (!grant || NO_ACCESS_STATUSES.has(grant.object.status))
    throw invalidGrant('The Grant is no longer active.');
  let scope = record.scope;
  if (form.has('scope')) {
    // RFC 6749 §6: a narrower scope may be asked for, never a wider one.
    const asked = splitScope(form.get('scope'));
    const had = splitScope(record.scope);
    if (asked.some((s) => !had.includes(s))) throw invalidScope('A refresh may not widen the scope.');
    scope = asked.join(' ');
  }
  // Rotation: the presented refresh token dies with this use.
  record.revoked = true;
  return issue(
    ctx,
    client,
    credential,
    scope,
    record.authorizationDetails,
    record.grantId,
    record.codeId,
    true,
  );
}

/** The token endpoint (RFC 6749 §3.2, §5). */
export function registerTokenEndpoint(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/oauth/token', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const form = formBody(request);
    const { client, credential } = authenticateClient(ctx, request, form);
    const grantType = form.get('grant_type');
    switch (grantType) {
      case 'client_credentials':
        return clientCredentials(ctx, client, credential, form);
      case 'authorization_code':
        return authorizationCode(ctx, client, credential, form);
      case 'refresh_token':
        return refreshToken(ctx, client, credential, form);
      case undefined:
        throw badRequest('grant_type is required.');
      default:
        throw new ApiError(400, 'unsupported_grant_type', `The grant type ${grantType} is not supported.`);
    }
  });
}
