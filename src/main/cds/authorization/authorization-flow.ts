import * as oauth from 'oauth4webapi';
import type { Grant } from '../../../shared/cds/index';
import type { ServerContext } from '../../companion/server-context';
import { type FetchedClient, updateClientObject } from '../clients';
import { OAuthError } from '../errors';
import type { OAuthSession } from '../oauth/oauth-session';
import { rejectServerFailure, toOAuthFailure } from '../oauth/oauth-session';
import {
  type AuthorizationChoice,
  authorizationParameters,
  codeFlowClientFor,
  prepareAuthorizationUrl,
} from './authorization-request';
import { AuthorizationFlowError } from './flow-errors';
import { findGrant, findGrants, newestGrantFirst } from './grant-lookup';
import { type CallbackHandling, startLoopbackListener } from './loopback-listener';
import { createPkcePair, createState, sameState } from './pkce-state';

// Authorization through a loopback redirect (RFC 8252 §7.3; SECURITY.md "OAuth as a native
// client"): a listener on 127.0.0.1 for this flow only, the redirect registered on the Client
// Object if missing, PKCE S256, a single-use state bound to this Server and flow, PAR when offered,
// the system browser, `state` and `iss` (RFC 9207) checked before anything is exchanged, the code
// exchanged, the refresh token to the vault, the new Grant read back from the Grants API.

export interface LoopbackFlowOptions {
  readonly timeoutMs: number;
  /** Opens the URL in the system browser; not called when `openBrowser` is false. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly openBrowser: boolean;
  /** A Client Object changed (its redirect URIs): the caller refreshes its cache. */
  readonly onClientChanged?: (fetched: FetchedClient) => Promise<void>;
}

export interface CompletedAuthorization {
  readonly grant: Grant;
  readonly clientId: string;
}

export interface StartedLoopbackFlow {
  readonly url: string;
  readonly redirectUri: string;
  readonly usedPar: boolean;
  readonly clientId: string;
  readonly startedAt: number;
  /** Settles when the browser came back (and the code was exchanged), or on timeout / cancel. */
  readonly result: Promise<CompletedAuthorization>;
  cancel(): Promise<void>;
  listenerOpen(): boolean;
}

/** The path of a Server's redirect: distinct per Server (SECURITY.md). */
export const callbackPath = (serverId: string): string => `/cds/${encodeURIComponent(serverId)}/callback`;

/** The redirect registered on the Client Object: any port matches it (RFC 8252 §7.3). */
export const portlessRedirectUri = (serverId: string): string => `http://127.0.0.1${callbackPath(serverId)}`;

function loopbackMatches(registered: string, wanted: string): boolean {
  try {
    const a = new URL(registered);
    const b = new URL(wanted);
    return (
      a.protocol === 'http:' &&
      a.hostname === b.hostname &&
      a.pathname === b.pathname &&
      a.search === b.search
    );
  } catch {
    return false;
  }
}

/**
 * Makes sure the Client Object accepts this flow's redirect: the port-less loopback URI when the
 * Server accepts that (RFC 8252 §7.3: any port then matches), else the exact URI with this port.
 */
async function ensureRedirectRegistered(
  context: ServerContext,
  clientId: string,
  redirectUri: string,
  options: LoopbackFlowOptions,
  step: string,
): Promise<void> {
  const client = context.cachedClient(clientId);
  const portless = portlessRedirectUri(context.serverId);
  if (client?.redirect_uris.some((uri) => uri === redirectUri || uri === portless)) return;
  let outcome: Awaited<ReturnType<typeof updateClientObject>>;
  try {
    outcome = await updateClientObject(context, clientId, { addRedirectUris: [portless] });
  } catch {
    // A Server that does not take a port-less URI still takes this flow's exact one.
    outcome = await updateClientObject(context, clientId, { addRedirectUris: [redirectUri] });
  }
  await options.onClientChanged?.(outcome.fetched);
  const uris = outcome.fetched.client.redirect_uris;
  if (!uris.some((uri) => uri === redirectUri || (uri === portless && loopbackMatches(uri, redirectUri)))) {
    throw new AuthorizationFlowError('redirect-not-registered', {
      server: context.ref,
      step,
      more: outcome.accepted
        ? 'the change of redirect URIs is waiting for the Server’s review'
        : 'the Server did not keep the loopback redirect URI',
    });
  }
}

/** A URL's origin for a message; anything else (a value the browser was handed) is not echoed. */
const originOf = (value: string): string => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : 'an unknown server';
  } catch {
    return 'an unknown server';
  }
};

interface CallbackCheck {
  readonly context: ServerContext;
  readonly session: OAuthSession;
  readonly state: string;
  readonly step: string;
}

/** Reads the one callback: state, iss, error, code; nothing is exchanged here. */
function checkCallback(check: CallbackCheck, query: URLSearchParams): CallbackHandling<URLSearchParams> {
  const { context, session, state, step } = check;
  const refuse = (error: unknown, message: string): CallbackHandling<URLSearchParams> => ({
    page: { ok: false, title: 'Authorization not completed', message },
    outcome: { ok: false, error },
  });
  if (!sameState(state, query.get('state'))) {
    return refuse(
      new AuthorizationFlowError('state-mismatch', { server: context.ref, step }),
      'This answer does not belong to the authorization CDS Companion is waiting for, so it was ignored.',
    );
  }
  // RFC 9207 §2.4: an `iss` must be the issuer; when the Server advertises it, it must be there.
  const issuer = context.oauth.issuer;
  const advertised =
    (context.oauth as Record<string, unknown>).authorization_response_iss_parameter_supported === true;
  const iss = query.get('iss');
  if ((iss !== null && iss !== issuer) || (iss === null && advertised)) {
    return refuse(
      new AuthorizationFlowError('issuer-mismatch', {
        server: context.ref,
        step,
        more: iss === null ? 'the answer did not say which server sent it' : `it came from ${originOf(iss)}`,
      }),
      'This answer came from another server, so it was ignored.',
    );
  }
  const error = query.get('error');
  if (error !== null) {
    const description = query.get('error_description');
    return refuse(
      new OAuthError({
        server: context.ref,
        step,
        error,
        ...(description === null ? {} : { errorDescription: description }),
      }),
      error === 'access_denied'
        ? 'The authorization was declined.'
        : `The Server could not complete the authorization (${error.slice(0, 100)}).`,
    );
  }
  if (!query.get('code')) {
    return refuse(
      new AuthorizationFlowError('malformed-callback', { server: context.ref, step }),
      'The answer has no authorization code.',
    );
  }
  try {
    const validated = oauth.validateAuthResponse(
      { ...session.as, authorization_response_iss_parameter_supported: advertised },
      session.client,
      query,
      state,
    );
    return {
      page: {
        ok: true,
        title: 'Authorization received',
        message: 'CDS Companion is finishing the authorization.',
      },
      outcome: { ok: true, value: validated },
    };
  } catch (cause) {
    return refuse(
      new AuthorizationFlowError('malformed-callback', {
        server: context.ref,
        step,
        cause,
        secrets: [query.get('code')],
      }),
      'The answer could not be read.',
    );
  }
}

const grantIdIn = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Which Grant the tokens belong to: the `cds_grant_id` that was asked for (§8.3), a grant id in the
 * token response (RFC 9396 §7.1 enriched details), the introspection's `cds_grant_id` (an extension
 * some Servers add), else the newest Grant of the Client Object created by this flow.
 */
async function resolveGrantId(
  context: ServerContext,
  session: OAuthSession,
  choice: AuthorizationChoice,
  clientId: string,
  tokens: oauth.TokenEndpointResponse,
  startedAt: number,
  knownBefore: ReadonlySet<string>,
  step: string,
): Promise<string> {
  if (choice.grantId) return choice.grantId;
  const direct = grantIdIn(tokens.cds_grant_id) ?? grantIdIn(tokens.grant_id);
  if (direct) return direct;
  for (const detail of tokens.authorization_details ?? []) {
    const id = grantIdIn((detail as Record<string, unknown>).grant_id);
    if (id) return id;
  }
  if (context.oauth.introspection_endpoint) {
    const secrets = [
      ...session.secrets,
      tokens.access_token,
      ...(tokens.refresh_token ? [tokens.refresh_token] : []),
    ];
    try {
      const response = await oauth.introspectionRequest(
        session.as,
        session.client,
        session.clientAuth,
        tokens.access_token,
        {
          ...session.options,
          additionalParameters: { token_type_hint: 'access_token' },
        },
      );
      await rejectServerFailure(response, {
        server: context.ref,
        step,
        secrets,
        url: context.oauth.introspection_endpoint,
      });
      const details = await oauth.processIntrospectionResponse(session.as, session.client, response);
      const id = grantIdIn(details.cds_grant_id) ?? grantIdIn(details.grant_id);
      if (id) return id;
    } catch {
      // Introspection is a convenience here; the Grants API below still finds the Grant.
    }
  }
  const candidates = (await findGrants(context, { clientIds: [clientId] }, step))
    .filter(
      (grant) => !knownBefore.has(grant.grant_id) && Date.parse(grant.created) >= startedAt - 5 * 60_000,
    )
    .sort(newestGrantFirst);
  const found = candidates[0];
  if (!found) throw new AuthorizationFlowError('grant-not-found', { server: context.ref, step });
  return found.grant_id;
}

/** Starts a loopback authorization: the listener runs and the browser is open when this returns. */
export async function startLoopbackAuthorization(
  context: ServerContext,
  choice: AuthorizationChoice,
  options: LoopbackFlowOptions,
): Promise<StartedLoopbackFlow> {
  const step = `authorizing ${choice.scopeId} in the browser`;
  const client = codeFlowClientFor(context, choice.scopeId, choice.clientId, step);
  const clientId = client.client_id;
  const tokenClient = context.tokenClient(clientId);
  const session = await context.tokens.session(context.tokenServer, tokenClient, step);
  const pkce = await createPkcePair();
  const state = createState();
  const startedAt = context.clock.now();
  const listener = await startLoopbackListener({
    path: callbackPath(context.serverId),
    timeoutMs: options.timeoutMs,
    handle: (query) => checkCallback({ context, session, state, step }, query),
    onTimeout: () => new AuthorizationFlowError('timeout', { server: context.ref, step }),
    onCancel: () => new AuthorizationFlowError('cancelled', { server: context.ref, step }),
  });
  const redirectUri = listener.redirectUri;
  let prepared: Awaited<ReturnType<typeof prepareAuthorizationUrl>>;
  let knownBefore: ReadonlySet<string> = new Set();
  try {
    await ensureRedirectRegistered(context, clientId, redirectUri, options, step);
    if (!choice.grantId && !context.oauth.introspection_endpoint) {
      knownBefore = new Set(
        (await findGrants(context, { clientIds: [clientId] }, step)).map((g) => g.grant_id),
      );
    }
    prepared = await prepareAuthorizationUrl(
      context,
      session,
      authorizationParameters(choice, clientId, redirectUri, state, pkce),
      step,
    );
    if (options.openBrowser) await options.openExternal(prepared.url);
  } catch (error) {
    await listener.close();
    throw error;
  }

  const result = listener.result.then(async (validated) => {
    const exchangeStep = `exchanging the authorization code of client ${clientId}`;
    const failure = {
      server: context.ref,
      step: exchangeStep,
      what: 'the token response',
      secrets: session.secrets,
    };
    let tokens: oauth.TokenEndpointResponse;
    try {
      const response = await oauth.authorizationCodeGrantRequest(
        session.as,
        session.client,
        session.clientAuth,
        validated,
        redirectUri,
        pkce.verifier,
        session.options,
      );
      await rejectServerFailure(response, { ...failure, url: context.oauth.token_endpoint });
      tokens = await oauth.processAuthorizationCodeResponse(session.as, session.client, response);
    } catch (error) {
      throw toOAuthFailure(error, failure);
    }
    const grantId = await resolveGrantId(
      context,
      session,
      choice,
      clientId,
      tokens,
      startedAt,
      knownBefore,
      exchangeStep,
    );
    // The refresh token goes to the vault, keyed by the Grant (token-manager.ts storeUserTokens).
    await context.tokens.storeUserTokens(context.tokenServer, tokenClient, grantId, tokens);
    const grant = await findGrant(context, grantId, 'reading the new Grant');
    if (!grant) {
      throw new AuthorizationFlowError('grant-not-found', {
        server: context.ref,
        step: 'reading the new Grant',
        more: grantId,
      });
    }
    return { grant, clientId };
  });
  result.catch(() => undefined);

  return {
    url: prepared.url,
    redirectUri,
    usedPar: prepared.usedPar,
    clientId,
    startedAt,
    result,
    cancel: () => listener.close(),
    listenerOpen: () => listener.isOpen(),
  };
}
