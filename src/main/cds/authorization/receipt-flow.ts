import type { Grant } from '../../../shared/cds/index';
import type { ServerContext } from '../../companion/server-context';
import {
  type AuthorizationChoice,
  authorizationParameters,
  codeFlowClientFor,
  prepareAuthorizationUrl,
} from './authorization-request';
import { AuthorizationFlowError } from './flow-errors';
import { grantAdminRequestFor } from './grant-admin-access';
import { findGrant, findGrants, newestGrantFirst } from './grant-lookup';
import { createPkcePair, createState } from './pkce-state';

// Authorization through the Server's default redirect (cds-wg1-02 §4.2 `cds_default_redirect_uri`,
// the overview's "Using the Grant Admin scope" example): no listener on this device. The browser
// ends on the Server's receipt page; the new Grant is then found on the Grants API, by the receipt
// confirmation the person pastes or as the Client Object's Grant this flow created, and reached with
// a Grant Admin token (§3.3.2).

export interface StartedReceiptFlow {
  readonly url: string;
  readonly redirectUri: string;
  readonly usedPar: boolean;
  readonly clientId: string;
  readonly scopeId: string;
  readonly grantId: string | null;
  readonly startedAt: number;
  /** The Client Object's Grants before the flow (id → receipts and status), to tell the new one. */
  readonly before: ReadonlyMap<string, { readonly status: string; readonly receipts: number }>;
}

export interface ReceiptFlowOptions {
  readonly openExternal: (url: string) => Promise<void>;
  readonly openBrowser: boolean;
}

export async function startReceiptAuthorization(
  context: ServerContext,
  choice: AuthorizationChoice,
  options: ReceiptFlowOptions,
): Promise<StartedReceiptFlow> {
  const step = `authorizing ${choice.scopeId} through the Server's receipt page`;
  const client = codeFlowClientFor(context, choice.scopeId, choice.clientId, step);
  const redirectUri =
    client.cds_default_redirect_uri ??
    client.redirect_uris.find((uri) => !uri.startsWith('http://127.0.0.1'));
  if (!redirectUri) {
    throw new AuthorizationFlowError('redirect-not-registered', {
      server: context.ref,
      step,
      more: 'the Client Object has no default redirect URI; reset its redirect URIs to restore it',
    });
  }
  const before = new Map(
    (await findGrants(context, { clientIds: [client.client_id] }, step)).map((grant) => [
      grant.grant_id,
      { status: grant.status, receipts: grant.receipt_confirmations.length },
    ]),
  );
  const session = await context.tokens.session(
    context.tokenServer,
    context.tokenClient(client.client_id),
    step,
  );
  // PKCE and state are sent even though no code comes back to this device: Servers that require
  // them for every request accept it, and the receipt page never hands a code out.
  const prepared = await prepareAuthorizationUrl(
    context,
    session,
    authorizationParameters(choice, client.client_id, redirectUri, createState(), await createPkcePair()),
    step,
  );
  if (options.openBrowser) await options.openExternal(prepared.url);
  return {
    url: prepared.url,
    redirectUri,
    usedPar: prepared.usedPar,
    clientId: client.client_id,
    scopeId: choice.scopeId,
    grantId: choice.grantId ?? null,
    startedAt: context.clock.now(),
    before,
  };
}

/** The Grant this flow produced, if it is there yet. */
export async function findReceiptGrant(
  context: ServerContext,
  flow: StartedReceiptFlow,
  confirmation: string | undefined,
): Promise<Grant | undefined> {
  const step = 'finding the Grant of the authorization';
  if (confirmation !== undefined && confirmation.trim() !== '') {
    const [grant] = await findGrants(
      context,
      { receiptConfirmations: [confirmation.trim()], clientIds: [flow.clientId] },
      step,
    );
    return grant;
  }
  if (flow.grantId !== null) {
    // §8.3: the Server updates the named Grant as soon as the customer approves.
    const grant = await findGrant(context, flow.grantId, step);
    const was = flow.before.get(flow.grantId);
    if (!grant || grant.status === 'needs_authorization') return undefined;
    return !was || was.receipts !== grant.receipt_confirmations.length || was.status !== grant.status
      ? grant
      : undefined;
  }
  return (await findGrants(context, { clientIds: [flow.clientId] }, step))
    .filter((grant) => !flow.before.has(grant.grant_id))
    .sort(newestGrantFirst)[0];
}

export interface ReceiptWaitOptions {
  readonly confirmation?: string;
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Waits for the flow's Grant (polling the Grants API), then proves it is reachable with a Grant
 * Admin token (§3.3.2).
 */
export async function awaitReceiptGrant(
  context: ServerContext,
  flow: StartedReceiptFlow,
  options: ReceiptWaitOptions,
): Promise<Grant> {
  const step = 'finding the Grant of the authorization';
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.signal?.aborted) throw new AuthorizationFlowError('cancelled', { server: context.ref, step });
    const grant = await findReceiptGrant(context, flow, options.confirmation);
    if (grant) {
      await context.tokens.getToken(grantAdminRequestFor(context, grant, 'reaching the new Grant'));
      return grant;
    }
    if (options.confirmation !== undefined && options.confirmation.trim() !== '') {
      throw new AuthorizationFlowError('grant-not-found', {
        server: context.ref,
        step,
        more: `no Grant of client ${flow.clientId} has the receipt confirmation ${options.confirmation.trim().slice(0, 100)}`,
      });
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new AuthorizationFlowError('timeout', { server: context.ref, step });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(options.pollMs, left));
      options.signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
