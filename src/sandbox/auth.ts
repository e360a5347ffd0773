import type { FastifyRequest } from 'fastify';
import type { SandboxContext } from './context';
import { ApiError, insufficientScope, invalidToken, missingToken } from './errors';
import { safeEqual } from './ids';
import { CLIENT_ADMIN_SCOPE, splitScope } from './scopes';
import type { ClientRecord, CredentialRecord, TokenRecord } from './state';

const invalidClient = (): ApiError =>
  new ApiError(401, 'invalid_client', 'Client authentication failed.', {
    'www-authenticate': 'Basic realm="cds-sandbox"',
  });

/** RFC 6749 §2.3.1 client_secret_basic: both parts form-url-encoded, then Base64. */
function parseBasic(header: string | undefined): { clientId: string; secret: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

/**
 * Authenticates the Client Object at the token, PAR, revocation and introspection endpoints. Only
 * client_secret_basic is offered (metadata `token_endpoint_auth_methods_supported`).
 */
export function authenticateClient(
  ctx: SandboxContext,
  request: FastifyRequest,
  form: Map<string, string>,
): { client: ClientRecord; credential: CredentialRecord } {
  if (form.has('client_secret')) {
    throw new ApiError(401, 'invalid_client', 'Only client_secret_basic client authentication is supported.');
  }
  const basic = parseBasic(request.headers.authorization);
  if (!basic) throw invalidClient();
  const client = ctx.client(basic.clientId);
  if (client?.object.token_endpoint_auth_method !== 'client_secret_basic') throw invalidClient();
  if (form.has('client_id') && form.get('client_id') !== basic.clientId) throw invalidClient();
  let match: CredentialRecord | undefined;
  for (const c of Object.values(ctx.state.credentials)) {
    // Compare against every credential of the client so timing does not reveal which one matched.
    if (c.object.client_id === basic.clientId && safeEqual(c.object.client_secret, basic.secret)) match = c;
  }
  if (!match || !ctx.credentialUsable(match)) throw invalidClient();
  if (client.object.cds_status === 'disabled') {
    throw new ApiError(401, 'invalid_client', 'This Client Object is disabled.');
  }
  return { client, credential: match };
}

/** RFC 6750 §2.1: the Bearer token of a request, checked live. */
export function bearerToken(ctx: SandboxContext, request: FastifyRequest): TokenRecord & { token: string } {
  const header = request.headers.authorization;
  if (!header) throw missingToken();
  const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!m?.[1]) throw invalidToken('The Authorization header is not a Bearer token.');
  const record = ctx.liveToken(m[1], 'access');
  if (!record) throw invalidToken('The access token is invalid, expired or revoked.');
  return { ...record, token: m[1] };
}

/**
 * cds-wg1-02 §5–§8: the Clients, Messages, Credentials and Grants APIs need a token from the
 * cds_client_admin Client Object; the registration it manages is the caller's world.
 */
export function requireClientAdmin(ctx: SandboxContext, request: FastifyRequest): TokenRecord {
  const token = bearerToken(ctx, request);
  if (!splitScope(token.scope).includes(CLIENT_ADMIN_SCOPE)) throw insufficientScope(CLIENT_ADMIN_SCOPE);
  return token;
}
