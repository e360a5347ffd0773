import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../src/sandbox/server';
import {
  allPages,
  authorizeInBrowser,
  basic,
  getJson,
  type Json,
  pkce,
  postForm,
  type Registered,
  register,
  secretOf,
  sendJson,
  start,
  token,
} from './support';

// cds-wg3-01 §7.3 "Duration Fields" and §7.3.1 "Sync Until", over plain HTTP: a relative `sync_until`
// becomes an absolute datetime counted from the Grant's creation, in the Grant and the Token Response,
// and the Customer Data the Grant shows is never synced later than that. The sandbox's own date field
// `review_by` is checked against its bounds at day granularity in cds_timezone.

const DAY_MS = 24 * 60 * 60_000;
const LOOPBACK = 'http://127.0.0.1:49152/callback';

let sandbox: RunningSandbox;
let r: Registered;
/** The Grant Admin and code-flow Client Objects' secrets, read while the first admin token is valid. */
let grantAdminSecret: string;
let codeSecret: string;

beforeAll(async () => {
  sandbox = await start();
  r = await register(sandbox);
  const code = r.byScope('cds_accounts_1');
  await sendJson(
    'PUT',
    code.cds_client_uri,
    { ...code, redirect_uris: [LOOPBACK, ...code.redirect_uris] },
    r.admin,
  );
  grantAdminSecret = await secretOf(r, r.byScope('cds_grant_admin_1').client_id);
  codeSecret = await secretOf(r, code.client_id);
});
afterAll(async () => {
  await sandbox.close();
});

/** The date in the sandbox's `cds_timezone` (America/Chicago) at `ms`, moved by whole months and days. */
function chicagoDate(ms: number, months = 0, days = 0): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Chicago',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(get('year'), get('month') - 1 + months, get('day') + days))
    .toISOString()
    .slice(0, 10);
}

/** Alice authorizes cds_accounts_1 with `details` (loopback, PKCE); the tokens and the Grant. */
async function authorize(details: Json): Promise<{ tokens: Json; grant: Json; consentHtml: string }> {
  const code = r.byScope('cds_accounts_1');
  const secret = codeSecret;
  const { verifier, challenge } = pkce();
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: code.client_id,
    scope: 'cds_accounts_1',
    redirect_uri: LOOPBACK,
    state: 's',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    authorization_details: JSON.stringify([{ type: 'cds_accounts_1', ...details }]),
  });
  const { location, consentHtml } = await authorizeInBrowser(`${r.as.authorization_endpoint}?${query}`);
  const back = new URL(location);
  expect(back.searchParams.get('error'), location).toBeNull();
  const tokens = await token(r.as, code.client_id, secret, {
    grant_type: 'authorization_code',
    code: back.searchParams.get('code') ?? '',
    redirect_uri: LOOPBACK,
    code_verifier: verifier,
  });
  expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
  const admin = await adminToken();
  const grants = await allPages(`${r.as.cds_grants_api}?client_ids=${code.client_id}`, admin, 'grants');
  const grant = grants.find((g) =>
    (g.authorization_details as Json[]).some(
      (d) => d.sync_until === tokens.body.authorization_details[0].sync_until,
    ),
  );
  expect(grant).toBeDefined();
  return { tokens: tokens.body, grant: grant as Json, consentHtml };
}

/** A pushed authorization request (RFC 9126) for cds_accounts_1 with `details`: 201, or the error. */
async function par(details: Json): Promise<{ status: number; body: Json }> {
  const code = r.byScope('cds_accounts_1');
  return postForm(
    r.as.pushed_authorization_request_endpoint,
    {
      response_type: 'code',
      scope: 'cds_accounts_1',
      redirect_uri: LOOPBACK,
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
      authorization_details: JSON.stringify([{ type: 'cds_accounts_1', ...details }]),
    },
    basic(code.client_id, codeSecret),
  );
}

/** The sandbox clock's time in ms (tests move it). */
const sandboxNow = (): number => Date.parse(sandbox.control.advanceClock(0).now);

/** A fresh client-admin token (the sandbox clock may have moved past the first one's expiry). */
async function adminToken(): Promise<string> {
  const t = await token(r.as, r.clientId, r.clientSecret, {
    grant_type: 'client_credentials',
    scope: 'cds_client_admin',
  });
  return t.body.access_token as string;
}

/** The Accounts API as the Grant Admin path shows it for `grantId` (cds-wg1-02 §3.3.2). */
async function accountsOf(grantId: string): Promise<Json[]> {
  const code = r.byScope('cds_accounts_1');
  const ga = r.byScope('cds_grant_admin_1');
  const t = await token(r.as, ga.client_id, grantAdminSecret, {
    grant_type: 'client_credentials',
    authorization_details: JSON.stringify([
      { type: 'cds_grant_admin_1', client_id: code.client_id, grant_id: grantId },
    ]),
  });
  expect(t.status).toBe(200);
  const listing = await getJson(r.as.cds_customerdata_accounts_api, t.body.access_token);
  expect(listing.status).toBe(200);
  return listing.body.accounts as Json[];
}

describe('sync_until (cds-wg3-01 §7.3, §7.3.1)', () => {
  it('is offered as a relative_or_absolute_datetime, as §7.3.1 requires', () => {
    const field = (
      r.as.cds_scope_descriptions.cds_accounts_1.authorization_details_fields_supported as Json[]
    ).find((f) => f.id === 'sync_until');
    expect(field).toMatchObject({ format: 'relative_or_absolute_datetime', is_required: false });
  });

  it('a relative sync_until becomes the absolute datetime from the Grant’s creation, in the Grant and the tokens', async () => {
    const { tokens, grant, consentHtml } = await authorize({ sync_until: 'P1M2DT3H' });
    const given = tokens.authorization_details[0].sync_until as string;
    // An absolute datetime (§7.3: never relative in a Grant or a Token Response)...
    expect(given).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // ...one month, two days and three hours after the Grant's creation.
    const created = new Date(grant.created);
    const expected = new Date(created);
    expected.setUTCMonth(expected.getUTCMonth() + 1, expected.getUTCDate() + 2);
    expected.setUTCHours(expected.getUTCHours() + 3);
    expect(Math.abs(Date.parse(given) - expected.getTime())).toBeLessThanOrEqual(1000);
    const detail = (grant.authorization_details as Json[])[0] as Json;
    expect(detail.sync_until).toBe(given);
    expect((grant.enabled_authorization_details as Json[])[0]?.sync_until).toBe(given);
    // The other fields keep their values (the defaults written in, cds-wg3-01 §7), and the sandbox's
    // own date field is made absolute too: a date a year from the Grant's creation date.
    expect(detail.max_accounts).toBe(25);
    expect(detail.review_by).toBe(chicagoDate(Date.parse(grant.created), 12));
    // The customer saw that date on the consent page.
    expect(consentHtml).toContain(`review this authorization by <strong>${detail.review_by}</strong>`);
    // sync_until ends the syncing, not the access: only an `expires` field sets those (§7.3.8).
    expect(grant.expires).toBeNull();
    expect(grant.not_after).toBeNull();
  });

  it('an absolute sync_until is kept as given; a date without a time is refused', async () => {
    const { tokens, grant } = await authorize({ sync_until: '2027-01-31T18:00:00-06:00' });
    expect(tokens.authorization_details[0].sync_until).toBe('2027-01-31T18:00:00-06:00');
    expect((grant.authorization_details as Json[])[0]?.sync_until).toBe('2027-01-31T18:00:00-06:00');
    const refused = await par({ sync_until: '2027-01-31' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_authorization_details');
    expect(refused.body.error_description).toMatch(/sync_until/);
  });

  it('data is never synced after sync_until: PT0S freezes it at the Grant’s creation', async () => {
    const { grant } = await authorize({ sync_until: 'PT0S' });
    const until = (grant.authorization_details as Json[])[0]?.sync_until as string;
    expect(Date.parse(until)).toBe(Date.parse(grant.created));
    const first = await accountsOf(grant.grant_id);
    expect(first.length).toBeGreaterThan(0);
    sandbox.control.advanceClock(3 * DAY_MS);
    const later = await accountsOf(grant.grant_id);
    expect(later.map((a) => a.cds_account_id)).toEqual(first.map((a) => a.cds_account_id));
    for (const account of later) expect(Date.parse(account.cds_synced)).toBe(Date.parse(until));
  });
});

describe('review_by, the sandbox’s own relative_or_absolute_date field (cds-wg3-01 §7.3)', () => {
  it('takes today, refuses yesterday and beyond its maximum', async () => {
    const today = chicagoDate(sandboxNow());
    expect((await par({ review_by: today })).status).toBe(201);
    expect((await par({ review_by: 'P3Y' })).status).toBe(201);
    const yesterday = await par({ review_by: chicagoDate(sandboxNow(), 0, -1) });
    expect(yesterday.status).toBe(400);
    expect(yesterday.body.error_description).toMatch(/review_by.*earlier than P0D/);
    const tooFar = await par({ review_by: 'P3Y1D' });
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.error_description).toMatch(/later than P3Y/);
  });
});
