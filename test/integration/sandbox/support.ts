import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../../src/sandbox/server';

// Plain HTTP helpers for driving the sandbox the way the overview's curl examples do: no project
// client code, only fetch.

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON response fields.
export type Json = Record<string, any>;

export interface Registered {
  sandbox: RunningSandbox;
  as: Json;
  clientId: string;
  clientSecret: string;
  admin: string;
  clients: Json[];
  byScope(scope: string): Json;
}

export async function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, pageSize: 3, ...options });
}

export async function getJson(
  url: string,
  bearer?: string,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
}

export async function sendJson(
  method: string,
  url: string,
  body: unknown,
  bearer?: string,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
}

export const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export async function postForm(
  url: string,
  params: Record<string, string>,
  auth?: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: Json; headers: Headers; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(auth ? { authorization: auth } : {}),
      ...extraHeaders,
    },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  let body: Json = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  return { status: res.status, body, headers: res.headers, text };
}

export async function metadata(sandbox: RunningSandbox): Promise<Json> {
  const cds = await getJson(sandbox.metadataUrl);
  return (await getJson(cds.body.oauth_metadata)).body;
}

export async function token(
  as: Json,
  id: string,
  secret: string,
  params: Record<string, string>,
): Promise<{ status: number; body: Json }> {
  return postForm(as.token_endpoint, params, basic(id, secret));
}

/**
 * The registration a test file shares: a sandbox started (`start(options)`) and registered for the
 * plain scopes (`register`) before the file's tests, which is when the returned object is filled in,
 * and closed after them.
 */
export function sharedRegistration(options: SandboxOptions = {}): Registered {
  const shared = {} as Registered;
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await start(options);
    Object.assign(shared, await register(sandbox));
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return shared;
}

/** Registers for every scope whose requirements are plain fields (as seed-flow.sh does). */
export async function register(
  sandbox: RunningSandbox,
  scope?: string,
  extra: Json = {},
): Promise<Registered> {
  const as = await metadata(sandbox);
  const scopes = scope ?? 'cds_client_admin cds_grant_admin_1 cds_server_provided_files_1 cds_accounts_1';
  const reg = await sendJson('POST', as.registration_endpoint, {
    client_name: 'Example Energy Audit Services',
    client_uri: 'https://example.com/',
    scope: scopes,
    cds_company_name: 'Example Energy Audit Services',
    ...extra,
  });
  if (reg.status !== 201) throw new Error(`registration failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const clientId = reg.body.client_id as string;
  const clientSecret = reg.body.client_secret as string;
  const t = await token(as, clientId, clientSecret, {
    grant_type: 'client_credentials',
    scope: 'cds_client_admin',
  });
  const admin = t.body.access_token as string;
  const all: Json[] = [];
  let next: string | null = as.cds_clients_api;
  while (next) {
    const page = await getJson(next, admin);
    all.push(...(page.body.clients as Json[]));
    next = page.body.next;
  }
  return {
    sandbox,
    as,
    clientId,
    clientSecret,
    admin,
    clients: all,
    byScope(s: string) {
      const c = all.find((x) => x.scope === s);
      if (!c) throw new Error(`no client with scope ${s}`);
      return c;
    },
  };
}

export async function secretOf(r: Registered, clientId: string): Promise<string> {
  // The first Credential that has not expired (listings are newest-modified first, so an expired
  // one may come first).
  const creds = await allPages(`${r.as.cds_credentials_api}?client_ids=${clientId}`, r.admin, 'credentials');
  const now = Math.floor(Date.now() / 1000);
  const live = creds.find((c) => c.client_secret_expires_at === 0 || c.client_secret_expires_at > now);
  if (!live) throw new Error(`no live credential for ${clientId}`);
  return live.client_secret as string;
}

/** Every page of a listing, following `next`. */
export async function allPages(url: string, bearer: string, key: string): Promise<Json[]> {
  const out: Json[] = [];
  let next: string | null = url;
  while (next) {
    const page = await getJson(next, bearer);
    if (page.status !== 200) throw new Error(`${next}: ${page.status}`);
    out.push(...(page.body[key] as Json[]));
    next = page.body.next;
  }
  return out;
}

/** Every page of one Messages section (cds-wg1-02 §6.8: `<section>_next` links). */
export async function allMessages(
  url: string,
  bearer: string,
  section: 'outstanding' | 'unread' | 'read',
): Promise<Json[]> {
  const out: Json[] = [];
  let next: string | null = `${url}${url.includes('?') ? '&' : '?'}section=${section}`;
  while (next) {
    const page = await getJson(next, bearer);
    if (page.status !== 200) throw new Error(`${next}: ${page.status}`);
    out.push(...(page.body[section] as Json[]));
    next = page.body[`${section}_next`];
  }
  return out;
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * Drives the HTML login and consent forms like a person would, returning the final redirect and the
 * consent page it answered ('' when none was shown).
 */
export async function authorizeInBrowser(
  authorizationUrl: string,
  options: {
    username?: string;
    password?: string;
    decision?: 'approve' | 'deny';
    accounts?: string[];
    cookie?: string;
  } = {},
): Promise<{ location: string; cookie: string | undefined; loginShown: boolean; consentHtml: string }> {
  const first = await fetch(authorizationUrl, {
    redirect: 'manual',
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  if (first.status === 303)
    return {
      location: first.headers.get('location') ?? '',
      cookie: options.cookie,
      loginShown: false,
      consentHtml: '',
    };
  let html = await first.text();
  const base = new URL(authorizationUrl).origin;
  let cookie = options.cookie;
  const loginShown = html.includes('action="/oauth/authorize/login"');
  if (loginShown) {
    const interaction = /name="interaction" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const login = await postForm(`${base}/oauth/authorize/login`, {
      interaction,
      username: options.username ?? 'alice',
      password: options.password ?? 'alice-sandbox',
    });
    if (login.status === 303)
      return { location: login.headers.get('location') ?? '', cookie, loginShown, consentHtml: '' };
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    cookie = login.headers.get('set-cookie')?.split(';')[0];
    html = login.text;
  }
  const interaction = /name="interaction" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const form = new URLSearchParams({ interaction, decision: options.decision ?? 'approve' });
  for (const a of options.accounts ?? []) form.append('account', a);
  const consent = await fetch(`${base}/oauth/authorize/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: form.toString(),
  });
  if (consent.status !== 303) throw new Error(`consent failed: ${consent.status} ${await consent.text()}`);
  return { location: consent.headers.get('location') ?? '', cookie, loginShown, consentHtml: html };
}
