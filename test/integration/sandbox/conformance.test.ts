import { beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationServerMetadataSchema,
  cdsServerMetadataSchema,
  clientObjectSchema,
  coverageListingSchema,
  credentialSchema,
  grantSchema,
  messageSchema,
  parseCds,
  registrationResponseSchema,
} from '../../../src/shared/cds/index';
import {
  allMessages,
  allPages,
  authorizeInBrowser,
  basic,
  getJson,
  type Json,
  metadata,
  pkce,
  postForm,
  register,
  secretOf,
  sendJson,
  sharedRegistration,
  token,
} from './support';

// One test per Server MUST that applies, named by its section, through real HTTP on loopback.

const r = sharedRegistration({ pageSize: 2 });
let as: Json;
beforeAll(async () => {
  as = await metadata(r.sandbox);
});

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
const programFields = {
  cds_company_name: 'Example',
  cds_contact_email: 'ops@example.com',
  cds_company_website: 'https://example.com/',
  cds_accepts_terms: true,
  cds_company_logo: png,
  cds_insurance_certificate: pdf,
};

describe('cds-wg1-01 Server Metadata', () => {
  it('§3, §3.1, §3.2: the well-known metadata answers 200 with every REQUIRED field', async () => {
    const res = await getJson(r.sandbox.metadataUrl);
    expect(res.status).toBe(200);
    parseCds(cdsServerMetadataSchema, res.body, 'metadata');
    expect(res.body.cds_metadata_url).toBe(r.sandbox.metadataUrl);
  });
  it('§3.2: capabilities include the union of the coverage entries capabilities', async () => {
    const cds = (await getJson(r.sandbox.metadataUrl)).body;
    const entries = await allPages(cds.coverage, '', 'coverage_entries');
    for (const e of entries) for (const c of e.capabilities) expect(cds.capabilities).toContain(c);
  });
  it('§4, §4.1: the coverage listing is paginated and newest first by updated', async () => {
    const cds = (await getJson(r.sandbox.metadataUrl)).body;
    const first = await getJson(cds.coverage);
    parseCds(coverageListingSchema, first.body, 'coverage');
    expect(first.body.coverage_entries).toHaveLength(2);
    expect(first.body.next).not.toBeNull();
    const entries = await allPages(cds.coverage, '', 'coverage_entries');
    expect(entries.length).toBe(4);
    const updated = entries.map((e) => e.updated);
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(new Set(entries.flatMap((e) => e.commodity_types))).toEqual(
      new Set(['electricity', 'natural_gas']),
    );
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set(['geographic', 'logical']));
  });
  it('§4.2: the ids filter', async () => {
    const cds = (await getJson(r.sandbox.metadataUrl)).body;
    const res = await getJson(`${cds.coverage}?ids=sgu_gas_north+sgu_commercial`);
    expect(res.body.coverage_entries.map((e: Json) => e.id).sort()).toEqual([
      'sgu_commercial',
      'sgu_gas_north',
    ]);
  });
  it('§4.3: geographic entries link a GeoJSON resource that resolves', async () => {
    const cds = (await getJson(r.sandbox.metadataUrl)).body;
    const entries = await allPages(cds.coverage, '', 'coverage_entries');
    for (const e of entries.filter((x) => x.type === 'geographic')) {
      const geo = await getJson(e.geojson_resource);
      expect(geo.status).toBe(200);
      expect(geo.body.type).toBe('Feature');
    }
  });
});

describe('cds-wg1-02 §3 Authorization Server Metadata', () => {
  it('§3.1: the oauth capability and oauth_metadata', async () => {
    const cds = (await getJson(r.sandbox.metadataUrl)).body;
    expect(cds.capabilities).toContain('oauth');
    expect(cds.oauth_metadata).toMatch(/^http/);
  });
  it('§3.2: every REQUIRED field is present and parses', () => {
    parseCds(authorizationServerMetadataSchema, as, 'AS metadata');
    for (const key of [
      'registration_endpoint',
      'service_documentation',
      'op_policy_uri',
      'op_tos_uri',
      'revocation_endpoint',
      'introspection_endpoint',
      'pushed_authorization_request_endpoint',
      'cds_test_accounts',
      'cds_human_registration',
      'cds_timezone',
    ]) {
      expect(as[key], key).toBeTruthy();
    }
    expect(as.cds_oauth_version).toBe('v1');
  });
  it('§3.2: scopes_supported equals the described scopes; unions of the per-scope lists', () => {
    const d = Object.values(as.cds_scope_descriptions) as Json[];
    expect([...as.scopes_supported].sort()).toEqual(Object.keys(as.cds_scope_descriptions).sort());
    for (const [field, top] of [
      ['response_types_supported', 'response_types_supported'],
      ['grant_types_supported', 'grant_types_supported'],
      ['token_endpoint_auth_methods_supported', 'token_endpoint_auth_methods_supported'],
      ['code_challenge_methods_supported', 'code_challenge_methods_supported'],
      ['authorization_details_types_supported', 'authorization_details_types_supported'],
    ] as const) {
      for (const v of d.flatMap((x) => x[field])) expect(as[top], `${top} has ${v}`).toContain(v);
    }
  });
  it('§3.2: every registration requirement is described in cds_registration_fields', () => {
    for (const d of Object.values(as.cds_scope_descriptions) as Json[]) {
      for (const ref of [...d.registration_requirements, ...d.registration_optional])
        expect(as.cds_registration_fields).toHaveProperty(ref);
    }
  });
  it('§3.3.1: the Client Admin scope is configured exactly', () => {
    expect(as.cds_scope_descriptions.cds_client_admin).toMatchObject({
      id: 'cds_client_admin',
      type: 'cds_client_admin',
      name: 'Client Admin',
      description: 'This scope grants administrative access to the Client management APIs.',
      registration_requirements: [],
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
      grant_admin_scope: null,
    });
  });
  it('§3.3.2: the Grant Admin scope is configured exactly', () => {
    const ga = as.cds_scope_descriptions.cds_grant_admin_1;
    expect(ga).toMatchObject({
      type: 'cds_grant_admin',
      name: 'Grant Admin',
      authorization_details_types_supported: ['cds_grant_admin_1'],
    });
    expect(
      ga.authorization_details_fields_supported.map((f: Json) => [
        f.id,
        f.format,
        f.is_required,
        f.maximum,
        f.minimum,
      ]),
    ).toEqual([
      ['client_id', 'string', true, 1000, 1],
      ['grant_id', 'string', true, 1000, 1],
    ]);
  });
  it('§3.3.3: the Server-Provided Files scope names its Grant Admin scope; the files API is advertised', () => {
    const f = as.cds_scope_descriptions.cds_server_provided_files_1;
    expect(f).toMatchObject({
      type: 'cds_server_provided_files',
      name: 'Server-Provided Files',
      grant_admin_scope: 'cds_grant_admin_1',
    });
    expect(f.authorization_details_fields_supported[0]).toMatchObject({
      id: 'file_id',
      format: 'string',
      is_required: true,
    });
    expect(as.cds_server_provided_files_api).toBeTruthy();
  });
  it('§3.4: authorization_code scopes offer S256 and never plain', () => {
    for (const d of Object.values(as.cds_scope_descriptions) as Json[]) {
      if (d.grant_types_supported.includes('authorization_code'))
        expect(d.code_challenge_methods_supported).toEqual(['S256']);
    }
    expect(as.code_challenge_methods_supported).not.toContain('plain');
  });
  it('§3.4: every grant_admin_scope is described with type cds_grant_admin', () => {
    for (const d of Object.values(as.cds_scope_descriptions) as Json[]) {
      if (d.grant_admin_scope)
        expect(as.cds_scope_descriptions[d.grant_admin_scope].type).toBe('cds_grant_admin');
    }
  });
  it('§3.5–§3.7: the registration fields use every type and the file formats carry max_size', () => {
    const f = Object.values(as.cds_registration_fields) as Json[];
    expect(new Set(f.map((x) => x.type))).toEqual(
      new Set([
        'registration_field',
        'internal_review',
        'payment_required',
        'email_verification',
        'sso_verification',
        'online_form',
        'pdf_form',
      ]),
    );
    for (const x of f.filter((y) => y.type === 'registration_field')) expect(x.field_name).toMatch(/^cds_/);
    const pay = f.find((x) => x.type === 'payment_required');
    expect(pay).toMatchObject({ amount: '250.00', currency: 'USD' });
    for (const x of f.filter((y) => /image|pdf/.test(String(y.format))))
      expect(typeof x.max_size).toBe('number');
  });
  it('§3.8–§3.10: the customer data scope has fields of every asked format with their limits', () => {
    const d = as.cds_scope_descriptions.cds_accounts_1;
    const formats = Object.fromEntries(
      d.authorization_details_fields_supported.map((f: Json) => [f.format, f]),
    );
    for (const f of [
      'choice',
      'relative_or_absolute_date',
      'relative_or_absolute_datetime',
      'int',
      'decimal',
      'string_list',
      'jwk_or_null',
    ])
      expect(formats).toHaveProperty(f);
    expect(formats.choice.choices[0]).toHaveProperty('documentation');
    expect(formats.jwk_or_null).toMatchObject({ id: 'jwk', is_required: false, default: null });
    for (const f of d.authorization_details_fields_supported as Json[]) {
      if ('maximum' in f) expect(f).toHaveProperty('minimum');
    }
  });
});

describe('cds-wg1-02 §4 Client Registration', () => {
  const reg = (body: unknown) => sendJson('POST', as.registration_endpoint, body);
  it('§4.1: unknown scopes mixed with described ones get 400 and an OAuth error body', async () => {
    const res = await reg({ scope: 'cds_client_admin openid', client_name: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_client_metadata');
  });
  it('§4.1: cds_client_admin is required', async () => {
    const res = await reg({ scope: 'cds_grant_admin_1' });
    expect(res.status).toBe(400);
  });
  it('§3.5: missing required registration fields, wrong formats and oversize values get 400', async () => {
    expect((await reg({ scope: 'cds_client_admin cds_accounts_1' })).status).toBe(400);
    const program = { scope: 'cds_client_admin sandbox_demand_response_1', ...programFields };
    expect((await reg({ ...program, cds_contact_email: 'not-an-email' })).status).toBe(400);
    expect((await reg({ ...program, cds_company_website: 'ftp://x' })).status).toBe(400);
    expect((await reg({ ...program, cds_accepts_terms: 'yes' })).status).toBe(400);
    expect((await reg({ ...program, cds_company_logo: pdf })).status).toBe(400);
    expect((await reg({ ...program, cds_company_name: 'x'.repeat(201) })).status).toBe(400);
    expect(
      (await reg({ ...program, cds_company_logo: Buffer.alloc(1_000_001, 1).toString('base64') })).status,
    ).toBe(400);
  });
  it('§4.1: submitted redirect_uris are ignored', async () => {
    const res = await reg({ scope: 'cds_client_admin', redirect_uris: ['https://evil.example/'] });
    expect(res.status).toBe(201);
    expect(res.body.redirect_uris).toEqual([]);
  });
  it('§4.2: the response is the cds_client_admin Client Object with its secret, as required', async () => {
    const res = await reg({ scope: 'cds_client_admin' });
    parseCds(registrationResponseSchema, res.body, 'registration');
    expect(res.body).toMatchObject({
      scope: 'cds_client_admin',
      redirect_uris: [],
      response_types: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    const t = await token(as, res.body.client_id, res.body.client_secret, {
      grant_type: 'client_credentials',
      scope: 'cds_client_admin',
    });
    const creds = await getJson(as.cds_credentials_api, t.body.access_token);
    expect(creds.body.credentials[0].client_secret).toBe(res.body.client_secret);
  });
  it('§4.2: a Client Object per scope, the Grant Admin object, one Credential each with an auth method', () => {
    expect(r.clients).toHaveLength(4);
    for (const c of r.clients) parseCds(clientObjectSchema, c, 'client');
    expect(r.byScope('cds_server_provided_files_1').token_endpoint_auth_method).toBeNull();
  });
  it('§4.2: code-flow objects: sandbox status, default receipt redirect, defaults set', () => {
    const c = r.byScope('cds_accounts_1');
    expect(c.cds_status_options).toEqual(['sandbox', 'disabled']);
    expect(c.cds_default_scope).toBe('cds_accounts_1');
    expect(c.cds_default_redirect_uri).toBe(c.redirect_uris[0]);
    expect(c.cds_default_authorization_details).toEqual([]);
  });
  it('§4.2: never both production and sandbox; admin never disabled, the others always', () => {
    for (const c of r.clients) {
      expect(c.cds_status_options.includes('production') && c.cds_status_options.includes('sandbox')).toBe(
        false,
      );
      expect(c.cds_status_options.includes('disabled')).toBe(c.scope !== 'cds_client_admin');
    }
  });
  it('§3.6: each requirement type creates its Message synchronously', async () => {
    const p = await register(r.sandbox, 'cds_client_admin sandbox_demand_response_1', programFields);
    const messages = await allMessages(as.cds_messages_api, p.admin, 'unread');
    const types = messages.map((m) => m.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'payment_request',
        'online_form_request',
        'pdf_form_request',
        'production_request',
      ]),
    );
    expect(types.filter((t) => t === 'online_form_request')).toHaveLength(3);
    const pay = messages.find((m) => m.type === 'payment_request') as Json;
    expect(pay).toMatchObject({
      related_type: 'payment_form',
      amount: '250.00',
      currency: 'USD',
      status: 'open',
    });
    expect(messages.find((m) => m.type === 'pdf_form_request')).toMatchObject({ related_type: 'pdf_form' });
    for (const m of messages) parseCds(messageSchema, m, 'message');
    // Not single-use: the form opens twice.
    expect((await fetch(pay.related_uri)).status).toBe(200);
    expect((await fetch(pay.related_uri)).status).toBe(200);
  });
});

describe('cds-wg1-02 §5 Clients API', () => {
  it('§5 / §11.2: the APIs need a cds_client_admin Bearer token', async () => {
    expect((await getJson(as.cds_clients_api)).status).toBe(401);
    expect((await getJson(as.cds_clients_api, 'nonsense')).status).toBe(401);
    const ga = r.byScope('cds_grant_admin_1');
    const files = r.byScope('cds_server_provided_files_1');
    const grant = (await getJson(`${as.cds_grants_api}?client_ids=${files.client_id}`, r.admin)).body
      .grants[0];
    const t = await token(as, ga.client_id, await secretOf(r, ga.client_id), {
      grant_type: 'client_credentials',
      authorization_details: JSON.stringify([
        { type: 'cds_grant_admin_1', client_id: files.client_id, grant_id: grant.grant_id },
      ]),
    });
    expect((await getJson(as.cds_clients_api, t.body.access_token)).status).toBe(403);
  });
  it('§5.1: cds_server_metadata answers 401 without a token and Client Object specific metadata with one', async () => {
    const c = r.byScope('cds_accounts_1');
    expect((await getJson(c.cds_server_metadata)).status).toBe(401);
    const m = await getJson(c.cds_server_metadata, r.admin);
    parseCds(cdsServerMetadataSchema, m.body, 'client metadata');
    const o = await getJson(m.body.oauth_metadata, r.admin);
    expect(Object.keys(o.body.cds_scope_descriptions).sort()).toEqual([
      'cds_accounts_1',
      'cds_grant_admin_1',
    ]);
  });
  it('§5.3: listing is paginated, filtered by client_ids and newest first by cds_modified', async () => {
    const first = await getJson(as.cds_clients_api, r.admin);
    expect(first.body.clients).toHaveLength(2);
    expect(first.body.next).toBeTruthy();
    const all = await allPages(as.cds_clients_api, r.admin, 'clients');
    const modified = all.map((c) => c.cds_modified);
    expect([...modified].sort().reverse()).toEqual(modified);
    const one = await getJson(`${as.cds_clients_api}?client_ids=${r.clientId}`, r.admin);
    expect(one.body.clients.map((c: Json) => c.client_id)).toEqual([r.clientId]);
  });
  it('§5.4: GET cds_client_uri', async () => {
    const c = r.byScope('cds_grant_admin_1');
    expect((await getJson(c.cds_client_uri, r.admin)).body.client_id).toBe(c.client_id);
  });
  it('§5.5: immutable fields are refused with 400', async () => {
    const c = (await getJson(r.byScope('cds_accounts_1').cds_client_uri, r.admin)).body;
    for (const change of [
      { client_id: 'x' },
      { grant_types: ['client_credentials'] },
      { cds_status_options: ['production'] },
      { client_secret: 'x' },
    ]) {
      expect((await sendJson('PUT', c.cds_client_uri, { ...c, ...change }, r.admin)).status).toBe(400);
    }
    expect(
      (await sendJson('PUT', c.cds_client_uri, { ...c, cds_status: 'production' }, r.admin)).status,
    ).toBe(400);
  });
  it('§5.5: a left-out field goes back to the Server default; §5.3 changes add a changelog Message', async () => {
    const c = (await getJson(r.byScope('cds_grant_admin_1').cds_client_uri, r.admin)).body;
    const renamed = await sendJson('PUT', c.cds_client_uri, { ...c, client_name: 'Renamed' }, r.admin);
    expect(renamed.status).toBe(200);
    expect(renamed.body.client_name).toBe('Renamed');
    const { client_name: _drop, ...rest } = renamed.body;
    const reset = await sendJson('PUT', c.cds_client_uri, rest, r.admin);
    expect(reset.body.client_name).toBe(c.client_id);
    const unread = await allMessages(as.cds_messages_api, r.admin, 'unread');
    expect(
      unread.some((m) => m.name === 'Client Object modified' && m.related_uri === c.cds_client_uri),
    ).toBe(true);
  });
  it('§5.5: a change that needs review gives 202, keeps the old value and creates a field_changes Message', async () => {
    const c = (await getJson(r.byScope('cds_accounts_1').cds_client_uri, r.admin)).body;
    const res = await sendJson('PUT', c.cds_client_uri, { ...c, cds_company_name: 'New Name Inc.' }, r.admin);
    expect(res.status).toBe(202);
    expect(res.body.cds_company_name).toBe('Example Energy Audit Services');
    const outstanding = await allMessages(as.cds_messages_api, r.admin, 'outstanding');
    const fc = outstanding.find((m) => m.type === 'field_changes') as Json;
    expect(fc.updates_requested).toEqual([
      {
        field: 'cds_company_name',
        previous_value: 'Example Energy Audit Services',
        new_value: 'New Name Inc.',
      },
    ]);
    r.sandbox.control.approve(fc.message_id);
    expect((await getJson(c.cds_client_uri, r.admin)).body.cds_company_name).toBe('New Name Inc.');
  });
  it('§7.1 via §5.5: disabling a Client Object expires its secrets', async () => {
    const p = await register(r.sandbox, 'cds_client_admin cds_grant_admin_1');
    const ga = p.byScope('cds_grant_admin_1');
    const res = await sendJson('PUT', ga.cds_client_uri, { ...ga, cds_status: 'disabled' }, p.admin);
    expect(res.body.cds_status).toBe('disabled');
    const cred = (await getJson(`${as.cds_credentials_api}?client_ids=${ga.client_id}`, p.admin)).body
      .credentials[0];
    expect(cred.client_secret_expires_at).toBeGreaterThan(0);
    expect(cred.client_secret_expires_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1);
  });
});

describe('cds-wg1-02 §6 Messages API', () => {
  it('§6.8: three sections, each paginated on its own; a section link lists only that section', async () => {
    const first = await getJson(as.cds_messages_api, r.admin);
    for (const s of ['outstanding', 'unread', 'read']) expect(first.body).toHaveProperty(s);
    expect(first.body.unread.length).toBeLessThanOrEqual(2);
    expect(first.body.unread_next).toBeTruthy();
    const next = await getJson(first.body.unread_next, r.admin);
    expect(next.body.outstanding).toEqual([]);
    expect(next.body.read).toEqual([]);
    expect(next.body.unread.length).toBeGreaterThan(0);
  });
  it('§6.8: the message_ids filter and newest-first order', async () => {
    const all = await allMessages(as.cds_messages_api, r.admin, 'unread');
    const modified = all.map((m) => m.modified);
    expect([...modified].sort().reverse()).toEqual(modified);
    const pick = all.slice(0, 2).map((m) => m.message_id);
    const res = await getJson(`${as.cds_messages_api}?message_ids=${pick.join('+')}&section=unread`, r.admin);
    expect(res.body.unread.map((m: Json) => m.message_id).sort()).toEqual([...pick].sort());
  });
  it('§6.9: a private_message gets 201, read true, creator, status complete', async () => {
    const res = await sendJson(
      'POST',
      as.cds_messages_api,
      { type: 'private_message', name: 'Hi', description: 'Hello', previous_uri: null },
      r.admin,
    );
    expect(res.status).toBe(201);
    parseCds(messageSchema, res.body, 'message');
    expect(res.body).toMatchObject({ read: true, creator: r.clientId, status: 'complete' });
    expect(res.body.created).toBe(res.body.modified);
  });
  it('§6.9: production, support and grant requests are pending; invalid ones get 400', async () => {
    const c = r.byScope('cds_accounts_1');
    const prod = await sendJson(
      'POST',
      as.cds_messages_api,
      {
        type: 'production_request',
        name: 'Go live',
        description: '',
        previous_uri: null,
        related_uri: c.cds_client_uri,
      },
      r.admin,
    );
    expect(prod.body.status).toBe('pending');
    const grantReq = await sendJson(
      'POST',
      as.cds_messages_api,
      {
        type: 'grant_request',
        name: 'Grant',
        description: '',
        previous_uri: null,
        related_uri: c.cds_client_uri,
        grants_requested: [{ scope: 'cds_accounts_1', authorization_details: [] }],
      },
      r.admin,
    );
    expect(grantReq.status).toBe(201);
    expect(grantReq.body.status).toBe('pending');
    for (const bad of [
      { type: 'notification', name: 'x', description: 'y' },
      { type: 'private_message', name: 1, description: 'y' },
      { type: 'production_request', name: 'x', description: '' },
      {
        type: 'grant_request',
        name: 'x',
        description: '',
        related_uri: c.cds_client_uri,
        grants_requested: [],
      },
      { type: 'client_submission', name: '', description: '', previous_uri: null },
    ]) {
      expect((await sendJson('POST', as.cds_messages_api, bad, r.admin)).status, JSON.stringify(bad)).toBe(
        400,
      );
    }
  });
  it('§6.9: a production_request approved gives a request_update complete linking a new production Client Object', async () => {
    const p = await register(r.sandbox, 'cds_client_admin sandbox_demand_response_1', programFields);
    const pending = await allMessages(as.cds_messages_api, p.admin, 'outstanding');
    const prod = pending.find((m) => m.type === 'production_request') as Json;
    const update = r.sandbox.control.approve(prod.message_id);
    expect(update).toMatchObject({
      type: 'request_update',
      status: 'complete',
      previous_uri: prod.uri,
      related_type: 'client',
    });
    const created = await getJson(update.related_uri as string, p.admin);
    expect(created.body.cds_status_options).toEqual(['production', 'disabled']);
    const creds = await getJson(`${as.cds_credentials_api}?client_ids=${created.body.client_id}`, p.admin);
    expect(creds.body.credentials).toHaveLength(1);
  });
  it('§6.9: a client_submission makes the open server_request pending; approval completes it', async () => {
    const sr = r.sandbox.control.serverRequest({
      registrationId: r.clientId,
      name: 'Tax ID',
      description: 'Send it',
      fields: [{ field: 'tax_id', name: 'Tax ID', description: 'Your tax ID' }],
    });
    const sub = await sendJson(
      'POST',
      as.cds_messages_api,
      {
        type: 'client_submission',
        name: '',
        description: '',
        previous_uri: sr.uri,
        updates_requested: [{ field: 'tax_id', description: '12-3456789' }],
      },
      r.admin,
    );
    expect(sub.status).toBe(201);
    expect((await getJson(sr.uri as string, r.admin)).body.status).toBe('pending');
    r.sandbox.control.approve(sub.body.message_id);
    expect((await getJson(sr.uri as string, r.admin)).body.status).toBe('complete');
  });
  it('§6.9: attachments above the limit (≥ 10 MB) get 413', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 3, 7).toString('base64');
    const res = await sendJson(
      'POST',
      as.cds_messages_api,
      {
        type: 'support_request',
        name: 'Big',
        description: 'x',
        previous_uri: null,
        attachments: [{ filename: 'a.bin', mime_type: 'application/octet-stream', data: big }],
      },
      r.admin,
    );
    expect(res.status).toBe(413);
    expect(res.body.error).toBeTruthy();
  });
  it('§6.11: PATCH read true/false; other fields ignored; invalid read 400', async () => {
    const m = (await allMessages(as.cds_messages_api, r.admin, 'unread'))[0] as Json;
    const res = await sendJson('PATCH', m.uri, { read: true, name: 'ignored' }, r.admin);
    expect(res.status).toBe(200);
    expect(res.body.read).toBe(true);
    expect(res.body.name).toBe(m.name);
    expect((await sendJson('PATCH', m.uri, { read: 'yes' }, r.admin)).status).toBe(400);
    expect((await sendJson('PATCH', m.uri, { read: false }, r.admin)).body.read).toBe(false);
  });
});

describe('cds-wg1-02 §7 Credentials API', () => {
  it('§7.3: filters credential_ids, client_ids, after, before; newest first', async () => {
    const all = await allPages(as.cds_credentials_api, r.admin, 'credentials');
    for (const c of all) parseCds(credentialSchema, c, 'credential');
    const one = all[0] as Json;
    expect(
      (await getJson(`${as.cds_credentials_api}?credential_ids=${one.credential_id}`, r.admin)).body
        .credentials,
    ).toHaveLength(1);
    expect(
      (await getJson(`${as.cds_credentials_api}?before=2000-01-01T00:00:00Z`, r.admin)).body.credentials,
    ).toHaveLength(0);
    expect(
      (await getJson(`${as.cds_credentials_api}?after=2000-01-01T00:00:00Z`, r.admin)).body.credentials
        .length,
    ).toBeGreaterThan(0);
    expect((await getJson(`${as.cds_credentials_api}?after=yesterday`, r.admin)).status).toBe(400);
  });
  it('§7.5: create gives 201; invalid client_id 400; §7.3 adds a changelog Message', async () => {
    const ga = r.byScope('cds_grant_admin_1');
    const res = await sendJson('POST', as.cds_credentials_api, { client_id: ga.client_id }, r.admin);
    expect(res.status).toBe(201);
    expect(res.body.client_secret_expires_at).toBe(0);
    expect((await sendJson('POST', as.cds_credentials_api, { client_id: 'nope' }, r.admin)).status).toBe(400);
    expect((await sendJson('POST', as.cds_credentials_api, {}, r.admin)).status).toBe(400);
    const unread = await allMessages(as.cds_messages_api, r.admin, 'unread');
    expect(unread.some((m) => m.related_uri === res.body.uri)).toBe(true);
  });
  it('§7.6: expiry rules, and expiring now kills the secret and every token issued with it', async () => {
    const ga = r.byScope('cds_grant_admin_1');
    const cred = (await sendJson('POST', as.cds_credentials_api, { client_id: ga.client_id }, r.admin)).body;
    const files = r.byScope('cds_server_provided_files_1');
    const grant = (await getJson(`${as.cds_grants_api}?client_ids=${files.client_id}`, r.admin)).body
      .grants[0];
    const t = await token(as, ga.client_id, cred.client_secret, {
      grant_type: 'client_credentials',
      authorization_details: JSON.stringify([
        { type: 'cds_grant_admin_1', client_id: files.client_id, grant_id: grant.grant_id },
      ]),
    });
    expect((await getJson(as.cds_server_provided_files_api, t.body.access_token)).status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    expect(
      (await sendJson('PATCH', cred.uri, { client_secret_expires_at: now - 3600 }, r.admin)).status,
    ).toBe(400);
    expect((await sendJson('PATCH', cred.uri, { client_secret_expires_at: 'soon' }, r.admin)).status).toBe(
      400,
    );
    const later = await sendJson('PATCH', cred.uri, { client_secret_expires_at: now + 3600 }, r.admin);
    expect(later.body.client_secret_expires_at).toBe(now + 3600);
    expect(
      (await sendJson('PATCH', cred.uri, { client_secret_expires_at: now + 7200 }, r.admin)).status,
    ).toBe(400);
    expect((await sendJson('PATCH', cred.uri, { client_secret_expires_at: 0 }, r.admin)).status).toBe(400);
    const expired = await sendJson('PATCH', cred.uri, { client_secret_expires_at: now }, r.admin);
    expect(expired.status).toBe(200);
    expect((await getJson(as.cds_server_provided_files_api, t.body.access_token)).status).toBe(401);
    const again = await token(as, ga.client_id, cred.client_secret, {
      grant_type: 'client_credentials',
      authorization_details: '[]',
    });
    expect(again.status).toBe(401);
    expect(again.body.error).toBe('invalid_client');
  });
});

describe('cds-wg1-02 §8 Grants API', () => {
  it('§8.4: every filter, newest first; §8.5 GET', async () => {
    const all = await allPages(as.cds_grants_api, r.admin, 'grants');
    for (const g of all) parseCds(grantSchema, g, 'grant');
    const g = all[0] as Json;
    const q = (s: string) =>
      getJson(`${as.cds_grants_api}?${s}`, r.admin).then((x) => x.body.grants.map((y: Json) => y.grant_id));
    expect(await q(`grant_ids=${g.grant_id}`)).toEqual([g.grant_id]);
    expect(await q(`statuses=${g.status}`)).toContain(g.grant_id);
    expect(await q(`client_ids=${g.client_id}`)).toContain(g.grant_id);
    expect(await q(`scopes=${g.scope}`)).toContain(g.grant_id);
    expect(await q('parents=none')).toEqual([]);
    expect(await q('before=2000-01-01T00:00:00Z')).toEqual([]);
    expect(await q('after=2000-01-01T00:00:00Z')).toContain(g.grant_id);
    expect((await getJson(g.uri, r.admin)).body.grant_id).toBe(g.grant_id);
  });
  it('§8.6: status only closed; closing cuts the Grant Admin token off', async () => {
    const files = r.byScope('cds_server_provided_files_1');
    const grant = r.sandbox.control.createFileGrant({
      clientId: files.client_id,
      files: [{ name: 'a.txt', mimeType: 'text/plain', base64: Buffer.from('hi').toString('base64') }],
    });
    expect((await sendJson('PATCH', grant.uri as string, { status: 'active' }, r.admin)).status).toBe(400);
    const ga = r.byScope('cds_grant_admin_1');
    const t = await token(as, ga.client_id, await secretOf(r, ga.client_id), {
      grant_type: 'client_credentials',
      authorization_details: JSON.stringify([
        { type: 'cds_grant_admin_1', client_id: files.client_id, grant_id: grant.grant_id },
      ]),
    });
    const closed = await sendJson('PATCH', grant.uri as string, { status: 'closed', junk: 1 }, r.admin);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      enabled_scope: '',
      enabled_authorization_details: [],
    });
    expect((await getJson(as.cds_server_provided_files_api, t.body.access_token)).status).toBe(401);
  });
  it('§8.6: a reduction is 200 at once; a wider user-authorized scope needs authorization again', async () => {
    const code = r.byScope('cds_accounts_1');
    const g = r.sandbox.control.createGrant({
      clientId: code.client_id,
      customer: 'alice',
      authorizationDetails: [{ type: 'cds_accounts_1', max_accounts: 5 }],
    });
    const narrower = await sendJson('PATCH', g.uri as string, { authorization_details: [] }, r.admin);
    expect(narrower.status).toBe(200);
    expect(narrower.body.enabled_authorization_details).toEqual([]);
    const wider = await sendJson(
      'PATCH',
      g.uri as string,
      { authorization_details: [{ type: 'cds_accounts_1', max_accounts: 50 }] },
      r.admin,
    );
    expect(wider.status).toBe(200);
    expect(wider.body.status).toBe('needs_authorization');
    expect((await sendJson('PATCH', g.uri as string, { scope: 'cds_client_admin' }, r.admin)).status).toBe(
      400,
    );
  });
  it('§8.3: cds_grant_id authorizes a needs_authorization Grant; wrong user and bad ids are refused', async () => {
    const code = r.byScope('cds_accounts_1');
    const secret = await secretOf(r, code.client_id);
    const g = r.sandbox.control.createGrant({
      clientId: code.client_id,
      status: 'needs_authorization',
      customer: 'carol',
    });
    expect(g.enabled_scope).toBe('');
    const { challenge } = pkce();
    const url = (grantId: string, extra = '') =>
      `${as.authorization_endpoint}?response_type=code&client_id=${code.client_id}&scope=cds_accounts_1&redirect_uri=${encodeURIComponent(`${r.sandbox.baseUrl}/receipt`)}&state=s&code_challenge=${challenge}&code_challenge_method=S256&cds_grant_id=${grantId}${extra}`;
    const bad = await fetch(url('nope'), { redirect: 'manual' });
    expect(new URL(bad.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'cds_grant_id_invalid_value',
    );
    const two = await fetch(url(g.grant_id as string, '&cds_grant_id=other'), { redirect: 'manual' });
    expect(new URL(two.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
    const wrongUser = await authorizeInBrowser(url(g.grant_id as string, '&cds_grant_id='), {
      username: 'alice',
      password: 'alice-sandbox',
    });
    expect(new URL(wrongUser.location).searchParams.get('error')).toBe('cds_grant_id_invalid_user');
    // prompt=login asks again even with a live session.
    const ok = await authorizeInBrowser(url(g.grant_id as string, '&prompt=login'), {
      username: 'carol',
      password: 'carol-sandbox',
      cookie: wrongUser.cookie,
    });
    expect(ok.loginShown).toBe(true);
    expect((await getJson(g.uri as string, r.admin)).body.status).toBe('active');
    void secret;
  });
});

describe('cds-wg1-02 §9 Server-Provided Files API', () => {
  it('§9.2–§9.4: only a Grant Admin token for a Grant that includes the file reaches it', async () => {
    const files = r.byScope('cds_server_provided_files_1');
    const other = r.sandbox.control.createFileGrant({
      clientId: files.client_id,
      files: [{ name: 'secret.txt', mimeType: 'text/plain', base64: Buffer.from('x').toString('base64') }],
    });
    const onboarding = (
      await allPages(`${as.cds_grants_api}?client_ids=${files.client_id}`, r.admin, 'grants')
    ).find((g: Json) => g.authorization_details.length === 2) as Json;
    const ga = r.byScope('cds_grant_admin_1');
    const t = await token(as, ga.client_id, await secretOf(r, ga.client_id), {
      grant_type: 'client_credentials',
      authorization_details: JSON.stringify([
        { type: 'cds_grant_admin_1', client_id: files.client_id, grant_id: onboarding.grant_id },
      ]),
    });
    const listing = await getJson(as.cds_server_provided_files_api, t.body.access_token);
    expect(listing.body.files).toHaveLength(2);
    const hidden = (other.authorization_details as Json[])[0]?.file_id;
    expect((await getJson(`${as.cds_server_provided_files_api}/${hidden}`, t.body.access_token)).status).toBe(
      404,
    );
    expect(
      (
        await fetch(`${as.cds_server_provided_files_api}/${hidden}/download`, {
          headers: { authorization: `Bearer ${t.body.access_token}` },
        })
      ).status,
    ).toBe(404);
    expect((await getJson(as.cds_server_provided_files_api, r.admin)).status).toBe(403);
    expect((await getJson(as.cds_server_provided_files_api)).status).toBe(401);
    const f = listing.body.files[0];
    expect(
      (await getJson(`${as.cds_server_provided_files_api}?file_ids=${f.file_id}`, t.body.access_token)).body
        .files,
    ).toHaveLength(1);
  });
});

describe('OAuth endpoints (RFC 6749, 7636, 9126, 7009, 7662, 9207) as cds-wg1-02 requires', () => {
  it('§3.3.2: Grant Admin tokens need exactly one entry for a Grant of the same registration', async () => {
    const ga = r.byScope('cds_grant_admin_1');
    const secret = await secretOf(r, ga.client_id);
    const other = await register(r.sandbox);
    const otherFiles = other.byScope('cds_server_provided_files_1');
    const otherGrant = (await getJson(`${as.cds_grants_api}?client_ids=${otherFiles.client_id}`, other.admin))
      .body.grants[0];
    for (const details of [
      [],
      [{ type: 'cds_grant_admin_1', client_id: otherFiles.client_id, grant_id: otherGrant.grant_id }],
      [{ type: 'cds_grant_admin_1', client_id: 'x' }],
    ]) {
      const res = await token(as, ga.client_id, secret, {
        grant_type: 'client_credentials',
        authorization_details: JSON.stringify(details),
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_authorization_details');
    }
  });
  it('RFC 6749 §5.2: bad client, grant type and scope errors', async () => {
    expect((await token(as, r.clientId, 'wrong', { grant_type: 'client_credentials' })).body.error).toBe(
      'invalid_client',
    );
    expect((await token(as, r.clientId, r.clientSecret, { grant_type: 'password' })).body.error).toBe(
      'unsupported_grant_type',
    );
    expect(
      (
        await token(as, r.clientId, r.clientSecret, {
          grant_type: 'client_credentials',
          scope: 'cds_accounts_1',
        })
      ).body.error,
    ).toBe('invalid_scope');
    expect(
      (
        await postForm(as.token_endpoint, {
          grant_type: 'client_credentials',
          client_id: r.clientId,
          client_secret: r.clientSecret,
        })
      ).status,
    ).toBe(401);
  });
  it('RFC 7636 / §3.4: plain and missing PKCE are refused', async () => {
    const code = r.byScope('cds_accounts_1');
    const cur = (await getJson(code.cds_client_uri, r.admin)).body;
    await sendJson(
      'PUT',
      code.cds_client_uri,
      { ...cur, redirect_uris: ['http://127.0.0.1/cb', ...cur.redirect_uris] },
      r.admin,
    );
    const base = `${as.authorization_endpoint}?response_type=code&client_id=${code.client_id}&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&state=s`;
    for (const q of ['', '&code_challenge=abc&code_challenge_method=plain']) {
      const res = await fetch(base + q, { redirect: 'manual' });
      const loc = new URL(res.headers.get('location') ?? '');
      expect(loc.searchParams.get('error')).toBe('invalid_request');
      expect(loc.searchParams.get('iss')).toBe(as.issuer);
    }
    const { verifier, challenge } = pkce();
    const { location } = await authorizeInBrowser(
      `${base}&code_challenge=${challenge}&code_challenge_method=S256`,
    );
    const c = new URL(location).searchParams.get('code') ?? '';
    const secret = await secretOf(r, code.client_id);
    const noVerifier = await token(as, code.client_id, secret, {
      grant_type: 'authorization_code',
      code: c,
      redirect_uri: 'http://127.0.0.1/cb',
    });
    expect(noVerifier.body.error).toBe('invalid_grant');
    const ok = await token(as, code.client_id, secret, {
      grant_type: 'authorization_code',
      code: c,
      redirect_uri: 'http://127.0.0.1/cb',
      code_verifier: verifier,
    });
    expect(ok.status).toBe(200);
    // Refresh rotates: the old refresh token dies.
    const refreshed = await token(as, code.client_id, secret, {
      grant_type: 'refresh_token',
      refresh_token: ok.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(ok.body.refresh_token);
    expect(
      (
        await token(as, code.client_id, secret, {
          grant_type: 'refresh_token',
          refresh_token: ok.body.refresh_token,
        })
      ).body.error,
    ).toBe('invalid_grant');
    // Introspection and revocation.
    const intro = await postForm(
      as.introspection_endpoint,
      { token: refreshed.body.access_token },
      basic(code.client_id, secret),
    );
    expect(intro.body).toMatchObject({ active: true, client_id: code.client_id });
    expect(
      (
        await postForm(
          as.revocation_endpoint,
          { token: refreshed.body.access_token },
          basic(code.client_id, secret),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await postForm(
          as.introspection_endpoint,
          { token: refreshed.body.access_token },
          basic(code.client_id, secret),
        )
      ).body,
    ).toEqual({ active: false });
    expect(
      (await postForm(as.revocation_endpoint, { token: 'unknown' }, basic(code.client_id, secret))).status,
    ).toBe(200);
  });
  it('RFC 9126: PAR request_uri expires', async () => {
    const code = r.byScope('cds_accounts_1');
    const secret = await secretOf(r, code.client_id);
    const { challenge } = pkce();
    const par = await postForm(
      as.pushed_authorization_request_endpoint,
      { response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' },
      basic(code.client_id, secret),
    );
    expect(par.body.expires_in).toBe(60);
    r.sandbox.control.advanceClock(61_000);
    const res = await fetch(
      `${as.authorization_endpoint}?client_id=${code.client_id}&request_uri=${encodeURIComponent(par.body.request_uri)}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
  });
  it('RFC 6749 §4.1.2.1: denial redirects access_denied with state and iss; default redirect shows an error', async () => {
    const code = r.byScope('cds_accounts_1');
    const url = `${as.authorization_endpoint}?response_type=code&client_id=${code.client_id}&state=zz`;
    const res = await authorizeInBrowser(url, { decision: 'deny' });
    const loc = new URL(res.location);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('zz');
    const page = await fetch(res.location);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('access_denied');
    const unknown = await fetch(`${as.authorization_endpoint}?response_type=code&client_id=nope`, {
      redirect: 'manual',
    });
    expect(unknown.status).toBe(400);
    const badRedirect = await fetch(
      `${as.authorization_endpoint}?response_type=code&client_id=${code.client_id}&redirect_uri=https%3A%2F%2Fevil.example%2F`,
      { redirect: 'manual' },
    );
    expect(badRedirect.status).toBe(400);
  });
});
