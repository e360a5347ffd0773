import { createClientObject } from './client-objects';
import { NO_ACCESS_STATUSES, type SandboxContext } from './context';
import { badRequest, notFound } from './errors';
import type { FaultInjector, FaultRule, RequestLogEntry } from './faults';
import { createGeneratedFileGrant } from './generated-files';
import { newId } from './ids';
import { checkDetailsShape, normaliseDetails } from './oauth/authorization-details';
import { addFileGrant } from './registration';
import { scopeType, splitScope } from './scopes';
import type { GrantRecord, Json, MessageRecord } from './state';
import { findCustomer } from './test-accounts';

/** Message types whose outcome the Server decides (cds-wg1-02 §6.2, §6.3). */
const REVIEWABLE = new Set([
  'production_request',
  'support_request',
  'grant_request',
  'client_submission',
  'server_request',
  'payment_request',
  'online_form_request',
  'pdf_form_request',
  'field_changes',
]);

export interface RegistrationSummary {
  registrationId: string;
  clientName: string;
  clientIds: string[];
}

/**
 * The Server operator's side, for tests and demos: everything a utility's staff would do. Exposed as
 * `control` by startSandbox and as the admin HTTP API (admin-api.ts).
 */
export class SandboxControl {
  constructor(
    private readonly ctx: SandboxContext,
    private readonly faults: FaultInjector,
    private readonly log: RequestLogEntry[],
    private readonly onChange: () => void,
  ) {}

  private done<T>(value: T): T {
    this.onChange();
    return value;
  }

  private messageOf(id: string): MessageRecord {
    const m = this.ctx.message(id);
    if (!m) throw notFound('The Message');
    return m;
  }

  private registrationIds(registrationId?: string): string[] {
    if (registrationId) {
      if (!this.ctx.client(registrationId)) throw notFound('The registration');
      return [registrationId];
    }
    return [...new Set(Object.values(this.ctx.state.clients).map((c) => c.registrationId))];
  }

  registrations(): RegistrationSummary[] {
    return this.registrationIds().map((id) => ({
      registrationId: id,
      clientName: String(this.ctx.client(id)?.object.client_name ?? id),
      clientIds: this.ctx.clientsOf(id).map((c) => c.object.client_id as string),
    }));
  }

  messages(registrationId?: string): Json[] {
    return Object.values(this.ctx.state.messages)
      .filter((m) => !registrationId || m.registrationId === registrationId)
      .map((m) => m.object);
  }

  /** Messages waiting for the Server: open or pending requests (§6.3). */
  pending(registrationId?: string): Json[] {
    return this.messages(registrationId).filter(
      (m) => REVIEWABLE.has(String(m.type)) && (m.status === 'pending' || m.status === 'open'),
    );
  }

  private settle(
    message: MessageRecord,
    status: string,
    description: string,
    related?: { uri: string; type: string },
  ) {
    const o = message.object;
    if (o.type === 'field_changes') {
      o.status = status;
      o.modified = this.ctx.nowIso();
      if (status === 'rejected') o.description = description;
      return message;
    }
    o.status = status;
    o.modified = this.ctx.nowIso();
    if (related && (o.type === 'production_request' || o.type === 'grant_request')) {
      o.related_uri = related.uri;
      o.related_type = related.type;
    }
    return this.ctx.requestUpdate(message, status, description, related);
  }

  /** Approves a pending request, creating what it asked for (§6.9, §3.6, §5.5). */
  approve(messageId: string, description = 'Approved.'): Json {
    const message = this.messageOf(messageId);
    const o = message.object;
    if (!REVIEWABLE.has(o.type)) throw badRequest(`A ${o.type} Message cannot be approved.`);
    const ctx = this.ctx;
    switch (o.type) {
      case 'production_request': {
        const sandbox = ctx.clientByUri(String(o.related_uri));
        if (!sandbox) throw badRequest('The sandbox Client Object of this request no longer exists.');
        const { client_uri, logo_uri, tos_uri, policy_uri, client_name, contacts } = sandbox.object;
        const metadata: Json = Object.fromEntries(
          Object.entries({ client_uri, logo_uri, tos_uri, policy_uri, client_name, contacts }).filter(
            ([, v]) => v !== undefined,
          ),
        );
        // §4.2: production access is a new Client Object, never the sandbox one switched over.
        const production = createClientObject(ctx, {
          registrationId: message.registrationId,
          scope: String(sandbox.object.scope),
          status: 'production',
          metadata,
          registrationValues: sandbox.registrationValues,
        });
        if (production.object.token_endpoint_auth_method !== null) {
          ctx.addCredential(message.registrationId, production.object.client_id as string);
        }
        const related = { uri: production.object.cds_client_uri as string, type: 'client' };
        ctx.changelog(
          message.registrationId,
          'Client Object added',
          `Production Client Object ${production.object.client_id} was created.`,
          related,
        );
        return this.done(this.settle(message, 'complete', description, related).object);
      }
      case 'grant_request': {
        const target = ctx.clientByUri(String(o.related_uri));
        if (!target) throw badRequest('The Client Object of this request no longer exists.');
        const ids: string[] = [];
        for (const r of o.grants_requested as Json[]) {
          const details = normaliseDetails(
            ctx.base,
            target.object.authorization_details_types as string[],
            checkDetailsShape(r.authorization_details),
            ctx.clock.now(),
          );
          ids.push(
            ctx.addGrant(target.registrationId, target.object.client_id as string, String(r.scope), details)
              .object.grant_id,
          );
        }
        const related = { uri: `${ctx.api('/grants')}?grant_ids=${ids.join('+')}`, type: 'grant_list' };
        return this.done(this.settle(message, 'complete', description, related).object);
      }
      case 'field_changes': {
        const review = ctx.state.reviews[messageId];
        const client = review ? ctx.client(review.clientId) : undefined;
        if (review && client) {
          for (const [field, value] of Object.entries(review.changes)) {
            client.object[field] = value;
            if (field in client.registrationValues) client.registrationValues[field] = value;
          }
          client.object.cds_modified = ctx.nowIso();
          delete ctx.state.reviews[messageId];
        }
        return this.done(this.settle(message, 'complete', description).object);
      }
      case 'client_submission': {
        const update = this.settle(message, 'complete', description);
        const asked = o.previous_uri ? ctx.messageByUri(String(o.previous_uri)) : undefined;
        if (asked && asked.object.status !== 'complete') this.settle(asked, 'complete', description);
        return this.done(update.object);
      }
      case 'payment_request':
        return this.done(
          this.settle(message, 'complete', description, {
            uri: `${ctx.base}/forms/receipt/${newId()}`,
            type: 'payment_receipt',
          }).object,
        );
      default:
        return this.done(this.settle(message, 'complete', description).object);
    }
  }

  /** Rejects a request; §6.3 wants the reason in the description. */
  reject(messageId: string, reason: string): Json {
    const message = this.messageOf(messageId);
    if (!REVIEWABLE.has(message.object.type))
      throw badRequest(`A ${message.object.type} Message cannot be rejected.`);
    if (!reason) throw badRequest('A rejection needs a reason.');
    delete this.ctx.state.reviews[messageId];
    return this.done(this.settle(message, 'rejected', reason).object);
  }

  /** Marks a request as being reviewed (e.g. a payment submitted: §3.6 `pending`). */
  markPending(messageId: string, description = 'We received your submission and are reviewing it.'): Json {
    const message = this.messageOf(messageId);
    if (!REVIEWABLE.has(message.object.type))
      throw badRequest(`A ${message.object.type} Message has no review.`);
    return this.done(this.settle(message, 'pending', description).object);
  }

  notify(input: { registrationId?: string; name: string; description: string; relatedUri?: string }): Json[] {
    const out = this.registrationIds(input.registrationId).map(
      (r) =>
        this.ctx.addMessage(r, {
          type: 'notification',
          status: 'complete',
          name: input.name,
          description: input.description,
          ...(input.relatedUri ? { related_uri: input.relatedUri, related_type: 'more_info' } : {}),
        }).object,
    );
    return this.done(out);
  }

  privateMessage(input: {
    registrationId: string;
    name: string;
    description: string;
    previousUri?: string;
  }): Json {
    const [r] = this.registrationIds(input.registrationId) as [string];
    return this.done(
      this.ctx.addMessage(r, {
        type: 'private_message',
        status: 'complete',
        name: input.name,
        description: input.description,
        previous_uri: input.previousUri ?? null,
      }).object,
    );
  }

  /** §6.2 server_request: the Client answers with a client_submission. */
  serverRequest(input: {
    registrationId: string;
    name: string;
    description: string;
    fields: Array<{ field: string; name: string; description: string; uri?: string }>;
  }): Json {
    const [r] = this.registrationIds(input.registrationId) as [string];
    if (!Array.isArray(input.fields) || input.fields.length === 0)
      throw badRequest('A server_request needs fields.');
    return this.done(
      this.ctx.addMessage(r, {
        type: 'server_request',
        status: 'open',
        name: input.name,
        description: input.description,
        updates_requested: input.fields,
      }).object,
    );
  }

  /** A Server-Provided Files Grant with new files for a files Client Object (§3.3.3). */
  createFileGrant(input: {
    clientId: string;
    files: Array<{ name: string; mimeType: string; description?: string; base64: string }>;
  }): Json {
    const client = this.ctx.client(input.clientId);
    if (!client || scopeType(String(client.object.scope)) !== 'cds_server_provided_files') {
      throw badRequest('clientId must name a Server-Provided Files Client Object.');
    }
    const grant = addFileGrant(
      this.ctx,
      client.registrationId,
      input.clientId,
      input.files.map((f) => ({
        name: f.name,
        mimeType: f.mimeType,
        description: f.description ?? '',
        data: new Uint8Array(Buffer.from(f.base64, 'base64')),
      })),
    );
    this.ctx.addMessage(client.registrationId, {
      type: 'notification',
      status: 'complete',
      name: 'New files shared with you',
      description: `${input.files.length} file(s) were shared through the Server-Provided Files API.`,
      related_uri: grant.object.uri,
      related_type: 'grant',
    });
    return this.done(grant.object);
  }

  /** A files Grant for one generated file of `size` bytes, streamed, never in memory (generated-files.ts). */
  createGeneratedFileGrant(input: {
    clientId: string;
    name?: string;
    mimeType?: string;
    size: number;
  }): Json {
    return this.done(createGeneratedFileGrant(this.ctx, input));
  }

  /** A Server-created Grant, e.g. `needs_authorization` for a test customer (§8.3). */
  createGrant(input: {
    clientId: string;
    scope?: string;
    authorizationDetails?: Json[];
    status?: string;
    customer?: string;
  }): Json {
    const client = this.ctx.client(input.clientId);
    if (!client) throw notFound('The Client Object');
    const scope = input.scope ?? String(client.object.scope);
    if (!splitScope(scope).every((s) => splitScope(String(client.object.scope)).includes(s))) {
      throw badRequest("scope must be made of the Client Object's scopes.");
    }
    const details = normaliseDetails(
      this.ctx.base,
      client.object.authorization_details_types as string[],
      checkDetailsShape(input.authorizationDetails ?? []),
      this.ctx.clock.now(),
    );
    const customer = input.customer ? findCustomer(input.customer) : undefined;
    if (input.customer && !customer) throw badRequest('customer must be a test account username.');
    const grant: GrantRecord = this.ctx.addGrant(
      client.registrationId,
      input.clientId,
      scope,
      details,
      { status: input.status ?? 'active' },
      customer?.id ?? null,
      customer?.accountIds ?? [],
    );
    return this.done(grant.object);
  }

  setGrantStatus(grantId: string, status: string): Json {
    const grant = this.ctx.grant(grantId);
    if (!grant) throw notFound('The Grant');
    if (typeof status !== 'string' || status.length === 0) throw badRequest('status is required.');
    this.ctx.setGrantStatus(grant, status);
    if (status === 'pending') grant.object.eta = new Date(this.ctx.clock.nowMs() + 3600_000).toISOString();
    if (!NO_ACCESS_STATUSES.has(status) && status !== 'pending') grant.object.eta = null;
    return this.done(grant.object);
  }

  /** §7.6 from the Server's side (e.g. a leaked secret): expires it now, killing its tokens. */
  expireCredential(credentialId: string): Json {
    const credential = this.ctx.credential(credentialId);
    if (!credential) throw notFound('The Credential');
    this.ctx.expireCredential(credential, this.ctx.clock.nowSeconds());
    this.ctx.changelog(
      credential.registrationId,
      'Credential expired',
      `The Server expired credential ${credentialId}.`,
      {
        uri: credential.object.uri as string,
        type: 'credential',
      },
    );
    return this.done(credential.object);
  }

  advanceClock(ms: number): { now: string } {
    if (!Number.isFinite(ms) || ms < 0) throw badRequest('ms must be a non-negative number.');
    this.ctx.clock.advance(ms);
    this.ctx.state.clockOffsetMs = this.ctx.clock.offsetMs();
    return this.done({ now: this.ctx.nowIso() });
  }

  injectFault(rule: FaultRule): { id: number } {
    if (!rule || typeof rule.path !== 'string') throw badRequest('A fault needs a path.');
    if (
      rule.status !== undefined &&
      (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)
    ) {
      throw badRequest('status must be an HTTP status code.');
    }
    return { id: this.faults.add(rule) };
  }

  clearFaults(): void {
    this.faults.clear();
  }

  faultsPending(): FaultRule[] {
    return this.faults.list();
  }

  requestLog(filter?: { method?: string; path?: string }): RequestLogEntry[] {
    return this.log.filter(
      (e) =>
        (!filter?.method || e.method === filter.method.toUpperCase()) &&
        (!filter?.path || e.url.split('?')[0] === filter.path),
    );
  }

  clearRequestLog(): void {
    this.log.length = 0;
  }

  /** Access tokens issued so far to one Client Object (counting, never revealing them). */
  tokenCount(clientId?: string): number {
    return Object.values(this.ctx.state.tokens).filter(
      (t) => t.kind === 'access' && (!clientId || t.clientId === clientId),
    ).length;
  }

  revokeAllTokens(clientId: string): number {
    return this.done(this.ctx.revokeTokens((t) => t.clientId === clientId));
  }
}
