import type { FastifyInstance, FastifyReply } from 'fastify';
import { bearerToken } from '../auth';
import { isoSeconds } from '../clock';
import { NO_ACCESS_STATUSES, type SandboxContext } from '../context';
import { ApiError, insufficientScope } from '../errors';
import { newId } from '../ids';
import { ACCOUNTS_PATH } from '../metadata';
import { grantJwk } from '../oauth/authorization-details';
import { syncDeadline } from '../oauth/duration-fields';
import { listParam, newestFirst, paginate } from '../pagination';
import { encryptCdsResponse } from '../response-encryption';
import { CUSTOMER_DATA_SCOPE, scopeType, splitScope } from '../scopes';
import type { GrantRecord, Json } from '../state';
import { testAccounts } from '../test-accounts';

function compareDecimal(a: string, b: string): number {
  // Exact for the sandbox's two-decimal amounts: scale to integer cents (§3.9: never floats).
  const cents = (s: string): bigint => {
    const [i = '0', f = ''] = s.replace('-', '').split('.');
    const v = BigInt(i) * 100n + BigInt(`${f}00`.slice(0, 2));
    return s.startsWith('-') ? -v : v;
  };
  const d = cents(a) - cents(b);
  return d === 0n ? 0 : d > 0n ? 1 : -1;
}

/** The Grant behind a Customer Data token: authorization code, refresh, or Grant Admin (§3.3.2). */
function customerGrant(ctx: SandboxContext, token: ReturnType<typeof bearerToken>): GrantRecord {
  const grant = token.grantId ? ctx.grant(token.grantId) : undefined;
  const enabled = splitScope(grant?.object.enabled_scope as string | undefined);
  const viaScope = splitScope(token.scope).some((s) => scopeType(s) === 'cds_accounts');
  const viaGrantAdmin = scopeType(token.scope) === 'cds_grant_admin';
  if (!grant || !(viaScope || viaGrantAdmin) || !enabled.some((s) => scopeType(s) === 'cds_accounts')) {
    throw insufficientScope(CUSTOMER_DATA_SCOPE);
  }
  if (NO_ACCESS_STATUSES.has(grant.object.status))
    throw new ApiError(403, 'access_denied', 'The Grant no longer gives access.');
  return grant;
}

function list(ctx: SandboxContext, grant: GrantRecord, url: URL): Json {
  const detail = (grant.object.enabled_authorization_details as Json[]).find(
    (d) => d.type === CUSTOMER_DATA_SCOPE,
  );
  const minBalance = typeof detail?.min_balance === 'string' ? detail.min_balance : null;
  const ids = listParam(url, 'cds_account_ids');
  const customers = listParam(url, 'customer_numbers');
  const numbers = listParam(url, 'account_numbers');
  const statuses = listParam(url, 'account_statuses');
  const q = url.searchParams.get('q')?.toLowerCase() ?? null;
  // cds-wg3-01 §7.3.1: data valid after `sync_until` is never shown; past it the data stays frozen.
  const synced = isoSeconds(new Date(Math.min(ctx.clock.nowMs(), syncDeadline(detail?.sync_until))));
  const accounts = testAccounts()
    .filter((a) => grant.accountIds.includes(a.cds_account_id as string))
    .map((a): Json & { account_programs: Json[] } => ({
      ...a,
      cds_synced: synced,
      account_programs: (a.account_programs as Json[]).filter(
        (p) =>
          minBalance === null || typeof p.balance !== 'string' || compareDecimal(p.balance, minBalance) >= 0,
      ),
    }))
    .filter((a) => {
      // cds-wg3-01 §10.1.10: q is a case-insensitive "contains" over these fields.
      const haystack = [
        a.cds_account_id,
        a.customer_number,
        a.account_number,
        a.account_address,
        a.account_name,
        ...(a.account_contacts as Json[]).flatMap((c) => [c.value, c.contact_name, c.contact_email]),
        ...a.account_programs.map((p) => p.program_number),
      ]
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.toLowerCase());
      return (
        (!ids || ids.has(a.cds_account_id as string)) &&
        // customer_number null never matches (§10.1.10).
        (!customers || (typeof a.customer_number === 'string' && customers.has(a.customer_number))) &&
        (!numbers || numbers.has(a.account_number as string)) &&
        (!statuses || statuses.has(a.account_status as string)) &&
        (q === null || haystack.some((v) => v.includes(q)))
      );
    });
  const p = paginate(
    newestFirst(accounts, (a) => a.cds_modified as string),
    url,
    ctx.settings.pageSize,
  );
  return { accounts: p.items, next: p.next, previous: p.previous };
}

async function send(reply: FastifyReply, status: number, body: Json, jwk: Json | null) {
  const logId = newId();
  if (!jwk) return reply.code(status).header('x-log-id', logId).send(body);
  // cds-wg3-01 §7.4.6, overview's last example: the real headers and the body, encrypted for the jwk.
  const encrypted = await encryptCdsResponse({
    headers: { 'Content-Type': 'application/json', 'X-Log-ID': logId },
    body: Buffer.from(JSON.stringify(body), 'utf8'),
    recipientJwk: jwk,
  });
  reply.code(status).header('content-type', 'application/octet-stream').header('cache-control', 'no-store');
  for (const [k, v] of Object.entries(encrypted.headers)) reply.header(k, v);
  return reply.send(Buffer.from(encrypted.body));
}

/** cds-wg3-01 §10.1 Accounts API (advertised as cds_accounts_api and cds_customerdata_accounts_api). */
export function registerAccountsApi(app: FastifyInstance, ctx: SandboxContext): void {
  app.get(ACCOUNTS_PATH, async (request, reply) => {
    const grant = customerGrant(ctx, bearerToken(ctx, request));
    const jwk = grantJwk(grant.object.enabled_authorization_details as Json[]);
    try {
      return await send(reply, 200, list(ctx, grant, new URL(request.url, ctx.base)), jwk);
    } catch (error) {
      // Once a key is known, even errors leave encrypted.
      if (error instanceof ApiError) {
        return send(reply, error.status, { error: error.error, error_description: error.description }, jwk);
      }
      throw error;
    }
  });
}
