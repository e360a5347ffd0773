import { CdsError, type CdsErrorOptions } from '../errors';

// Why a user authorization (RFC 6749 §4.1 through the system browser, RFC 8252) did not finish.
// Every one of these ends the flow before any token request is made, except `grant-not-found`
// (the code was exchanged, but the Server's Grant could not be identified).

export type AuthorizationFailure =
  | 'timeout'
  | 'cancelled'
  /** RFC 6749 §10.12: the `state` did not match this flow (forged, replayed or from another flow). */
  | 'state-mismatch'
  /** RFC 9207: `iss` names another authorization server, or is missing although advertised. */
  | 'issuer-mismatch'
  /** The callback had neither a code nor an error. */
  | 'malformed-callback'
  /** No Client Object of this registration can ask for the scope with the code flow. */
  | 'no-client'
  /** The Server keeps the loopback redirect URI under review (202) or refused it. */
  | 'redirect-not-registered'
  | 'grant-not-found'
  | 'invalid-details';

const explanations: Record<AuthorizationFailure, string> = {
  timeout: 'the authorization was not completed in time',
  cancelled: 'the authorization was cancelled',
  'state-mismatch':
    'the browser came back with an answer that does not belong to this authorization, so it was ignored',
  'issuer-mismatch': 'the browser came back with an answer from another server, so it was ignored',
  'malformed-callback': 'the browser came back without an authorization code',
  'no-client': 'no Client Object of this registration can ask a customer for this scope',
  'redirect-not-registered': 'the Server does not accept this app’s redirect address yet',
  'grant-not-found': 'the Server’s Grant for this authorization could not be found',
  'invalid-details': 'the authorization details are not valid',
};

export class AuthorizationFlowError extends CdsError {
  readonly kind = 'oauth' as const;
  readonly failure: AuthorizationFailure;
  constructor(failure: AuthorizationFailure, options: CdsErrorOptions & { readonly more?: string }) {
    super(options.more ? `${explanations[failure]}: ${options.more}` : explanations[failure], options);
    this.failure = failure;
  }
  protected override extraJson(): Record<string, unknown> {
    return { failure: this.failure };
  }
}
