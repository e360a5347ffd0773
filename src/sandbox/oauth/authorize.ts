import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defaultRedirectUri } from '../client-objects';
import type { SandboxContext } from '../context';
import { ApiError } from '../errors';
import { esc, page } from '../html';
import { formBody } from '../http-body';
import { newId, newSecret, safeEqual } from '../ids';
import { CUSTOMER_DATA_SCOPE, splitScope } from '../scopes';
import type { InteractionRecord, Json } from '../state';
import { findCustomer, TEST_CUSTOMERS, testAccounts } from '../test-accounts';
import { grantDetails } from './authorization-details';
import {
  type CheckedRequest,
  checkAuthorizationRequest,
  FatalAuthorizationError,
  RedirectableError,
  rawParams,
} from './authorization-request';
import { absoluteMoment } from './duration-fields';

const SESSION_COOKIE = 'sgu_session';
const INTERACTION_TTL_MS = 10 * 60 * 1000;

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of String(request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** RFC 6749 §4.1.2 / §4.1.2.1 with `iss` (RFC 9207). */
function redirectTo(
  ctx: SandboxContext,
  reply: FastifyReply,
  uri: string,
  params: Record<string, string | undefined>,
) {
  const target = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) target.searchParams.set(k, v);
  target.searchParams.set('iss', ctx.base);
  return reply.code(303).header('location', target.href).header('cache-control', 'no-store').send();
}

function errorPage(reply: FastifyReply, status: number, message: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(page('Authorization error', `<p role="alert">${esc(message)}</p>`));
}

function loginPage(interactionId: string, clientName: string, error?: string): string {
  return page(
    'Sign in to authorize',
    `<p><strong>${esc(clientName)}</strong> is asking for access to your utility data.</p>
${error ? `<p role="alert">${esc(error)}</p>` : ''}
<p class="note">Use one of the <a href="/docs/test-accounts">test accounts</a>.</p>
<form method="post" action="/oauth/authorize/login">
<input type="hidden" name="interaction" value="${esc(interactionId)}">
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username">
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password">
<button type="submit">Sign in</button></form>`,
  );
}

function consentPage(ctx: SandboxContext, interactionId: string, interaction: InteractionRecord): string {
  const client = ctx.client(interaction.clientId);
  const customer = TEST_CUSTOMERS.find((c) => c.id === interaction.customerId);
  const wantsAccounts = splitScope(interaction.scope).includes(CUSTOMER_DATA_SCOPE);
  const detail = interaction.authorizationDetails.find((d) => d.type === CUSTOMER_DATA_SCOPE);
  const preselect = new Set((detail?.account_numbers as string[] | undefined) ?? []);
  // The sandbox's own `review_by` date (scopes.ts), as the Grant will carry it (cds-wg3-01 §7.3).
  const reviewBy =
    typeof detail?.review_by === 'string'
      ? absoluteMoment('review_by', detail.review_by, false, ctx.clock.now())
      : null;
  const accounts = testAccounts().filter((a) => customer?.accountIds.includes(a.cds_account_id as string));
  const rows = accounts
    .map((a) => {
      const id = esc(a.cds_account_id);
      const checked = preselect.size === 0 || preselect.has(a.account_number as string) ? ' checked' : '';
      return `<li><input type="checkbox" id="a-${id}" name="account" value="${id}"${checked}><label for="a-${id}" style="display:inline">${esc(a.account_number)}: ${esc(a.account_name)}, ${esc(String(a.account_address).replace('\n', ', '))}</label></li>`;
    })
    .join('\n');
  return page(
    'Authorize access',
    `<p>Signed in as <strong>${esc(customer?.name ?? '')}</strong>.</p>
<p><strong>${esc(client?.object.client_name ?? interaction.clientId)}</strong> asks for: <code>${esc(interaction.scope)}</code>.</p>
${reviewBy && reviewBy !== 'infinite' ? `<p id="review-by">You will be asked to review this authorization by <strong>${esc(reviewBy)}</strong>.</p>\n` : ''}${interaction.authorizationDetails.length > 0 ? `<pre>${esc(JSON.stringify(interaction.authorizationDetails, null, 2))}</pre>` : ''}
<form method="post" action="/oauth/authorize/consent">
<input type="hidden" name="interaction" value="${esc(interactionId)}">
${wantsAccounts ? `<fieldset><legend>Accounts to share</legend><ul>${rows}</ul></fieldset>` : ''}
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

function liveSession(ctx: SandboxContext, request: FastifyRequest): string | null {
  const id = cookie(request, SESSION_COOKIE);
  if (!id || !Object.hasOwn(ctx.state.sessions, id)) return null;
  const s = ctx.state.sessions[id];
  return s && s.expiresAt > ctx.clock.nowMs() ? s.customerId : null;
}

function interactionOf(ctx: SandboxContext, id: string | undefined): InteractionRecord {
  const record = id && Object.hasOwn(ctx.state.interactions, id) ? ctx.state.interactions[id] : undefined;
  if (!record || record.expiresAt <= ctx.clock.nowMs()) {
    throw new ApiError(
      400,
      'invalid_request',
      'This authorization request has expired. Start again from the app.',
    );
  }
  return record;
}

/** cds-wg1-02 §8.3: after sign-in, the named Grant must belong to this user. */
function grantUserError(ctx: SandboxContext, interaction: InteractionRecord): boolean {
  if (!interaction.grantId) return false;
  const grant = ctx.grant(interaction.grantId);
  return !grant || (grant.customerId !== null && grant.customerId !== interaction.customerId);
}

function finish(
  ctx: SandboxContext,
  reply: FastifyReply,
  id: string,
  interaction: InteractionRecord,
  params: Map<string, string>,
  accounts: string[],
) {
  delete ctx.state.interactions[id];
  if (interaction.parRequestUri) delete ctx.state.pars[interaction.parRequestUri];
  const state = interaction.params.state;
  const toReceipt = interaction.redirectUri === defaultRedirectUri(ctx);
  const client = ctx.client(interaction.clientId);
  if (!client) return errorPage(reply, 400, 'The Client Object no longer exists.');
  if (params.get('decision') !== 'approve') {
    return redirectTo(ctx, reply, interaction.redirectUri, {
      error: 'access_denied',
      error_description: 'The customer denied the request.',
      state,
    });
  }
  const customer = TEST_CUSTOMERS.find((c) => c.id === interaction.customerId);
  const owned = customer?.accountIds ?? [];
  let selected = accounts.filter((a) => owned.includes(a));
  const detail = interaction.authorizationDetails.find((d) => d.type === CUSTOMER_DATA_SCOPE);
  if (accounts.length === 0) {
    const pre = new Set((detail?.account_numbers as string[] | undefined) ?? []);
    selected = testAccounts()
      .filter(
        (a) =>
          owned.includes(a.cds_account_id as string) &&
          (pre.size === 0 || pre.has(a.account_number as string)),
      )
      .map((a) => a.cds_account_id as string);
  }
  const max = typeof detail?.max_accounts === 'number' ? detail.max_accounts : Number.POSITIVE_INFINITY;
  selected = selected.slice(0, max);
  const confirmation = `R-${randomBytes(5).toString('hex').toUpperCase()}`;
  let grant = interaction.grantId ? ctx.grant(interaction.grantId) : undefined;
  if (grant) {
    // cds-wg1-02 §8.3: the Grant is updated when the user authorizes, not at the token request.
    grant.object.scope = interaction.scope;
    // cds-wg1-02 §3.9: relative dates count from when the authorization is submitted (cds-wg3-01 §7.3).
    grant.object.authorization_details = grantDetails(
      ctx.base,
      interaction.authorizationDetails,
      ctx.clock.now(),
    );
    grant.object.receipt_confirmations = [...(grant.object.receipt_confirmations as string[]), confirmation];
    grant.customerId = interaction.customerId;
    grant.accountIds = selected;
    ctx.setGrantStatus(grant, 'active');
  } else {
    grant = ctx.addGrant(
      client.registrationId,
      interaction.clientId,
      interaction.scope,
      interaction.authorizationDetails,
      { receipt_confirmations: [confirmation] },
      interaction.customerId,
      selected,
    );
  }
  if (toReceipt) {
    const receiptId = newId();
    ctx.state.receipts[receiptId] = {
      confirmation,
      grantId: grant.object.grant_id,
      clientName: String(client.object.client_name),
      ok: true,
      error: null,
      created: ctx.nowIso(),
    };
    return reply.code(303).header('location', `${ctx.base}/receipts/${receiptId}`).send();
  }
  const code = newSecret(32);
  ctx.state.codes[code] = {
    clientId: interaction.clientId,
    redirectUri: interaction.redirectUri,
    redirectUriGiven: interaction.params.redirect_uri !== undefined,
    codeChallenge: interaction.params.code_challenge ?? '',
    grantId: grant.object.grant_id,
    scope: interaction.scope,
    // cds-wg3-01 §7.3: the Token Response carries the Grant's absolute dates.
    authorizationDetails: grant.object.authorization_details as Json[],
    expiresAt: ctx.clock.nowMs() + ctx.settings.codeTtlSeconds * 1000,
    used: false,
  };
  return redirectTo(ctx, reply, interaction.redirectUri, { code, state });
}

function startInteraction(
  ctx: SandboxContext,
  checked: CheckedRequest,
  params: Record<string, string>,
  par: string | null,
) {
  const id = newSecret(24);
  ctx.state.interactions[id] = {
    clientId: checked.client.object.client_id as string,
    params,
    redirectUri: checked.redirectUri,
    scope: checked.scope,
    authorizationDetails: checked.authorizationDetails,
    grantId: checked.grantId,
    customerId: null,
    parRequestUri: par,
    expiresAt: ctx.clock.nowMs() + INTERACTION_TTL_MS,
  };
  return id;
}

/** The authorization endpoint (RFC 6749 §4.1, RFC 9126 §4) and its login and consent forms. */
export function registerAuthorizationEndpoint(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/oauth/authorize', async (request, reply) => {
    let params = new URL(request.url, ctx.base).searchParams;
    let par: string | null = null;
    const requestUri = params.get('request_uri');
    if (requestUri !== null) {
      // RFC 9126 §4: the pushed parameters replace the query; client_id must agree.
      const pushed = Object.hasOwn(ctx.state.pars, requestUri) ? ctx.state.pars[requestUri] : undefined;
      if (!pushed || pushed.expiresAt <= ctx.clock.nowMs()) {
        return errorPage(
          reply,
          400,
          'This authorization link has expired (invalid_request_uri). Start again from the app.',
        );
      }
      if (params.get('client_id') !== pushed.clientId) {
        return errorPage(reply, 400, 'client_id does not match the pushed authorization request.');
      }
      par = requestUri;
      params = new URLSearchParams();
      for (const [k, v] of Object.entries(pushed.params)) {
        if (k === 'cds_grant_id') for (const g of JSON.parse(v) as string[]) params.append(k, g);
        else params.append(k, v);
      }
      params.set('client_id', pushed.clientId);
    }
    const raw = rawParams(params);
    let checked: CheckedRequest;
    try {
      checked = checkAuthorizationRequest(ctx, raw);
    } catch (error) {
      if (error instanceof RedirectableError) {
        return redirectTo(ctx, reply, error.redirectUri, {
          error: error.error,
          error_description: error.description,
          state: error.state,
        });
      }
      if (error instanceof FatalAuthorizationError) return errorPage(reply, 400, error.description);
      throw error;
    }
    const id = startInteraction(ctx, checked, Object.fromEntries(raw.first), par);
    const interaction = ctx.state.interactions[id] as InteractionRecord;
    const customerId = checked.promptLogin ? null : liveSession(ctx, request);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (!customerId) return loginPage(id, String(checked.client.object.client_name));
    interaction.customerId = customerId;
    if (grantUserError(ctx, interaction)) {
      delete ctx.state.interactions[id];
      return redirectTo(ctx, reply, interaction.redirectUri, {
        error: 'cds_grant_id_invalid_user',
        error_description: 'That Grant is not for this customer.',
        state: interaction.params.state,
      });
    }
    return consentPage(ctx, id, interaction);
  });

  app.post('/oauth/authorize/login', async (request, reply) => {
    const form = formBody(request);
    const id = form.get('interaction');
    const interaction = interactionOf(ctx, id);
    const customer = findCustomer(form.get('username') ?? '');
    const client = ctx.client(interaction.clientId);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    // cds-wg1-02 §5.2: sandbox Client Objects are authorized by the fictional test accounts only.
    if (!customer || !safeEqual(customer.password, form.get('password') ?? '')) {
      return reply
        .code(401)
        .send(
          loginPage(id as string, String(client?.object.client_name ?? ''), 'Wrong username or password.'),
        );
    }
    const session = newSecret(24);
    ctx.state.sessions[session] = { customerId: customer.id, expiresAt: ctx.clock.nowMs() + 60 * 60 * 1000 };
    reply.header('set-cookie', `${SESSION_COOKIE}=${session}; Path=/oauth; HttpOnly; SameSite=Lax`);
    interaction.customerId = customer.id;
    if (grantUserError(ctx, interaction)) {
      delete ctx.state.interactions[id as string];
      return redirectTo(ctx, reply, interaction.redirectUri, {
        error: 'cds_grant_id_invalid_user',
        error_description: 'That Grant is not for this customer.',
        state: interaction.params.state,
      });
    }
    return consentPage(ctx, id as string, interaction);
  });

  app.post('/oauth/authorize/consent', async (request, reply) => {
    // The account checkboxes repeat `account`; every other parameter must appear once.
    const all = new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
    const accounts = all.getAll('account');
    all.delete('account');
    const form = formBody(request, all);
    const id = form.get('interaction') as string;
    const interaction = interactionOf(ctx, id);
    const customerId = liveSession(ctx, request);
    if (!interaction.customerId || customerId !== interaction.customerId) {
      return errorPage(reply, 401, 'Please sign in again: your session has ended.');
    }
    return finish(ctx, reply, id, interaction, form, accounts);
  });

  // cds-wg1-02 §4.2: the default redirect_uri shows a receipt, or the error when authorization failed.
  app.get('/receipt', async (request, reply) => {
    const q = new URL(request.url, ctx.base).searchParams;
    reply.type('text/html; charset=utf-8');
    if (q.get('error')) {
      return reply
        .code(400)
        .send(
          page(
            'Authorization not completed',
            `<p role="alert">The authorization was not completed: ${esc(q.get('error'))}${q.get('error_description') ? ` (${esc(q.get('error_description'))})` : ''}.</p><p>You may close this window.</p>`,
          ),
        );
    }
    return page('Authorization receipt', '<p>No authorization is attached to this page.</p>');
  });

  app.get<{ Params: { id: string } }>('/receipts/:id', async (request, reply) => {
    const r = Object.hasOwn(ctx.state.receipts, request.params.id)
      ? ctx.state.receipts[request.params.id]
      : undefined;
    reply.type('text/html; charset=utf-8');
    if (!r) return reply.code(404).send(page('Receipt not found', '<p>No such receipt.</p>'));
    return page(
      'Authorization receipt',
      `<p>You authorized <strong>${esc(r.clientName)}</strong> on ${esc(r.created)}.</p>
<p>Confirmation code: <strong data-receipt-confirmation>${esc(r.confirmation)}</strong></p>
<p>You may close this window. The app will pick up your authorization by itself.</p>`,
    );
  });
}
