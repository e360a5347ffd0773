import * as oauth from 'oauth4webapi';
import type { ClientObject } from '../../../shared/cds/index';
import type { ServerContext } from '../../companion/server-context';
import { splitScopeString } from '../discovery/scope-classification';
import { DiscoveryError } from '../errors';
import type { OAuthSession } from '../oauth/oauth-session';
import { rejectServerFailure, toOAuthFailure } from '../oauth/oauth-session';
import { AuthorizationFlowError } from './flow-errors';
import type { PkcePair } from './pkce-state';

// The authorization request both paths share (RFC 6749 §4.1.1, RFC 9396, RFC 9126, cds-wg1-02
// §8.3): the Client Object to use, its parameters, and the URL for the system browser: with PAR
// when the Server offers it (then the URL carries only client_id and request_uri), else the
// parameters in the query.

/** What a person chose to authorize. */
export interface AuthorizationChoice {
  /** The scope id (cds_scope_descriptions key). */
  readonly scopeId: string;
  /** The code-flow Client Object; by default the one registered for the scope. */
  readonly clientId?: string;
  /** The checked `authorization_details` entry (authorization-details-form.ts), or null for `scope` only. */
  readonly detail: (Record<string, unknown> & { readonly type: string }) | null;
  /** cds-wg1-02 §8.3: the needs_authorization Grant to authorize. */
  readonly grantId?: string;
  /** cds-wg1-02 §8.3: ask the customer to sign in again. */
  readonly promptLogin?: boolean;
}

export interface PreparedAuthorization {
  /** Opened in the system browser. */
  readonly url: string;
  readonly usedPar: boolean;
}

/** A Client Object that may ask a customer for `scopeId` with the code flow (§5.1). */
export function codeFlowClientFor(
  context: ServerContext,
  scopeId: string,
  clientId: string | undefined,
  step: string,
): ClientObject {
  const candidates = context
    .cachedClients()
    .filter(
      (client) =>
        (clientId === undefined || client.client_id === clientId) &&
        client.response_types.includes('code') &&
        client.grant_types.includes('authorization_code') &&
        splitScopeString(client.scope).includes(scopeId) &&
        client.cds_status !== 'disabled',
    );
  // Prefer production over sandbox Client Objects (§5.2): production is what real customers use.
  const chosen = candidates.find((client) => client.cds_status === 'production') ?? candidates[0];
  if (!chosen) {
    throw new AuthorizationFlowError('no-client', {
      server: context.ref,
      step,
      more:
        clientId === undefined
          ? `none is registered for the scope ${scopeId}; register for it or sync the Server`
          : `client ${clientId} cannot ask for ${scopeId} with the authorization code flow`,
    });
  }
  return chosen;
}

/** The authorization endpoint (RFC 8414 §2), required for user authorization. */
export function authorizationEndpointOf(context: ServerContext, step: string): string {
  const endpoint = context.oauth.authorization_endpoint;
  if (endpoint === undefined) {
    throw new DiscoveryError('the Server has no authorization endpoint, so customers cannot authorize here', {
      server: context.ref,
      step,
    });
  }
  return endpoint;
}

/** The request parameters (RFC 6749 §4.1.1 with PKCE, RAR, and cds-wg1-02 §8.3). */
export function authorizationParameters(
  choice: AuthorizationChoice,
  clientId: string,
  redirectUri: string,
  state: string,
  pkce: PkcePair,
): Record<string, string> {
  const parameters: Record<string, string> = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
  };
  // RFC 9396 §2 / cds-wg1-02 §3.3.2: a details entry of the scope's type stands for the scope; the
  // scope string is sent as well, so Servers reading only `scope` see it too.
  parameters.scope = choice.scopeId;
  if (choice.detail !== null) parameters.authorization_details = JSON.stringify([choice.detail]);
  if (choice.grantId !== undefined && choice.grantId !== '') parameters.cds_grant_id = choice.grantId;
  if (choice.promptLogin) parameters.prompt = 'login';
  return parameters;
}

/**
 * The URL for the browser: RFC 9126 PAR when the Server offers it (the client authenticates, the
 * parameters never travel through the browser), else the plain query (RFC 6749 §4.1.1).
 */
export async function prepareAuthorizationUrl(
  context: ServerContext,
  session: OAuthSession,
  parameters: Record<string, string>,
  step: string,
): Promise<PreparedAuthorization> {
  const endpoint = authorizationEndpointOf(context, step);
  const url = new URL(endpoint);
  const parEndpoint = context.oauth.pushed_authorization_request_endpoint;
  if (parEndpoint === undefined) {
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    return { url: url.href, usedPar: false };
  }
  const failure = {
    server: context.ref,
    step,
    what: 'the pushed authorization response',
    secrets: session.secrets,
  };
  let requestUri: string;
  try {
    const { client_id: _clientId, ...pushed } = parameters;
    const response = await oauth.pushedAuthorizationRequest(
      { ...session.as, pushed_authorization_request_endpoint: parEndpoint },
      session.client,
      session.clientAuth,
      pushed,
      session.options,
    );
    await rejectServerFailure(response, { ...failure, url: parEndpoint });
    const result = await oauth.processPushedAuthorizationResponse(session.as, session.client, response);
    requestUri = result.request_uri;
  } catch (error) {
    throw toOAuthFailure(error, failure);
  }
  // RFC 9126 §4: only client_id and request_uri.
  url.search = '';
  url.searchParams.set('client_id', parameters.client_id ?? session.client.client_id);
  url.searchParams.set('request_uri', requestUri);
  return { url: url.href, usedPar: true };
}
