import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/** A JSON object as the CDS APIs return it. */
export type Json = Record<string, unknown>;

/** A Client Object (cds-wg1-02 §5.1) plus what the sandbox needs to know about it. */
export interface ClientRecord {
  /** client_id of the registration's cds_client_admin Client Object: who may manage this one. */
  registrationId: string;
  object: Json;
  /** Registration field values submitted for this Client Object's scopes (cds-wg1-02 §4.1). */
  registrationValues: Json;
  /** When the Client Object was most recently disabled (cds-wg1-02 §7.1), seconds. */
  disabledAt: number | null;
}

export interface CredentialRecord {
  registrationId: string;
  object: Json & {
    credential_id: string;
    client_id: string;
    client_secret: string;
    client_secret_expires_at: number;
  };
}

export interface TokenRecord {
  kind: 'access' | 'refresh';
  clientId: string;
  registrationId: string;
  credentialId: string | null;
  scope: string;
  authorizationDetails: Json[];
  /** The Grant this token gives access to (authorization code, refresh, Grant Admin). */
  grantId: string | null;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  /** The authorization code the token family came from (RFC 6749 §4.1.2 code reuse). */
  codeId: string | null;
}

export interface MessageRecord {
  registrationId: string;
  object: Json & { message_id: string; uri: string; type: string; status: string; modified: string };
}

export interface GrantRecord {
  registrationId: string;
  object: Json & { grant_id: string; client_id: string; scope: string; status: string; modified: string };
  /** Test account (customer) who authorized it, if any. */
  customerId: string | null;
  /** Accounts the customer selected on the consent page (cds-wg3-01 §6). */
  accountIds: string[];
}

export interface FileRecord {
  object: Json & { file_id: string; modified: string };
  /** Base64 of the file's bytes ('' for a generated file). */
  data: string;
  /** A file whose bytes are generated while it is sent (generated-files.ts), never stored. */
  generated?: { size: number };
}

export interface AuthorizationCodeRecord {
  clientId: string;
  redirectUri: string;
  redirectUriGiven: boolean;
  codeChallenge: string;
  grantId: string;
  scope: string;
  authorizationDetails: Json[];
  expiresAt: number;
  used: boolean;
}

export interface ParRecord {
  clientId: string;
  params: Record<string, string>;
  expiresAt: number;
}

/** An authorization request in progress between the login and consent pages. */
export interface InteractionRecord {
  clientId: string;
  params: Record<string, string>;
  redirectUri: string;
  scope: string;
  authorizationDetails: Json[];
  grantId: string | null;
  customerId: string | null;
  parRequestUri: string | null;
  expiresAt: number;
}

export interface SessionRecord {
  customerId: string;
  expiresAt: number;
}

export interface ReceiptRecord {
  confirmation: string;
  grantId: string | null;
  clientName: string;
  ok: boolean;
  error: string | null;
  created: string;
}

/** A Client Object change waiting for the Server's review (cds-wg1-02 §5.5, 202 Accepted). */
export interface FieldReviewRecord {
  clientId: string;
  changes: Json;
}

export interface SandboxState {
  version: 1;
  baseUrl: string;
  clockOffsetMs: number;
  clients: Record<string, ClientRecord>;
  credentials: Record<string, CredentialRecord>;
  tokens: Record<string, TokenRecord>;
  messages: Record<string, MessageRecord>;
  grants: Record<string, GrantRecord>;
  files: Record<string, FileRecord>;
  codes: Record<string, AuthorizationCodeRecord>;
  pars: Record<string, ParRecord>;
  interactions: Record<string, InteractionRecord>;
  sessions: Record<string, SessionRecord>;
  receipts: Record<string, ReceiptRecord>;
  reviews: Record<string, FieldReviewRecord>;
}

export function emptyState(baseUrl: string): SandboxState {
  return {
    version: 1,
    baseUrl,
    clockOffsetMs: 0,
    clients: {},
    credentials: {},
    tokens: {},
    messages: {},
    grants: {},
    files: {},
    codes: {},
    pars: {},
    interactions: {},
    sessions: {},
    receipts: {},
    reviews: {},
  };
}

/**
 * Loads a snapshot written by `saveState`. URLs inside the objects are absolute, so a snapshot taken on
 * another port is rebased onto the current base URL.
 */
export function loadState(file: string, baseUrl: string): SandboxState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as SandboxState;
  if (parsed.version !== 1) throw new Error(`The sandbox state file ${file} has an unknown version.`);
  if (parsed.baseUrl !== baseUrl) {
    const rebased = text.split(JSON.stringify(parsed.baseUrl).slice(1, -1)).join(baseUrl);
    const state = JSON.parse(rebased) as SandboxState;
    state.baseUrl = baseUrl;
    return state;
  }
  return parsed;
}

/** Atomic snapshot: temp file, fsync, rename; readable by the owner only (it holds client secrets). */
export function saveState(file: string, state: SandboxState): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
