import { z } from 'zod';
import {
  type ClientObject,
  clientListingSchema,
  clientObjectSchema,
  type Message,
  messageSchema,
} from '../../shared/cds/index';
import { CompanionError } from '../companion/companion-error';
import type { ServerContext } from '../companion/server-context';
import { validateWithSchema } from './http/json-response';
import { listMessages } from './messages';
import { sendObjectUpdate } from './object-update';

// cds-wg1-02 §5 Clients API: listing (all pages, `client_ids` filter), retrieval by `cds_client_uri`
// (§5.4), full-object modification (§5.5, RFC 7592 §2.2) with its 202 review path, and the
// production request (§4.2, §6.2 `production_request`). Every call uses the cds_client_admin token.

/** A Client Object parsed by the shared schema, and the object exactly as the Server sent it. */
export interface FetchedClient {
  readonly client: ClientObject;
  readonly raw: Record<string, unknown>;
}

const anyJson = z.unknown();
const rawObject = z.record(z.string(), z.unknown());
const MAX_PAGES = 100;

/** Reads every page of a paginated listing, following `next` (absolute or relative), bounded. */
export async function readAllPages(
  context: ServerContext,
  firstUrl: URL,
  step: string,
  what: string,
  nextOf: (page: unknown) => string | null | undefined,
  visit: (page: unknown) => void,
): Promise<void> {
  const seen = new Set<string>();
  let url: URL | null = firstUrl;
  for (let page = 0; url !== null && page < MAX_PAGES; page += 1) {
    if (seen.has(url.href)) break;
    seen.add(url.href);
    const target: URL = url;
    const body = await context.withAdminToken(step, (bearer) =>
      context.http.getJson(target, { server: context.ref, step, schema: anyJson, what, bearer }),
    );
    visit(body);
    const next = nextOf(body);
    url = typeof next === 'string' && next.length > 0 ? new URL(next, target) : null;
  }
}

const splitRaw = (listing: unknown, key: string): Record<string, unknown>[] => {
  const items = (listing as Record<string, unknown>)[key];
  return Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
};

/** Every Client Object of the registration (§5.3), newest modified first. */
export async function listClientObjects(
  context: ServerContext,
  filter: { readonly clientIds?: readonly string[] } = {},
): Promise<FetchedClient[]> {
  const step = 'listing the Client Objects';
  const url = new URL(context.oauth.cds_clients_api);
  if (filter.clientIds && filter.clientIds.length > 0)
    url.searchParams.set('client_ids', filter.clientIds.join(' '));
  const out: FetchedClient[] = [];
  await readAllPages(
    context,
    url,
    step,
    'the Client Object listing',
    (page) => (page as { next?: string | null }).next,
    (page) => {
      const listing = validateWithSchema(clientListingSchema, page, 'the Client Object listing', {
        server: context.ref,
        step,
      });
      const raws = splitRaw(page, 'clients');
      listing.clients.forEach((client, index) => {
        out.push({ client, raw: raws[index] ?? {} });
      });
    },
  );
  const unique = new Map(out.map((entry) => [entry.client.client_id, entry]));
  return [...unique.values()];
}

/** One Client Object by its `cds_client_uri` (§5.4). */
export async function fetchClientObject(context: ServerContext, clientUri: string): Promise<FetchedClient> {
  const step = 'reading a Client Object';
  const raw = await context.withAdminToken(step, (bearer) =>
    context.http.getJson(clientUri, {
      server: context.ref,
      step,
      schema: rawObject,
      what: 'the Client Object',
      bearer,
    }),
  );
  const client = validateWithSchema(clientObjectSchema, raw, 'the Client Object', {
    server: context.ref,
    step,
  });
  return { client, raw };
}

/** A Client Object by id: its cached `cds_client_uri`, else the listing filtered by `client_ids`. */
export async function getClientObject(context: ServerContext, clientId: string): Promise<FetchedClient> {
  const cached = context.cachedClient(clientId);
  if (cached) return fetchClientObject(context, cached.cds_client_uri);
  const [found] = await listClientObjects(context, { clientIds: [clientId] });
  if (!found || found.client.client_id !== clientId) {
    throw new CompanionError(
      'not-found',
      `the Server has no Client Object ${clientId} for this registration`,
      {
        server: context.ref,
        step: 'reading a Client Object',
      },
    );
  }
  return found;
}

/** What a person may change; turned into the full-object PUT body by `buildClientUpdate`. */
export interface ClientChangeSet {
  readonly addRedirectUris?: readonly string[];
  readonly removeRedirectUris?: readonly string[];
  readonly resetRedirectUris?: boolean;
  readonly name?: string;
  readonly contacts?: readonly string[];
  readonly clientUri?: string | null;
  readonly logoUri?: string | null;
  readonly tosUri?: string | null;
  readonly policyUri?: string | null;
  readonly status?: string;
  readonly defaultRedirectUri?: string;
  /** Other `cds_*` members, e.g. registration field values; the Server may review them (202). */
  readonly extraFields?: Readonly<Record<string, unknown>>;
}

// §5.5: the Client MUST NOT change these; they are echoed as they are (the Server compares them).
const READ_ONLY = new Set([
  'client_id',
  'client_id_issued_at',
  'grant_types',
  'response_types',
  'token_endpoint_auth_method',
  'cds_created',
  'cds_modified',
  'cds_client_uri',
  'cds_server_metadata',
  'cds_status_options',
  'authorization_details_types',
]);

/**
 * The PUT body (§5.5, RFC 7592 §2.2): the whole current object with the changes applied. A field
 * left out means "reset to the Server default", so everything not changed is echoed; `client_secret`
 * never is. Resetting redirect URIs leaves `redirect_uris` (and the default that must be one of them)
 * out so the Server restores its receipt URI (§4.2).
 */
export function buildClientUpdate(
  context: Pick<ServerContext, 'ref'>,
  current: FetchedClient,
  changes: ClientChangeSet,
): Record<string, unknown> {
  const step = `changing client ${current.client.client_id}`;
  const invalid = (problem: string) =>
    new CompanionError('invalid-argument', problem, { server: context.ref, step });
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(current.raw)) {
    if (key === 'client_secret' || key === 'client_secret_expires_at') continue;
    body[key] = value;
  }
  const redirectChange =
    changes.resetRedirectUris ||
    (changes.addRedirectUris?.length ?? 0) > 0 ||
    (changes.removeRedirectUris?.length ?? 0) > 0;
  if (redirectChange && current.client.response_types.length === 0) {
    throw invalid('this Client Object has no response types, so it takes no redirect URIs (cds-wg1-02 §4.1)');
  }
  if (changes.resetRedirectUris) {
    delete body.redirect_uris;
    delete body.cds_default_redirect_uri;
  } else if (redirectChange) {
    const uris = [...current.client.redirect_uris];
    for (const uri of changes.addRedirectUris ?? []) {
      let parsed: URL;
      try {
        parsed = new URL(uri);
      } catch {
        throw invalid(`the redirect URI ${uri} is not an absolute address`);
      }
      if (parsed.hash !== '')
        throw invalid(`the redirect URI ${uri} must not have a fragment (RFC 6749 §3.1.2)`);
      if (!uris.includes(uri)) uris.push(uri);
    }
    for (const uri of changes.removeRedirectUris ?? []) {
      if (!uris.includes(uri))
        throw invalid(`the redirect URI ${uri} is not registered on this Client Object`);
      uris.splice(uris.indexOf(uri), 1);
    }
    if (uris.length === 0) {
      delete body.redirect_uris;
      delete body.cds_default_redirect_uri;
    } else {
      body.redirect_uris = uris;
      const currentDefault = current.client.cds_default_redirect_uri;
      if (currentDefault !== undefined && !uris.includes(currentDefault))
        delete body.cds_default_redirect_uri;
    }
  }
  if (changes.defaultRedirectUri !== undefined) {
    const uris = (body.redirect_uris as string[] | undefined) ?? [];
    if (!uris.includes(changes.defaultRedirectUri)) {
      throw invalid('the default redirect URI must be one of the redirect URIs');
    }
    body.cds_default_redirect_uri = changes.defaultRedirectUri;
  }
  if (changes.name !== undefined) body.client_name = changes.name;
  if (changes.contacts !== undefined) body.contacts = [...changes.contacts];
  const uriFields = [
    ['clientUri', 'client_uri'],
    ['logoUri', 'logo_uri'],
    ['tosUri', 'tos_uri'],
    ['policyUri', 'policy_uri'],
  ] as const;
  for (const [key, field] of uriFields) {
    const value = changes[key];
    if (value === undefined) continue;
    if (value === null) delete body[field];
    else body[field] = value;
  }
  if (changes.status !== undefined) {
    if (!current.client.cds_status_options.includes(changes.status)) {
      throw invalid(
        `the status "${changes.status}" is not one of this Client Object's options (${current.client.cds_status_options.join(', ')})`,
      );
    }
    body.cds_status = changes.status;
  }
  for (const [key, value] of Object.entries(changes.extraFields ?? {})) {
    if (READ_ONLY.has(key) || !key.startsWith('cds_'))
      throw invalid(`the field ${key} cannot be changed this way`);
    body[key] = value;
  }
  for (const key of READ_ONLY) if (key in current.raw) body[key] = current.raw[key];
  return body;
}

export interface ClientUpdateOutcome {
  readonly fetched: FetchedClient;
  /** 202 Accepted (§5.5): some changes wait for the Server's review. */
  readonly accepted: boolean;
  /** Fields sent with a new value that the returned object does not show yet. */
  readonly pendingFields: readonly string[];
  /** The field_changes Message tracking the review, when found. */
  readonly reviewMessage: Message | null;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** PUT the whole object to `cds_client_uri` (§5.5); 200 done, 202 partly under review. */
export async function updateClientObject(
  context: ServerContext,
  clientId: string,
  changes: ClientChangeSet,
): Promise<ClientUpdateOutcome> {
  const current = await getClientObject(context, clientId);
  const body = buildClientUpdate(context, current, changes);
  const step = `saving the changes to client ${clientId}`;
  const uri = current.client.cds_client_uri;
  const update = await sendObjectUpdate(
    context,
    { method: 'PUT', uri, body },
    clientObjectSchema,
    'the changed Client Object',
    step,
  );
  const fetched = { client: update.object, raw: update.raw };
  const accepted = update.accepted;
  const pendingFields = accepted
    ? Object.keys(body).filter(
        (key) =>
          !READ_ONLY.has(key) &&
          !sameJson(body[key], current.raw[key]) &&
          !sameJson(body[key], fetched.raw[key]),
      )
    : [];
  let reviewMessage: Message | null = null;
  if (accepted) {
    // §5.5: the Server adds Messages for the fields under review; the newest field_changes about
    // this Client Object is the one.
    const messages = await readAllMessages(context);
    reviewMessage =
      messages
        .filter((message) => message.type === 'field_changes' && message.related_uri === uri)
        .sort((a, b) => b.created.localeCompare(a.created))[0] ?? null;
  }
  return { fetched, accepted, pendingFields, reviewMessage };
}

/**
 * Every Message of the registration (§6.8), de-duplicated by id. The messages area has its own
 * cache; registration to-dos, 202 reviews and production requests only need a fresh read: the
 * listing's first page carries all three sections, so it is read once and each section's
 * `<section>_next` links are followed from it (messages.ts `listMessages`).
 */
export async function readAllMessages(context: ServerContext): Promise<Message[]> {
  return (await listMessages(context)).messages.map((item) => item.message);
}

/** The status of a request Message, overridden by its newest request_update (§6.2, §6.3). */
export function effectiveRequest(
  message: Message,
  all: readonly Message[],
): { status: string; relatedUri: string | null } {
  const updates = all
    .filter((other) => other.type === 'request_update' && other.previous_uri === message.uri)
    .sort((a, b) => a.created.localeCompare(b.created));
  const newest = updates.at(-1);
  return {
    status: newest?.status ?? message.status,
    relatedUri: newest?.related_uri ?? message.related_uri ?? null,
  };
}

/** §6.9: asks the Server for production access for a sandbox Client Object (§4.2). */
export async function requestProductionAccess(
  context: ServerContext,
  clientId: string,
  description?: string,
): Promise<Message> {
  const { client } = await getClientObject(context, clientId);
  const step = `asking for production access for client ${clientId}`;
  if (client.cds_status !== 'sandbox' && !client.cds_status_options.includes('sandbox')) {
    throw new CompanionError(
      'invalid-argument',
      'only a sandbox Client Object can ask for production access',
      {
        server: context.ref,
        step,
      },
    );
  }
  return context.withAdminToken(step, (bearer) =>
    context.http.sendJson(
      'POST',
      context.oauth.cds_messages_api,
      {
        previous_uri: null,
        type: 'production_request',
        name: `Production access for ${client.client_name}`,
        description:
          description ?? `Please review client ${client.client_id} (${client.scope}) for production access.`,
        related_uri: client.cds_client_uri,
      },
      { server: context.ref, step, schema: messageSchema, what: 'the production request Message', bearer },
    ),
  );
}

export interface ProductionFollowUp {
  readonly message: Message;
  readonly status: string;
  readonly production: FetchedClient | null;
}

/**
 * Follows the newest production_request about a sandbox Client Object: when its request_update is
 * complete, its `related_uri` names the new production Client Object (§4.2: never the sandbox one
 * switched over), which is read.
 */
export async function followProductionRequest(
  context: ServerContext,
  clientId: string,
  knownRequestUri: string | null = null,
): Promise<ProductionFollowUp> {
  const step = `following the production request of client ${clientId}`;
  const { client } = await getClientObject(context, clientId);
  const messages = await readAllMessages(context);
  const request = messages
    .filter(
      // A Server may point the request's own related_uri at the new Client Object once complete, so
      // the request this app sent is also recognised by its uri.
      (message) =>
        message.type === 'production_request' &&
        (message.uri === knownRequestUri || message.related_uri === client.cds_client_uri),
    )
    .sort((a, b) => b.created.localeCompare(a.created))[0];
  if (!request) {
    throw new CompanionError('not-found', `no production request was sent for client ${clientId}`, {
      server: context.ref,
      step,
    });
  }
  const { status, relatedUri } = effectiveRequest(request, messages);
  let production: FetchedClient | null = null;
  if (status === 'complete' && relatedUri !== null && relatedUri !== client.cds_client_uri) {
    production = await fetchClientObject(context, relatedUri);
  }
  return { message: request, status, production };
}
