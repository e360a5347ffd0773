import { randomUUID } from 'node:crypto';
import { CompanionError } from '../companion/companion-error';
import type { ServerContext } from '../companion/server-context';
import type { RotationEntry, RotationStep } from '../companion/state-schema';
import type { StoreSection } from '../store/json-store';
import {
  createCredential,
  type FetchedCredential,
  getCredential,
  isCredentialValid,
  listCredentials,
  setCredentialExpiry,
} from './credentials';
import { CdsError, OAuthError, VaultError } from './errors';
import { createTokenManager } from './oauth/token-manager';
import { clientSecretKey } from './oauth/vault-keys';

// Crash-safe secret rotation (SECURITY.md "Data that must not be lost", cds-wg1-02 §7.5, §7.6):
// create a new Credential → prove its secret with a token request → save it to the vault → expire
// the old Credential. Expiring kills the old secret and its tokens at once (§7.6), so it is always
// last. Each step is written to the journal before the next starts; `recoverRotations` finishes or
// rolls back whatever a dead process left, so a working secret is in the vault at every moment.

export interface RotationDeps {
  readonly journal: StoreSection<RotationEntry[]>;
  /** The credential_id whose secret the vault holds for this client, if known. */
  activeCredential(serverId: string, clientId: string): string | null;
  /** Records a Credential's metadata (no secret) and, with `active`, that the vault now holds its secret. */
  recordCredential(serverId: string, fetched: FetchedCredential, active: boolean): Promise<void>;
}

export interface RotationOutcome {
  readonly newCredentialId: string;
  readonly expiredCredentialIds: readonly string[];
  readonly complete: boolean;
  readonly warning: string | null;
}

type Verification = 'verified' | 'refused' | 'inconclusive';

const nowIso = (context: ServerContext) => new Date(context.clock.now()).toISOString();
const nowSeconds = (context: ServerContext) => Math.floor(context.clock.now() / 1000);

/**
 * A token request with the new secret alone (a throw-away token manager over a one-key store, so
 * the vault is untouched until the secret is proven). The token endpoint authenticates the client
 * before it looks at the grant (RFC 6749 §3.2.1), so `unauthorized_client` or
 * `unsupported_grant_type` still prove the secret of a Client Object without client_credentials;
 * only `invalid_client` refutes it. A 5xx or network failure proves nothing.
 */
async function verifySecret(context: ServerContext, clientId: string, secret: string): Promise<Verification> {
  const key = `rotation-probe/${clientId}`;
  const probe = createTokenManager({
    http: context.http,
    clock: context.clock,
    vault: {
      get: async (wanted) => (wanted === key ? secret : null),
      set: async () => undefined,
      delete: async () => undefined,
    },
  });
  const client = context.tokenClient(clientId);
  try {
    await probe.getClientToken(context.tokenServer, { ...client, secretKey: key });
    return 'verified';
  } catch (error) {
    if (error instanceof OAuthError) {
      if (error.error === 'invalid_client') return 'refused';
      if (
        ['unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'invalid_grant'].includes(
          error.error,
        ) &&
        (error.status ?? 400) < 500
      ) {
        return 'verified';
      }
    }
    return 'inconclusive';
  }
}

async function saveEntry(deps: RotationDeps, entry: RotationEntry): Promise<void> {
  await deps.journal.update((journal) => {
    const index = journal.findIndex((item) => item.id === entry.id);
    if (index === -1) journal.push(entry);
    else journal[index] = entry;
  });
}

async function dropEntry(deps: RotationDeps, entryId: string): Promise<void> {
  await deps.journal.update((journal) => journal.filter((item) => item.id !== entryId));
}

async function advance(
  deps: RotationDeps,
  context: ServerContext,
  entry: RotationEntry,
  step: RotationStep,
  changes: Partial<RotationEntry> = {},
): Promise<RotationEntry> {
  const next = { ...entry, ...changes, step, updatedAt: nowIso(context), lastError: null };
  await saveEntry(deps, next);
  // Test-only: a hook that throws here is a process dying right after this step was journaled.
  await context.hooks.afterRotationStep?.(step, entry.clientId);
  return next;
}

/** Expires the new Credential (rollback) and forgets the journal entry; keeps the entry if that fails. */
async function rollBack(
  deps: RotationDeps,
  context: ServerContext,
  entry: RotationEntry,
  reason: CdsError,
): Promise<never> {
  if (entry.newCredentialId !== null) {
    try {
      const fresh = await getCredential(context, entry.newCredentialId);
      if (isCredentialValid(fresh.credential, nowSeconds(context))) {
        await setCredentialExpiry(context, fresh.credential.uri, nowSeconds(context), entry.clientId);
      }
    } catch {
      await saveEntry(deps, {
        ...entry,
        lastError: reason.userMessage,
        attempts: entry.attempts + 1,
        updatedAt: nowIso(context),
      });
      throw reason;
    }
  }
  await dropEntry(deps, entry.id);
  throw reason;
}

/** After `started`: a Credential created by a process that died before journaling it is expired. */
async function expireOrphans(
  deps: RotationDeps,
  context: ServerContext,
  entry: RotationEntry,
): Promise<void> {
  const known = new Set(entry.knownCredentialIds);
  const now = nowSeconds(context);
  const current = await listCredentials(context, { clientIds: [entry.clientId] });
  for (const { credential } of current) {
    if (!known.has(credential.credential_id) && isCredentialValid(credential, now)) {
      await setCredentialExpiry(context, credential.uri, now, entry.clientId);
    }
  }
  await dropEntry(deps, entry.id);
}

/** Runs the rotation from the entry's step to the end. */
async function continueRotation(
  deps: RotationDeps,
  context: ServerContext,
  start: RotationEntry,
): Promise<RotationOutcome> {
  let entry = start;
  const { clientId } = entry;
  const fail = (error: unknown, step: string): CdsError =>
    error instanceof CdsError
      ? error
      : new CompanionError('internal', error instanceof Error ? error.message : 'the rotation failed', {
          server: context.ref,
          step,
        });

  if (entry.step === 'started') {
    let created: FetchedCredential;
    try {
      created = await createCredential(context, clientId);
    } catch (error) {
      // The POST may have reached the Server before failing: expire what it might have created.
      await expireOrphans(deps, context, entry).catch(() => undefined);
      throw fail(error, `creating a new secret for client ${clientId}`);
    }
    entry = await advance(deps, context, entry, 'created', {
      newCredentialId: created.credential.credential_id,
    });
  }

  const newId = entry.newCredentialId;
  if (newId === null)
    throw new CompanionError('internal', 'the rotation journal lost the new Credential', {
      server: context.ref,
      step: 'rotating a secret',
    });

  let secret: string | null = null;
  const readNew = async (): Promise<FetchedCredential> => {
    const fresh = await getCredential(context, newId);
    secret = fresh.credential.client_secret ?? null;
    return fresh;
  };

  if (entry.step === 'created') {
    let fresh: FetchedCredential;
    try {
      fresh = await readNew();
    } catch (error) {
      throw fail(error, `reading the new secret of client ${clientId}`);
    }
    if (!isCredentialValid(fresh.credential, nowSeconds(context)) || secret === null) {
      // Already expired (by a rollback that died before forgetting the entry): nothing to undo.
      await dropEntry(deps, entry.id);
      throw new CompanionError('conflict', 'the new secret was already withdrawn; rotate again', {
        server: context.ref,
        step: `verifying the new secret of client ${clientId}`,
      });
    }
    const verdict = await verifySecret(context, clientId, secret);
    if (verdict !== 'verified') {
      const reason = new OAuthError({
        server: context.ref,
        step: `verifying the new secret of client ${clientId}`,
        error: verdict === 'refused' ? 'invalid_client' : 'temporarily_unavailable',
        errorDescription:
          verdict === 'refused'
            ? 'the Server refused the new secret; the old one is kept'
            : 'the token request with the new secret failed; the old secret is kept',
      });
      return rollBack(deps, context, entry, reason);
    }
    entry = await advance(deps, context, entry, 'verified');
  }

  if (entry.step === 'verified') {
    let fresh: FetchedCredential;
    try {
      fresh = await readNew();
    } catch (error) {
      throw fail(error, `reading the new secret of client ${clientId}`);
    }
    if (secret === null) {
      return rollBack(
        deps,
        context,
        entry,
        new CompanionError('internal', 'the Server sent the new Credential without its secret', {
          server: context.ref,
          step: `saving the new secret of client ${clientId}`,
        }),
      );
    }
    try {
      await context.vault.set(clientSecretKey(context.serverId, clientId), secret);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const reason = new VaultError(
        'the new secret could not be saved in the secret store; the old one is kept',
        {
          server: context.ref,
          step: `saving the new secret of client ${clientId}`,
          cause: error,
          secrets: [secret],
          ...(typeof code === 'string' ? { code } : {}),
        },
      );
      return rollBack(deps, context, entry, reason);
    }
    // Tokens of the old secret must not be used any more: the next request takes the new one.
    context.tokens.invalidate({ serverId: context.serverId, clientId });
    await deps.recordCredential(context.serverId, fresh, true);
    entry = await advance(deps, context, entry, 'saved');
  }

  // entry.step === 'saved': the vault holds the proven new secret; the old one can go.
  const expired: string[] = [];
  const oldId = entry.oldCredentialId;
  if (oldId !== null && oldId !== newId) {
    try {
      const old = await getCredential(context, oldId);
      if (isCredentialValid(old.credential, nowSeconds(context))) {
        const changed = await setCredentialExpiry(context, old.credential.uri, nowSeconds(context), clientId);
        await deps.recordCredential(context.serverId, changed, false);
      }
      expired.push(oldId);
    } catch (error) {
      const reason = fail(error, `expiring the old secret of client ${clientId}`);
      await saveEntry(deps, {
        ...entry,
        lastError: reason.userMessage,
        attempts: entry.attempts + 1,
        updatedAt: nowIso(context),
      });
      return {
        newCredentialId: newId,
        expiredCredentialIds: [],
        complete: false,
        warning: `${reason.userMessage} The new secret is in use; expiring the old one is retried at the next start.`,
      };
    }
  }
  // Tokens issued with the old admin secret were revoked by the Server (§7.6).
  context.tokens.invalidate({ serverId: context.serverId, clientId });
  await dropEntry(deps, entry.id);
  await context.hooks.afterRotationStep?.('done', clientId);
  return { newCredentialId: newId, expiredCredentialIds: expired, complete: true, warning: null };
}

/** Rotates the secret of one Client Object. */
export async function rotateCredential(
  deps: RotationDeps,
  context: ServerContext,
  clientId: string,
): Promise<RotationOutcome> {
  context.requireRegistration(`rotating the secret of client ${clientId}`);
  const pending = deps.journal
    .read()
    .find((entry) => entry.serverId === context.serverId && entry.clientId === clientId);
  if (pending) {
    // Finish (or undo) the interrupted rotation first; then start a fresh one.
    await resumeEntry(deps, context, pending);
  }
  const known = await listCredentials(context, { clientIds: [clientId] });
  const at = nowIso(context);
  const entry: RotationEntry = {
    id: randomUUID(),
    serverId: context.serverId,
    clientId,
    oldCredentialId: deps.activeCredential(context.serverId, clientId),
    knownCredentialIds: known.map((item) => item.credential.credential_id),
    newCredentialId: null,
    step: 'started',
    startedAt: at,
    updatedAt: at,
    attempts: 0,
    lastError: null,
  };
  await saveEntry(deps, entry);
  await context.hooks.afterRotationStep?.('started', clientId);
  return continueRotation(deps, context, entry);
}

async function resumeEntry(
  deps: RotationDeps,
  context: ServerContext,
  entry: RotationEntry,
): Promise<RotationOutcome | null> {
  if (entry.step === 'started') {
    await expireOrphans(deps, context, entry);
    return null;
  }
  return continueRotation(deps, context, entry);
}

export interface RecoveryReport {
  readonly finished: number;
  readonly rolledBack: number;
  readonly problems: readonly string[];
}

/**
 * At start: every journal entry is finished (from `created` on, when the new secret proves good)
 * or rolled back (`started`, or a refused secret). Entries that cannot progress now (Server down)
 * stay for the next start; the vault keeps a working secret in every case.
 */
export async function recoverRotations(
  deps: RotationDeps,
  contextOf: (serverId: string) => ServerContext | null,
): Promise<RecoveryReport> {
  let finished = 0;
  let rolledBack = 0;
  const problems: string[] = [];
  for (const entry of [...deps.journal.read()]) {
    const context = contextOf(entry.serverId);
    if (context === null) {
      // The Server was removed: its secrets went with it.
      await dropEntry(deps, entry.id);
      continue;
    }
    try {
      const outcome = await resumeEntry(deps, context, entry);
      if (outcome === null) rolledBack += 1;
      else if (outcome.complete) finished += 1;
      else problems.push(outcome.warning ?? 'the old secret could not be expired yet');
    } catch (error) {
      const stillThere = deps.journal.read().some((item) => item.id === entry.id);
      if (!stillThere) rolledBack += 1;
      problems.push(
        error instanceof CdsError ? error.userMessage : 'an interrupted rotation could not be finished',
      );
    }
  }
  return { finished, rolledBack, problems };
}
