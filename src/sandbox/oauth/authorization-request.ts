import { defaultRedirectUri } from '../client-objects';
import type { SandboxContext } from '../context';
import { ApiError } from '../errors';
import { scopeDescriptions, splitScope } from '../scopes';
import type { ClientRecord, Json } from '../state';
import { normaliseDetails, parseAuthorizationDetails } from './authorization-details';
import { redirectUriMatches } from './redirect-uris';

/** An authorization request that passed every check (RFC 6749 §4.1.1, RFC 9396, cds-wg1-02 §8.3). */
export interface CheckedRequest {
  client: ClientRecord;
  redirectUri: string;
  redirectUriGiven: boolean;
  state: string | undefined;
  scope: string;
  authorizationDetails: Json[];
  codeChallenge: string;
  grantId: string | null;
  promptLogin: boolean;
}

/** Errors that may not be sent to the redirect_uri: the client or its redirect_uri is unknown. */
export class FatalAuthorizationError extends ApiError {}

/** Errors delivered to the verified redirect_uri (RFC 6749 §4.1.2.1). */
export class RedirectableError extends ApiError {
  constructor(
    readonly redirectUri: string,
    readonly state: string | undefined,
    error: string,
    description: string,
  ) {
    super(400, error, description);
  }
}

export interface RawParams {
  first: Map<string, string>;
  duplicated: string[];
  grantIds: string[];
}

export function rawParams(params: URLSearchParams): RawParams {
  const first = new Map<string, string>();
  const duplicated = new Set<string>();
  const grantIds: string[] = [];
  for (const [key, value] of params) {
    if (key === 'cds_grant_id') {
      // cds-wg1-02 §8.3: empty cds_grant_id parameters are ignored.
      if (value !== '') grantIds.push(value);
      continue;
    }
    if (first.has(key)) duplicated.add(key);
    else first.set(key, value);
  }
  return { first, duplicated: [...duplicated], grantIds };
}

const CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

/** Checks an authorization request, in the order the specs ask for. */
export function checkAuthorizationRequest(ctx: SandboxContext, raw: RawParams): CheckedRequest {
  const p = raw.first;
  const clientId = p.get('client_id');
  const client = clientId ? ctx.client(clientId) : undefined;
  if (!client) throw new FatalAuthorizationError(400, 'invalid_client', 'Unknown or missing client_id.');
  const registered = client.object.redirect_uris as string[];
  const given = p.get('redirect_uri');
  const redirectUri = given ?? (client.object.cds_default_redirect_uri as string | undefined);
  if (!redirectUri || !redirectUriMatches(redirectUri, registered)) {
    throw new FatalAuthorizationError(
      400,
      'invalid_request',
      'The redirect_uri is not registered for this Client Object.',
    );
  }
  const state = p.get('state');
  const fail = (error: string, description: string): never => {
    throw new RedirectableError(redirectUri, state, error, description);
  };
  if (raw.duplicated.length > 0)
    fail('invalid_request', `Repeated parameters: ${raw.duplicated.join(', ')}.`);
  if ((client.object.response_types as string[]).length === 0 || client.object.cds_status === 'disabled') {
    fail('unauthorized_client', 'This Client Object may not request user authorization.');
  }
  const responseType = p.get('response_type');
  if (responseType === undefined) fail('invalid_request', 'response_type is required.');
  if (responseType !== 'code') fail('unsupported_response_type', 'Only response_type=code is supported.');

  const clientScopes = splitScope(client.object.scope as string);
  const detailsGiven = p.has('authorization_details');
  let scopes = p.has('scope') ? splitScope(p.get('scope')) : [];
  if (!p.has('scope') && !detailsGiven) scopes = splitScope(client.object.cds_default_scope as string);
  let details: Json[];
  try {
    const parsed =
      parseAuthorizationDetails(p.get('authorization_details')) ??
      (client.object.cds_default_authorization_details as Json[] | undefined) ??
      [];
    // RFC 9396 / cds-wg1-02 §3.3.2: a details entry of a scope's id stands for that scope.
    for (const d of parsed) if (!scopes.includes(d.type as string)) scopes.push(d.type as string);
    const outside = scopes.filter((s) => !clientScopes.includes(s));
    if (outside.length > 0)
      fail('invalid_scope', `This Client Object is not registered for: ${outside.join(', ')}.`);
    if (scopes.length === 0) fail('invalid_scope', 'No scope was requested.');
    // cds-wg3-01 §7: fields left out take their defaults, also for scopes asked for by `scope` only.
    const descriptions = scopeDescriptions(ctx.base);
    const implied = scopes
      .filter((s) => !parsed.some((d) => d.type === s))
      .filter((s) => ((descriptions[s]?.authorization_details_types_supported as string[]) ?? []).includes(s))
      .map((s) => ({ type: s }));
    details = normaliseDetails(
      ctx.base,
      client.object.authorization_details_types as string[],
      [...parsed, ...implied],
      ctx.clock.now(),
    );
  } catch (error) {
    if (error instanceof RedirectableError) throw error;
    if (error instanceof ApiError) fail(error.error, error.description);
    throw error;
  }

  // cds-wg1-02 §3.4: PKCE with S256, never plain. The default receipt redirect never carries a code,
  // so the overview's receipt flow (no code_challenge) stays possible.
  const challenge = p.get('code_challenge');
  const toReceipt = redirectUri === defaultRedirectUri(ctx);
  if (challenge === undefined && !toReceipt)
    fail('invalid_request', 'code_challenge is required (PKCE S256).');
  if (challenge !== undefined) {
    if (p.get('code_challenge_method') !== 'S256')
      fail('invalid_request', 'code_challenge_method must be S256.');
    if (!CHALLENGE.test(challenge))
      fail('invalid_request', 'code_challenge must be a base64url SHA-256 value.');
  }
  const prompt = p.get('prompt');
  if (prompt !== undefined && !splitScope(prompt).every((v) => ['login', 'consent'].includes(v))) {
    fail('invalid_request', 'prompt may only be login or consent.');
  }

  // cds-wg1-02 §8.3: cds_grant_id is checked after everything else.
  let grantId: string | null = null;
  if (raw.grantIds.length > 1) fail('invalid_request', 'Only one cds_grant_id may be given.');
  if (raw.grantIds.length === 1) {
    grantId = raw.grantIds[0] as string;
    const grant = ctx.grant(grantId);
    const fits =
      grant &&
      grant.object.client_id === client.object.client_id &&
      splitScope(grant.object.scope).every((s) => scopes.includes(s)) &&
      !['closed', 'revoked', 'expired', 'disabled'].includes(grant.object.status);
    if (!fits)
      fail('cds_grant_id_invalid_value', 'cds_grant_id does not name a Grant this request can authorize.');
  }
  return {
    client,
    redirectUri,
    redirectUriGiven: given !== undefined,
    state,
    scope: scopes.join(' '),
    authorizationDetails: details,
    codeChallenge: challenge ?? '',
    grantId,
    promptLogin: prompt !== undefined && splitScope(prompt).includes('login'),
  };
}
