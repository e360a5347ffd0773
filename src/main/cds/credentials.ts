import { z } from 'zod';
import { type Credential, credentialListingSchema, credentialSchema } from '../../shared/cds/index';
import { CompanionError } from '../companion/companion-error';
import type { ServerContext } from '../companion/server-context';
import { readAllPages } from './clients';
import { validateWithSchema } from './http/json-response';

// cds-wg1-02 §7 Credentials API. Credentials carry the `client_secret` (§7.1): every function here
// hands it on to its caller for the vault and passes it to errors as a secret to redact; nothing
// here logs or stores it.

/** A Credential parsed, and as the Server sent it minus `client_secret`. */
export interface FetchedCredential {
  readonly credential: Credential;
  readonly raw: Record<string, unknown>;
}

export interface CredentialQuery {
  readonly clientIds?: readonly string[];
  readonly credentialIds?: readonly string[];
  readonly after?: string;
  readonly before?: string;
}

const rawObject = z.record(z.string(), z.unknown());

const strip = (raw: Record<string, unknown>): Record<string, unknown> => {
  const { client_secret: _secret, ...rest } = raw;
  return rest;
};

/** The secrets in a listing page, so an error about that page cannot quote one. */
const secretsIn = (page: unknown): string[] => {
  const items = (page as { credentials?: unknown }).credentials;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) => {
    const secret = (item as { client_secret?: unknown })?.client_secret;
    return typeof secret === 'string' ? [secret] : [];
  });
};

/** Every Credential (§7.3), all pages, with the §7.3 filters. */
export async function listCredentials(
  context: ServerContext,
  query: CredentialQuery = {},
): Promise<FetchedCredential[]> {
  const step = 'listing the Credentials';
  const url = new URL(context.oauth.cds_credentials_api);
  if (query.clientIds?.length) url.searchParams.set('client_ids', query.clientIds.join(' '));
  if (query.credentialIds?.length) url.searchParams.set('credential_ids', query.credentialIds.join(' '));
  if (query.after) url.searchParams.set('after', query.after);
  if (query.before) url.searchParams.set('before', query.before);
  const out = new Map<string, FetchedCredential>();
  await readAllPages(
    context,
    url,
    step,
    'the Credential listing',
    (page) => (page as { next?: string | null }).next,
    (page) => {
      const listing = validateWithSchema(credentialListingSchema, page, 'the Credential listing', {
        server: context.ref,
        step,
        secrets: secretsIn(page),
      });
      const raws = (page as { credentials: Record<string, unknown>[] }).credentials;
      listing.credentials.forEach((credential, index) => {
        out.set(credential.credential_id, { credential, raw: strip(raws[index] ?? {}) });
      });
    },
  );
  return [...out.values()];
}

const parseOne = (context: ServerContext, raw: Record<string, unknown>, step: string): FetchedCredential => {
  const secret = typeof raw.client_secret === 'string' ? [raw.client_secret] : [];
  const credential = validateWithSchema(credentialSchema, raw, 'the Credential', {
    server: context.ref,
    step,
    secrets: secret,
  });
  return { credential, raw: strip(raw) };
};

/** One Credential by its `uri` (§7.4). */
export async function fetchCredential(context: ServerContext, uri: string): Promise<FetchedCredential> {
  const step = 'reading a Credential';
  const raw = await context.withAdminToken(step, (bearer) =>
    context.http.getJson(uri, {
      server: context.ref,
      step,
      schema: rawObject,
      what: 'the Credential',
      bearer,
    }),
  );
  return parseOne(context, raw, step);
}

/** One Credential by id, through the listing's `credential_ids` filter. */
export async function getCredential(
  context: ServerContext,
  credentialId: string,
): Promise<FetchedCredential> {
  const [found] = await listCredentials(context, { credentialIds: [credentialId] });
  if (!found || found.credential.credential_id !== credentialId) {
    throw new CompanionError(
      'not-found',
      `the Server has no Credential ${credentialId} for this registration`,
      {
        server: context.ref,
        step: 'reading a Credential',
      },
    );
  }
  return found;
}

/** §7.5: a new Credential (and secret) for a Client Object; 201. */
export async function createCredential(context: ServerContext, clientId: string): Promise<FetchedCredential> {
  const step = `creating a new secret for client ${clientId}`;
  const raw = await context.withAdminToken(step, (bearer) =>
    context.http.sendJson(
      'POST',
      context.oauth.cds_credentials_api,
      { client_id: clientId },
      { server: context.ref, step, schema: rawObject, what: 'the new Credential', bearer, retry: false },
    ),
  );
  return parseOne(context, raw, step);
}

/**
 * §7.6: sets `client_secret_expires_at`. At now or earlier the Server disables the secret and every
 * token issued with it, so callers expire a secret only once another one is proven.
 */
export async function setCredentialExpiry(
  context: ServerContext,
  credentialUri: string,
  expiresAtSeconds: number,
  clientId: string,
): Promise<FetchedCredential> {
  const step = `expiring an old secret of client ${clientId}`;
  const raw = await context.withAdminToken(step, (bearer) =>
    context.http.sendJson(
      'PATCH',
      credentialUri,
      { client_secret_expires_at: expiresAtSeconds },
      { server: context.ref, step, schema: rawObject, what: 'the changed Credential', bearer },
    ),
  );
  return parseOne(context, raw, step);
}

/** A secret is usable when it never expires (0) or expires after `nowSeconds` (§7.6). */
export const isCredentialValid = (credential: Credential, nowSeconds: number): boolean =>
  credential.type === 'client_secret' &&
  typeof credential.client_secret === 'string' &&
  (credential.client_secret_expires_at === 0 || (credential.client_secret_expires_at ?? 0) > nowSeconds);
