import { connect } from 'node:net';
import type { Companion } from '../../../src/main/companion/companion';
import type { ServiceHandlers } from '../../../src/main/service-api';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import type { Vault } from '../../../src/main/vault/vault';
import { CUSTOMER_DATA_SCOPE, GRANT_ADMIN_SCOPE, type RunningSandbox } from '../../../src/sandbox/index';
import { openRegisteredWorld } from '../registered-world';

// A registered Companion against an in-process sandbox over real HTTP on 127.0.0.1, and a "browser"
// that is an HTTP client filling in the sandbox's sign-in and consent forms (docs/sandbox.md
// "Authorizing"). The Companion's browser opener hands every URL to that browser.

export interface AuthWorld {
  readonly sandbox: RunningSandbox;
  readonly companion: Companion;
  readonly api: ServiceHandlers;
  readonly serverId: string;
  readonly vault: Vault & { readonly keysSet: string[]; readonly valuesSet: string[] };
  /** URLs the Companion asked the system browser to open, in order. */
  readonly opened: string[];
  readonly dataDir: string;
  close(): Promise<void>;
}

/** A memory vault that remembers which keys and values were ever set. */
function recordingVault(): AuthWorld['vault'] {
  const inner = createMemoryVault('test vault');
  const keysSet: string[] = [];
  const valuesSet: string[] = [];
  return {
    backend: inner.backend,
    persistent: inner.persistent,
    warning: null,
    keysSet,
    valuesSet,
    get: (key) => inner.get(key),
    set: async (key, value) => {
      keysSet.push(key);
      valuesSet.push(value);
      await inner.set(key, value);
    },
    delete: (key) => inner.delete(key),
    deleteByPrefix: (prefix) => inner.deleteByPrefix(prefix),
  };
}

export async function authWorld(pageSize = 2): Promise<AuthWorld> {
  const vault = recordingVault();
  const opened: string[] = [];
  const world = await openRegisteredWorld({
    label: 'Auth',
    scopes: [GRANT_ADMIN_SCOPE, CUSTOMER_DATA_SCOPE],
    events: [],
    sandbox: { pageSize },
    dataDirPrefix: 'cds-auth-',
    companion: {
      vault,
      openExternal: async (url) => {
        opened.push(url);
      },
    },
  });
  return { ...world, vault, opened };
}

const interactionOf = (html: string): string => {
  const match = /name="interaction" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no interaction in the page: ${html.slice(0, 300)}`);
  return match[1];
};

export interface BrowserRun {
  /** Where the Server sent the browser after consent (the loopback callback or the receipt page). */
  readonly redirect: string;
  /** The sandbox's session cookie, for a later run. */
  readonly cookie: string;
  /** Whether the Server asked the customer to sign in (false: a live session went to consent). */
  readonly signedIn: boolean;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/**
 * Signs in as a test customer (unless `cookie` carries a live session the Server accepts) and
 * approves: returns the redirect after consent WITHOUT following it, so a test can deliver, tamper
 * with or replay the callback.
 */
export async function approveInBrowser(
  authorizationUrl: string,
  username = 'bob',
  options: { readonly cookie?: string; readonly approve?: boolean } = {},
): Promise<BrowserRun> {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...extra,
  });
  const first = await fetch(authorizationUrl, { redirect: 'manual', headers: headers() });
  let page = await first.text();
  if (first.status !== 200) throw new Error(`authorization page ${first.status}: ${page.slice(0, 300)}`);
  const base = new URL(authorizationUrl).origin;
  let cookie = options.cookie ?? '';
  const signedIn = page.includes('action="/oauth/authorize/login"');
  if (signedIn) {
    const login = await fetch(`${base}/oauth/authorize/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ interaction: interactionOf(page), username, password: `${username}-sandbox` }),
    });
    page = await login.text();
    if (login.status !== 200) throw new Error(`login ${login.status}: ${page.slice(0, 300)}`);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }
  if (options.approve === false) return { redirect: '', cookie, signedIn };
  const consent = await fetch(`${base}/oauth/authorize/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: form({ interaction: interactionOf(page), decision: 'approve' }),
  });
  const location = consent.headers.get('location');
  await consent.text();
  if (consent.status !== 303 || !location) throw new Error(`consent answered ${consent.status}`);
  return { redirect: new URL(location, base).href, cookie, signedIn };
}

/** Follows the redirect like a browser: the loopback page (status and text). */
export async function deliver(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

/** The confirmation code on the sandbox's receipt page. */
export async function receiptConfirmation(receiptUrl: string): Promise<string> {
  const html = await (await fetch(receiptUrl)).text();
  const match = /data-receipt-confirmation>([^<]+)</.exec(html);
  if (!match?.[1]) throw new Error('no confirmation on the receipt page');
  return match[1];
}

/** Resolves true when nothing listens on 127.0.0.1:port (connection refused). */
export function portRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Waits until the browser opener was called `count` times. */
export async function openedUrl(world: AuthWorld, count: number): Promise<string> {
  for (let i = 0; i < 200 && world.opened.length < count; i += 1) await new Promise((r) => setTimeout(r, 10));
  const url = world.opened[count - 1];
  if (!url) throw new Error('the browser was never opened');
  return url;
}

export const tokenRequests = (world: AuthWorld): number =>
  world.sandbox.control.requestLog({ method: 'POST', path: '/oauth/token' }).length;

export const refreshTokensStored = (world: AuthWorld): number =>
  world.vault.keysSet.filter((key) => key.startsWith(`server/${world.serverId}/refresh-token/`)).length;
