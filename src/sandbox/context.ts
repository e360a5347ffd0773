import type { SandboxClock } from './clock';
import { isoSeconds } from './clock';
import { newId, newSecret } from './ids';
import { API } from './metadata';
import { grantDetails } from './oauth/authorization-details';
import type {
  ClientRecord,
  CredentialRecord,
  GrantRecord,
  Json,
  MessageRecord,
  SandboxState,
  TokenRecord,
} from './state';

export interface SandboxSettings {
  pageSize: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  codeTtlSeconds: number;
  parTtlSeconds: number;
  /** cds-wg1-02 §6.9: at least 10 MB. */
  attachmentLimitBytes: number;
}

/** Grant statuses with no access at all (cds-wg1-02 §8.2, last paragraph). */
export const NO_ACCESS_STATUSES = new Set([
  'future',
  'disabled',
  'suspended',
  'revoked',
  'closed',
  'expired',
]);

/** The sandbox's state plus the operations every route shares. */
export class SandboxContext {
  constructor(
    public state: SandboxState,
    readonly clock: SandboxClock,
    readonly settings: SandboxSettings,
  ) {}

  get base(): string {
    return this.state.baseUrl;
  }

  api(path: string): string {
    return `${this.base}${API}${path}`;
  }

  nowIso(): string {
    return isoSeconds(this.clock.now());
  }

  client(clientId: string): ClientRecord | undefined {
    return Object.hasOwn(this.state.clients, clientId) ? this.state.clients[clientId] : undefined;
  }

  clientsOf(registrationId: string): ClientRecord[] {
    return Object.values(this.state.clients).filter((c) => c.registrationId === registrationId);
  }

  clientByUri(uri: string): ClientRecord | undefined {
    return Object.values(this.state.clients).find((c) => c.object.cds_client_uri === uri);
  }

  /** A Server-created Message (cds-wg1-02 §6.1: `read` false, `creator` null). */
  addMessage(
    registrationId: string,
    fields: Json & { type: string; status: string; name: string },
  ): MessageRecord {
    const id = newId();
    const now = this.nowIso();
    const record: MessageRecord = {
      registrationId,
      object: {
        message_id: id,
        uri: this.api(`/messages/${id}`),
        previous_uri: null,
        read: false,
        creator: null,
        created: now,
        modified: now,
        description: '',
        ...fields,
      },
    };
    this.state.messages[id] = record;
    return record;
  }

  message(id: string): MessageRecord | undefined {
    return Object.hasOwn(this.state.messages, id) ? this.state.messages[id] : undefined;
  }

  messageByUri(uri: string): MessageRecord | undefined {
    const id = uri.startsWith(this.api('/messages/')) ? uri.slice(this.api('/messages/').length) : '';
    return this.message(id);
  }

  /** A reply to `to` that updates its status (cds-wg1-02 §6.2 `request_update`). */
  requestUpdate(
    to: MessageRecord,
    status: string,
    description: string,
    related?: { uri: string; type: string },
  ) {
    return this.addMessage(to.registrationId, {
      type: 'request_update',
      status,
      name: `Update: ${String(to.object.name || to.object.type)}`,
      description,
      previous_uri: to.object.uri,
      ...(related ? { related_uri: related.uri, related_type: related.type } : {}),
    });
  }

  /** Changelog entries for Client Objects and Credentials (cds-wg1-02 §5.3, §7.3). */
  changelog(
    registrationId: string,
    name: string,
    description: string,
    related: { uri: string; type: string },
  ) {
    return this.addMessage(registrationId, {
      type: 'notification',
      status: 'complete',
      name,
      description,
      related_uri: related.uri,
      related_type: related.type,
    });
  }

  addCredential(registrationId: string, clientId: string, expiresAt = 0): CredentialRecord {
    const id = newId();
    const now = this.nowIso();
    const record: CredentialRecord = {
      registrationId,
      object: {
        credential_id: id,
        uri: this.api(`/credentials/${id}`),
        client_id: clientId,
        created: now,
        modified: now,
        type: 'client_secret',
        client_secret: newSecret(),
        client_secret_expires_at: expiresAt,
      },
    };
    this.state.credentials[id] = record;
    return record;
  }

  credential(id: string): CredentialRecord | undefined {
    return Object.hasOwn(this.state.credentials, id) ? this.state.credentials[id] : undefined;
  }

  credentialUsable(credential: CredentialRecord): boolean {
    const exp = credential.object.client_secret_expires_at;
    return exp === 0 || exp > this.clock.nowSeconds();
  }

  /** cds-wg1-02 §7.6: expiring a secret now kills it and every token issued with it. */
  expireCredential(credential: CredentialRecord, at: number): void {
    credential.object.client_secret_expires_at = at;
    credential.object.modified = this.nowIso();
    if (at <= this.clock.nowSeconds())
      this.revokeTokens((t) => t.credentialId === credential.object.credential_id);
  }

  issueToken(fields: Omit<TokenRecord, 'issuedAt' | 'expiresAt' | 'revoked'>, ttlSeconds: number): string {
    const token = newSecret();
    const now = this.clock.nowMs();
    this.state.tokens[token] = {
      ...fields,
      issuedAt: now,
      expiresAt: now + ttlSeconds * 1000,
      revoked: false,
    };
    return token;
  }

  /** The live token record for a presented token, or undefined (revoked, expired, unknown). */
  liveToken(token: string, kind: TokenRecord['kind']): TokenRecord | undefined {
    if (!Object.hasOwn(this.state.tokens, token)) return undefined;
    const record = this.state.tokens[token];
    if (!record || record.kind !== kind || record.revoked || record.expiresAt <= this.clock.nowMs())
      return undefined;
    const credential = record.credentialId ? this.credential(record.credentialId) : undefined;
    if (credential && !this.credentialUsable(credential)) return undefined;
    const client = this.client(record.clientId);
    if (!client || client.object.cds_status === 'disabled') return undefined;
    return record;
  }

  revokeTokens(match: (t: TokenRecord) => boolean): number {
    let n = 0;
    for (const t of Object.values(this.state.tokens)) {
      if (!t.revoked && match(t)) {
        t.revoked = true;
        n++;
      }
    }
    return n;
  }

  grant(id: string): GrantRecord | undefined {
    return Object.hasOwn(this.state.grants, id) ? this.state.grants[id] : undefined;
  }

  /** A Grant object (cds-wg1-02 §8.1). */
  addGrant(
    registrationId: string,
    clientId: string,
    scope: string,
    authorizationDetails: Json[],
    extra: Partial<Json> & { status?: string } = {},
    customerId: string | null = null,
    accountIds: string[] = [],
  ): GrantRecord {
    const id = newId();
    const at = this.clock.now();
    const now = isoSeconds(at);
    const status = extra.status ?? 'active';
    // cds-wg3-01 §7.3: the Grant carries absolute dates, counted from its creation.
    const details = grantDetails(this.base, authorizationDetails, at);
    const record: GrantRecord = {
      registrationId,
      customerId,
      accountIds,
      object: {
        grant_id: id,
        uri: this.api(`/grants/${id}`),
        replacing: [],
        replaced_by: [],
        parent: null,
        children: [],
        created: now,
        modified: now,
        not_before: null,
        not_after: null,
        eta: null,
        expires: null,
        status,
        client_id: clientId,
        scope,
        authorization_details: details,
        receipt_confirmations: [],
        enabled_scope: NO_ACCESS_STATUSES.has(status) || status === 'needs_authorization' ? '' : scope,
        enabled_authorization_details:
          NO_ACCESS_STATUSES.has(status) || status === 'needs_authorization' ? [] : details,
        ...extra,
      },
    };
    this.state.grants[id] = record;
    return record;
  }

  /** cds-wg1-02 §8.2: statuses without access empty the enabled scope and cut off the Grant's tokens. */
  setGrantStatus(grant: GrantRecord, status: string): void {
    grant.object.status = status;
    grant.object.modified = this.nowIso();
    if (NO_ACCESS_STATUSES.has(status)) {
      grant.object.enabled_scope = '';
      grant.object.enabled_authorization_details = [];
      this.revokeTokens((t) => t.grantId === grant.object.grant_id);
    } else if (status === 'active') {
      grant.object.enabled_scope = grant.object.scope;
      grant.object.enabled_authorization_details = grant.object.authorization_details;
    }
    if (status === 'expired' && grant.object.not_after === null) grant.object.not_after = this.nowIso();
  }
}
