import { type Account, accountListingSchema, accountsApiUrl } from '../../shared/cds/index';
import type { ServerContext } from '../companion/server-context';
import { CdsError, type CdsErrorOptions, DiscoveryError } from './errors';
import type { HttpResponse } from './http/http-client';
import { errorForStatus, parseJsonBody, validateWithSchema } from './http/json-response';
import { isJweError, type JweErrorCode } from './jose/jwe-errors';
import type { P256PrivateJwk } from './jose/jwk-schemas';
import { decryptCdsResponse, isEncryptedCdsResponse } from './jose/response-decryption';
import type { TokenRequest } from './oauth/token-manager';
import { redactUrl } from './redact';

// Customer data (cds-wg3-01 §10.1 Accounts API) read with a user token or a Grant Admin token, every
// page followed. A response encrypted for this device (cds-wg3-01 §7.4.6: any X-CDS-*-JWE-* header)
// is decrypted here with the device key: the body is capped while it streams (never buffered past
// the cap), nothing is returned unless both the headers and the body authenticate, and every
// failure is a typed DecryptionError. The decrypted headers (Content-Type, X-Log-ID, ...) stay with
// the data so a person can quote the log id to the utility.

/** Default cap on one encrypted page (ciphertext ‖ tag). */
export const MAX_ACCOUNTS_PAGE_BYTES = 16 * 1024 * 1024;
const MAX_PAGES = 100;

/** cds-wg3-01 §10.1.10 filters (intersected by the Server). */
export interface AccountQuery {
  readonly q?: string;
  readonly accountIds?: readonly string[];
  readonly customerNumbers?: readonly string[];
  readonly accountNumbers?: readonly string[];
  readonly accountStatuses?: readonly string[];
}

/** A private key this device holds, by kid. */
export interface DeviceKeyCandidate {
  readonly kid: string;
  readonly privateJwk: P256PrivateJwk;
}

export interface AccountsPage {
  readonly url: string;
  readonly status: number;
  readonly encrypted: boolean;
  /** The key that decrypted it, when encrypted. */
  readonly kid: string | null;
  /** The response headers that matter to a person: the decrypted ones when encrypted. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface AccountsResult {
  readonly accounts: readonly Account[];
  readonly pages: readonly AccountsPage[];
  /** Every page was encrypted for this device and decrypted here. */
  readonly encrypted: boolean;
  readonly kid: string | null;
}

/** A response encrypted for this device could not be decrypted (cds-wg3-01 §7.4.6). */
export class DecryptionError extends CdsError {
  // The CdsErrorKind union has no decryption kind: the response is not what the app can read.
  readonly kind = 'validation' as const;
  readonly code: JweErrorCode;
  constructor(code: JweErrorCode, problem: string, options: CdsErrorOptions) {
    super(problem, options);
    this.code = code;
  }
  protected override extraJson(): Record<string, unknown> {
    return { code: this.code };
  }
}

const PLAIN_HEADERS = ['content-type', 'x-log-id', 'date', 'cache-control'];

function plainHeaders(response: HttpResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of PLAIN_HEADERS) {
    const value = response.header(name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

function accountsUrl(context: ServerContext, query: AccountQuery, step: string): URL {
  const api =
    accountsApiUrl(context.oauth) ?? (context.cdsMetadata ? accountsApiUrl(context.cdsMetadata) : null);
  if (api === null)
    throw new DiscoveryError('the Server offers no Accounts API', { server: context.ref, step });
  const url = new URL(api);
  if (query.q !== undefined && query.q !== '') url.searchParams.set('q', query.q);
  const lists: [string, readonly string[] | undefined][] = [
    ['cds_account_ids', query.accountIds],
    ['customer_numbers', query.customerNumbers],
    ['account_numbers', query.accountNumbers],
    ['account_statuses', query.accountStatuses],
  ];
  // §10.1.10: space-separated lists.
  for (const [name, values] of lists)
    if (values && values.length > 0) url.searchParams.set(name, values.join(' '));
  return url;
}

interface ReadPage {
  readonly status: number;
  readonly body: Buffer;
  readonly page: AccountsPage;
}

async function readPage(
  context: ServerContext,
  response: HttpResponse,
  keys: (preferredKid: string | null) => Promise<readonly DeviceKeyCandidate[]>,
  preferredKid: string | null,
  step: string,
): Promise<ReadPage> {
  const base = { url: redactUrl(response.url), status: response.status };
  if (!isEncryptedCdsResponse(response.headers)) {
    const body = await response.bytes();
    return {
      status: response.status,
      body,
      page: { ...base, encrypted: false, kid: null, headers: plainHeaders(response) },
    };
  }
  // The cap is enforced while the body streams (the HTTP client's maxBytes), before any decryption.
  const ciphertext = await response.bytes();
  const candidates = await keys(preferredKid);
  if (candidates.length === 0) {
    throw new DecryptionError(
      'invalid_key',
      'the response is encrypted but this device holds no key for it; authorize again',
      {
        server: context.ref,
        step,
      },
    );
  }
  let last: unknown;
  for (const candidate of candidates) {
    try {
      const decrypted = await decryptCdsResponse({
        headers: response.headers,
        body: ciphertext,
        privateJwk: candidate.privateJwk,
        maxBodyBytes: MAX_ACCOUNTS_PAGE_BYTES,
      });
      return {
        status: response.status,
        body: Buffer.from(decrypted.body),
        page: { ...base, encrypted: true, kid: candidate.kid, headers: decrypted.headers },
      };
    } catch (error) {
      last = error;
      // Only a wrong key is worth another try; anything else is wrong with the response itself.
      if (!isJweError(error) || error.code !== 'authentication_failed') break;
    }
  }
  if (isJweError(last)) {
    throw new DecryptionError(
      last.code,
      `the encrypted response could not be decrypted on this device: ${last.message}`,
      {
        server: context.ref,
        step,
      },
    );
  }
  throw last;
}

/**
 * Every Account the token reaches (§10.1.10), all pages. `keys(kid)` yields the private keys to try
 * for an encrypted page, the Grant's own key first.
 */
export async function listAccounts(
  context: ServerContext,
  access: TokenRequest,
  query: AccountQuery,
  keys: (preferredKid: string | null) => Promise<readonly DeviceKeyCandidate[]>,
  preferredKid: string | null,
): Promise<AccountsResult> {
  const step = 'reading the customer accounts';
  const accounts: Account[] = [];
  const pages: AccountsPage[] = [];
  const seen = new Set<string>();
  let url: URL | null = accountsUrl(context, query, step);
  for (let count = 0; url !== null && count < MAX_PAGES; count += 1) {
    if (seen.has(url.href)) break;
    seen.add(url.href);
    const target: URL = url;
    const read = await context.tokens.withToken(access, async (bearer) => {
      const response = await context.http.request(target, {
        server: context.ref,
        step,
        bearer,
        headers: { accept: 'application/json' },
        maxBytes: MAX_ACCOUNTS_PAGE_BYTES,
      });
      const page = await readPage(context, response, keys, preferredKid, step);
      if (page.status < 200 || page.status > 299) {
        throw errorForStatus({
          server: context.ref,
          step,
          status: page.status,
          method: 'GET',
          url: redactUrl(response.url),
          body: page.body,
          secrets: [bearer],
        });
      }
      return page;
    });
    const listing = validateWithSchema(
      accountListingSchema,
      parseJsonBody(read.body, 'the Accounts listing', { server: context.ref, step }),
      'the Accounts listing',
      { server: context.ref, step },
    );
    accounts.push(...listing.accounts);
    pages.push(read.page);
    url = typeof listing.next === 'string' && listing.next !== '' ? new URL(listing.next, target) : null;
  }
  const encrypted = pages.length > 0 && pages.every((page) => page.encrypted);
  return { accounts, pages, encrypted, kid: encrypted ? (pages[0]?.kid ?? null) : null };
}
