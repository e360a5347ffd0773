import { exportJWK, flattenedDecrypt, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  accountListingSchema,
  clientListingSchema,
  credentialListingSchema,
  grantListingSchema,
  messageListingSchema,
  parseCds,
  serverProvidedFileListingSchema,
  tokenResponseSchema,
} from '../../../src/shared/cds/index';
import {
  authorizeInBrowser,
  basic,
  getJson,
  pkce,
  postForm,
  secretOf,
  sendJson,
  sharedRegistration,
  token,
} from './support';

// The cds-wg1-02 overview's six flows, done with plain HTTP as its curl examples do (plus PKCE, which
// cds-wg1-02 §3.4 requires of code flows).

const r = sharedRegistration();

describe('overview flows', () => {
  it('registers and returns only the cds_client_admin object with its secret', async () => {
    expect(r.clients.map((c) => c.scope).sort()).toEqual([
      'cds_accounts_1',
      'cds_client_admin',
      'cds_grant_admin_1',
      'cds_server_provided_files_1',
    ]);
    const listing = await getJson(r.as.cds_clients_api, r.admin);
    parseCds(clientListingSchema, listing.body, 'client listing');
    for (const c of r.clients) expect(c).not.toHaveProperty('client_secret');
    const code = r.byScope('cds_accounts_1');
    expect(code.redirect_uris).toEqual([`${r.sandbox.baseUrl}/receipt`]);
    expect(code.cds_status).toBe('sandbox');
    expect(code.cds_default_authorization_details).toEqual([]);
  });

  it('adds a redirect URI to a Client Object and reverts to the default with []', async () => {
    const code = r.byScope('cds_accounts_1');
    const added = await sendJson(
      'PUT',
      code.cds_client_uri,
      { ...code, redirect_uris: ['https://example.com/my-redirect', ...code.redirect_uris] },
      r.admin,
    );
    expect(added.status).toBe(200);
    expect(added.body.redirect_uris).toEqual([
      'https://example.com/my-redirect',
      `${r.sandbox.baseUrl}/receipt`,
    ]);
    const reverted = await sendJson('PUT', code.cds_client_uri, { ...code, redirect_uris: [] }, r.admin);
    expect(reverted.status).toBe(200);
    expect(reverted.body.redirect_uris).toEqual([`${r.sandbox.baseUrl}/receipt`]);
  });

  it('obtains a user authorization (PAR, login, consent, code with PKCE) and reads the Accounts API', async () => {
    const code = r.byScope('cds_accounts_1');
    const redirect = 'http://127.0.0.1/callback';
    await sendJson(
      'PUT',
      code.cds_client_uri,
      { ...code, redirect_uris: [redirect, ...code.redirect_uris] },
      r.admin,
    );
    const secret = await secretOf(r, code.client_id);
    // The per-Client-Object metadata needs the client-admin token (cds-wg1-02 §5.1).
    expect((await getJson(code.cds_server_metadata)).status).toBe(401);
    const cdsMeta = await getJson(code.cds_server_metadata, r.admin);
    const meta = (await getJson(cdsMeta.body.oauth_metadata, r.admin)).body;
    const { verifier, challenge } = pkce();
    // RFC 8252 §7.3: a loopback redirect matches on any port.
    const loopback = 'http://127.0.0.1:49152/callback';
    const par = await postForm(
      meta.pushed_authorization_request_endpoint,
      {
        response_type: 'code',
        scope: 'cds_accounts_1',
        redirect_uri: loopback,
        state: 'mystatehere',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      },
      basic(code.client_id, secret),
    );
    expect(par.status).toBe(201);
    const url = `${meta.authorization_endpoint}?client_id=${code.client_id}&request_uri=${encodeURIComponent(par.body.request_uri)}`;
    const { location } = await authorizeInBrowser(url);
    const back = new URL(location);
    expect(back.origin + back.pathname).toBe('http://127.0.0.1:49152/callback');
    expect(back.searchParams.get('state')).toBe('mystatehere');
    expect(back.searchParams.get('iss')).toBe(meta.issuer);
    const tokens = await token(meta, code.client_id, secret, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: loopback,
      code_verifier: verifier,
    });
    expect(tokens.status).toBe(200);
    parseCds(tokenResponseSchema, tokens.body, 'token response');
    expect(tokens.body.refresh_token).toBeTruthy();
    const accounts = await getJson(meta.cds_customerdata_accounts_api, tokens.body.access_token);
    expect(accounts.status).toBe(200);
    parseCds(accountListingSchema, accounts.body, 'accounts');
    expect(meta.cds_accounts_api).toBe(meta.cds_customerdata_accounts_api);
    const ids: string[] = accounts.body.accounts.map((a: { cds_account_id: string }) => a.cds_account_id);
    expect(ids.sort()).toEqual(['acct-1001', 'acct-1002']);
  });

  it('uses the default receipt redirect, then the Grant Admin scope to read the customer data', async () => {
    const code = r.byScope('cds_accounts_1');
    const url = `${r.as.authorization_endpoint}?response_type=code&client_id=${code.client_id}&scope=cds_accounts_1&redirect_uri=${encodeURIComponent(`${r.sandbox.baseUrl}/receipt`)}&state=mystatehere`;
    const { location } = await authorizeInBrowser(url, { username: 'bob', password: 'bob-sandbox' });
    expect(location).toMatch(/\/receipts\//);
    const receipt = await fetch(location);
    const html = await receipt.text();
    const confirmation = /data-receipt-confirmation>([^<]+)</.exec(html)?.[1];
    expect(confirmation).toMatch(/^R-/);
    const grants = await getJson(
      `${r.as.cds_grants_api}?client_ids=${code.client_id}&receipt_confirmations=${confirmation}`,
      r.admin,
    );
    parseCds(grantListingSchema, grants.body, 'grants');
    expect(grants.body.grants).toHaveLength(1);
    const grant = grants.body.grants[0];
    const ga = r.byScope('cds_grant_admin_1');
    const gaSecret = await secretOf(r, ga.client_id);
    const gaToken = await token(r.as, ga.client_id, gaSecret, {
      grant_type: 'client_credentials',
      authorization_details: JSON.stringify([
        { type: 'cds_grant_admin_1', client_id: code.client_id, grant_id: grant.grant_id },
      ]),
    });
    expect(gaToken.status).toBe(200);
    const accounts = await getJson(r.as.cds_customerdata_accounts_api, gaToken.body.access_token);
    expect(accounts.status).toBe(200);
    expect(accounts.body.accounts.map((a: { account_name: string }) => a.account_name)).toContain(
      'OKAFOR BAKERY LLC',
    );
  });

  it('reaches the onboarding files through the Grant Admin path and downloads them', async () => {
    const files = r.byScope('cds_server_provided_files_1');
    const grants = await getJson(`${r.as.cds_grants_api}?scopes=cds_server_provided_files_1`, r.admin);
    const grant = grants.body.grants[0];
    expect(grant.client_id).toBe(files.client_id);
    const ga = r.byScope('cds_grant_admin_1');
    const t = await token(r.as, ga.client_id, await secretOf(r, ga.client_id), {
      grant_type: 'client_credentials',
      scope: 'cds_grant_admin_1',
      authorization_details: JSON.stringify([
        { type: 'cds_grant_admin_1', client_id: files.client_id, grant_id: grant.grant_id },
      ]),
    });
    expect(t.body.authorization_details[0].grant_id).toBe(grant.grant_id);
    const listing = await getJson(r.as.cds_server_provided_files_api, t.body.access_token);
    parseCds(serverProvidedFileListingSchema, listing.body, 'files');
    const byName = Object.fromEntries(listing.body.files.map((f: { name: string }) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(['sgu-gateway-ca.pem', 'welcome-pack.pdf']);
    const pdf = await fetch(byName['welcome-pack.pdf'].download_uri, {
      headers: { authorization: `Bearer ${t.body.access_token}` },
    });
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(byName['welcome-pack.pdf'].size);
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="welcome-pack.pdf"');
    const pem = await fetch(byName['sgu-gateway-ca.pem'].download_uri, {
      headers: { authorization: `Bearer ${t.body.access_token}` },
    });
    expect(await pem.text()).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('encrypts every Accounts API response for the jwk of the authorization, decryptable with jose', async () => {
    const code = r.byScope('cds_accounts_1');
    const redirect = 'https://example.com/my-redirect';
    const current = (await getJson(code.cds_client_uri, r.admin)).body;
    await sendJson(
      'PUT',
      code.cds_client_uri,
      { ...current, redirect_uris: [redirect, ...current.redirect_uris] },
      r.admin,
    );
    const secret = await secretOf(r, code.client_id);
    const { privateKey, publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const { verifier, challenge } = pkce();
    const par = await postForm(
      r.as.pushed_authorization_request_endpoint,
      {
        response_type: 'code',
        authorization_details: JSON.stringify([{ type: 'cds_accounts_1', jwk: publicJwk }]),
        redirect_uri: redirect,
        state: 'mystatehere',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      },
      basic(code.client_id, secret),
    );
    expect(par.status).toBe(201);
    const { location } = await authorizeInBrowser(
      `${r.as.authorization_endpoint}?client_id=${code.client_id}&request_uri=${encodeURIComponent(par.body.request_uri)}`,
    );
    const t = await token(r.as, code.client_id, secret, {
      grant_type: 'authorization_code',
      code: new URL(location).searchParams.get('code') ?? '',
      redirect_uri: redirect,
      code_verifier: verifier,
    });
    expect(t.status).toBe(200);
    expect(t.body.authorization_details[0].jwk).toEqual(publicJwk);
    const res = await fetch(r.as.cds_customerdata_accounts_api, {
      headers: { authorization: `Bearer ${t.body.access_token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-log-id')).toBeNull();
    const h = (name: string): string => res.headers.get(name) ?? '';
    const body = new Uint8Array(await res.arrayBuffer());
    // Reassemble the overview's parts as flattened JWEs: jose then does ECDH-ES + Concat KDF + GCM.
    const headerPlain = await flattenedDecrypt(
      {
        protected: h('X-CDS-Header-JWE-Protected-Header'),
        iv: h('X-CDS-Header-JWE-Initialization-Vector'),
        ciphertext: h('X-CDS-Header-JWE-Ciphertext'),
        tag: h('X-CDS-Header-JWE-Authentication-Tag'),
      },
      privateKey,
    );
    const headerBlock = new TextDecoder().decode(headerPlain.plaintext);
    expect(headerBlock).toMatch(/^Content-Type: application\/json\nX-Log-ID: [0-9a-f]+$/);
    const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
    const bodyPlain = await flattenedDecrypt(
      {
        protected: h('X-CDS-Body-JWE-Protected-Header'),
        iv: h('X-CDS-Body-JWE-Initialization-Vector'),
        ciphertext: b64(body.subarray(0, body.length - 16)),
        tag: b64(body.subarray(body.length - 16)),
      },
      privateKey,
    );
    expect(bodyPlain.protectedHeader).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM' });
    const listing = JSON.parse(new TextDecoder().decode(bodyPlain.plaintext));
    parseCds(accountListingSchema, listing, 'decrypted accounts');
    expect(listing.accounts.length).toBeGreaterThan(0);
  });

  it('refuses an invalid jwk with invalid_authorization_details (cds-wg3-01 §7.4.6)', async () => {
    const code = r.byScope('cds_accounts_1');
    const secret = await secretOf(r, code.client_id);
    const { challenge } = pkce();
    const par = await postForm(
      r.as.pushed_authorization_request_endpoint,
      {
        response_type: 'code',
        authorization_details: JSON.stringify([
          { type: 'cds_accounts_1', jwk: { kty: 'EC', crv: 'P-384', x: 'a', y: 'b' } },
        ]),
        code_challenge: challenge,
        code_challenge_method: 'S256',
      },
      basic(code.client_id, secret),
    );
    expect(par.status).toBe(400);
    expect(par.body.error).toBe('invalid_authorization_details');
  });

  it('lists credentials, messages and grants as the overview does', async () => {
    parseCds(credentialListingSchema, (await getJson(r.as.cds_credentials_api, r.admin)).body, 'credentials');
    const messages = await getJson(r.as.cds_messages_api, r.admin);
    parseCds(messageListingSchema, messages.body, 'messages');
    expect(messages.body).toHaveProperty('outstanding');
  });
});
