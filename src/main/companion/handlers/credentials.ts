import type { CredentialView, RotationResult } from '../../../shared/ipc/credentials-contract';
import { type RotationDeps, recoverRotations, rotateCredential } from '../../cds/credential-rotation';
import {
  createCredential,
  type FetchedCredential,
  getCredential,
  isCredentialValid,
  listCredentials,
  setCredentialExpiry,
} from '../../cds/credentials';
import { clientSecretKey } from '../../cds/oauth/vault-keys';
import type { CompanionCore } from '../companion-core';
import { CompanionError, toCdsError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import { credentialCacheSchema, emptyCredentialCache } from '../credential-cache';
import type { ServerContext } from '../server-context';
import { credentialViewOf } from '../views';

// The Credentials area (cds-wg1-02 §7): metadata cached WITHOUT secrets, the active secret of each
// Client Object in the vault, crash-safe rotation (credential-rotation.ts) and scheduled rotation.

const DAY_SECONDS = 86_400;

export const credentialsModule: CompanionModuleFactory = async (core: CompanionCore) => {
  const cache = await core.openCache({
    area: 'credentials',
    schema: credentialCacheSchema,
    empty: emptyCredentialCache,
  });
  const nowSeconds = () => Math.floor(core.clock.now() / 1000);
  const at = () => new Date(core.clock.now()).toISOString();

  const activeCredential = (serverId: string, clientId: string): string | null =>
    cache.read(serverId)?.active[clientId] ?? null;

  const recordCredential = async (serverId: string, fetched: FetchedCredential, active: boolean) => {
    // Which Credential the vault's secret belongs to is ours alone (a rotation relies on it): on
    // disk before the rotation journal moves on (docs/decisions/0003-write-behind-caches.md).
    await cache.update(
      serverId,
      (draft) => {
        draft.credentials[fetched.credential.credential_id] = { object: fetched.raw, syncedAt: at() };
        if (!draft.order.includes(fetched.credential.credential_id))
          draft.order.unshift(fetched.credential.credential_id);
        if (active) draft.active[fetched.credential.client_id] = fetched.credential.credential_id;
      },
      { durable: active },
    );
    core.events.emit('credentials.changed', { serverId, clientId: fetched.credential.client_id });
  };

  const deps: RotationDeps = {
    journal: core.state.section('rotationJournal'),
    activeCredential,
    recordCredential,
  };

  const viewOf = (serverId: string, fetched: FetchedCredential): CredentialView =>
    credentialViewOf(
      serverId,
      fetched.credential,
      fetched.raw,
      activeCredential(serverId, fetched.credential.client_id),
      nowSeconds(),
    );

  const rotating = (serverId: string, clientId: string) =>
    core.state
      .read()
      .rotationJournal.some((entry) => entry.serverId === serverId && entry.clientId === clientId);

  /**
   * Caches every Credential without its secret and makes sure the vault holds a working secret for
   * each Client Object: the one it holds when still valid, else the newest valid one. A client in
   * the middle of a rotation is left to the rotation. Returns the listing it cached.
   */
  const syncCredentials = async (context: ServerContext): Promise<FetchedCredential[]> => {
    const fetched = await listCredentials(context);
    const now = nowSeconds();
    const byClient = new Map<string, FetchedCredential[]>();
    for (const item of fetched) {
      const list = byClient.get(item.credential.client_id) ?? [];
      list.push(item);
      byClient.set(item.credential.client_id, list);
    }
    const active: Record<string, string> = {};
    for (const [clientId, list] of byClient) {
      const previous = activeCredential(context.serverId, clientId);
      const valid = list
        .filter((item) => isCredentialValid(item.credential, now))
        .sort((a, b) => b.credential.created.localeCompare(a.credential.created));
      if (rotating(context.serverId, clientId)) {
        if (previous) active[clientId] = previous;
        continue;
      }
      const key = clientSecretKey(context.serverId, clientId);
      const held = await context.vault.get(key);
      const matching = valid.find((item) => item.credential.client_secret === held);
      const chosen = matching ?? valid[0];
      if (!chosen) continue;
      if (!matching && chosen.credential.client_secret) {
        await context.vault.set(key, chosen.credential.client_secret);
        context.tokens.invalidate({ serverId: context.serverId, clientId });
      }
      active[clientId] = chosen.credential.credential_id;
    }
    await cache.update(context.serverId, (draft) => {
      draft.credentials = Object.fromEntries(
        fetched.map((item) => [item.credential.credential_id, { object: item.raw, syncedAt: at() }]),
      );
      draft.order = fetched.map((item) => item.credential.credential_id);
      draft.active = active;
      draft.syncedAt = at();
    });
    core.events.emit('credentials.changed', { serverId: context.serverId, clientId: null });
    return fetched;
  };

  const contextOf = (serverId: string, step: string) => {
    const context = core.context(serverId, step);
    context.requireRegistration(step);
    return context;
  };

  const rotate = async (context: ServerContext, clientId: string): Promise<RotationResult> => {
    if (!context.cachedClient(clientId) && context.record.registration?.adminClientId !== clientId) {
      throw new CompanionError(
        'not-found',
        `no Client Object ${clientId} is known for this Server; sync first`,
        {
          server: context.ref,
          step: `rotating the secret of client ${clientId}`,
        },
      );
    }
    if (activeCredential(context.serverId, clientId) === null) await syncCredentials(context);
    const outcome = await rotateCredential(deps, context, clientId);
    await syncCredentials(context).catch(() => undefined);
    return {
      serverId: context.serverId,
      clientId,
      ...outcome,
      expiredCredentialIds: [...outcome.expiredCredentialIds],
    };
  };

  return {
    area: 'credentials',
    syncOrder: 20,
    sync: async (context) => ({ credentials: (await syncCredentials(context)).length }),
    forgetServer: (serverId) => cache.forget(serverId),
    start: async () => {
      if (core.state.read().rotationJournal.length === 0) return;
      const report = await recoverRotations(deps, (serverId) => {
        if (!core.state.read().servers[serverId]) return null;
        return core.context(serverId, 'finishing an interrupted secret rotation');
      });
      if (report.problems.length > 0) throw new Error(report.problems.join(' '));
    },
    handlers: {
      'credentials.list': async (serverId, filter) => {
        const context = contextOf(serverId, 'listing the Credentials');
        // Unfiltered, the listing is the one the sync just read and cached: no second read.
        if (!filter || Object.values(filter).every((value) => value === undefined))
          return (await syncCredentials(context)).map((item) => viewOf(context.serverId, item));
        const fetched = await listCredentials(context, {
          ...(filter?.clientIds ? { clientIds: filter.clientIds } : {}),
          ...(filter?.credentialIds ? { credentialIds: filter.credentialIds } : {}),
          ...(filter?.after ? { after: filter.after } : {}),
          ...(filter?.before ? { before: filter.before } : {}),
        });
        return fetched.map((item) => viewOf(context.serverId, item));
      },
      'credentials.create': async (serverId, clientId) => {
        const context = contextOf(serverId, `creating a secret for client ${clientId}`);
        // The new secret is not made active: the vault keeps the proven one (rotation does the switch).
        const created = await createCredential(context, clientId);
        await recordCredential(context.serverId, created, false);
        return viewOf(context.serverId, created);
      },
      'credentials.expire': async (serverId, credentialId, options) => {
        const step = `expiring credential ${credentialId}`;
        const context = contextOf(serverId, step);
        const current = await getCredential(context, credentialId);
        const clientId = current.credential.client_id;
        if (activeCredential(context.serverId, clientId) === credentialId && !options?.force) {
          const others = (await listCredentials(context, { clientIds: [clientId] })).filter(
            (item) =>
              item.credential.credential_id !== credentialId &&
              isCredentialValid(item.credential, nowSeconds()),
          );
          if (others.length === 0) {
            throw new CompanionError(
              'conflict',
              'this is the only working secret of its Client Object; rotate it instead, or force the expiry',
              { server: context.ref, step },
            );
          }
        }
        const changed = await setCredentialExpiry(context, current.credential.uri, nowSeconds(), clientId);
        await recordCredential(context.serverId, changed, false);
        if (activeCredential(context.serverId, clientId) === credentialId) {
          // Its tokens are revoked by the Server (§7.6); switch to another valid secret if there is one.
          context.tokens.invalidate({ serverId: context.serverId, clientId });
          await cache.update(
            context.serverId,
            (draft) => {
              delete draft.active[clientId];
            },
            { durable: true },
          );
          await syncCredentials(context).catch(() => undefined);
        }
        return viewOf(context.serverId, changed);
      },
      'credentials.rotate': async (serverId, clientId) =>
        rotate(contextOf(serverId, `rotating the secret of client ${clientId}`), clientId),
      'credentials.rotateExpiring': async (options) => {
        const days = options?.days ?? core.state.read().settings.rotationPolicyDays;
        const results: RotationResult[] = [];
        const problems: string[] = [];
        for (const id of core.state.read().serverOrder) {
          const record = core.state.read().servers[id];
          if (!record?.registration) continue;
          try {
            const context = contextOf(id, 'rotating expiring secrets');
            await syncCredentials(context);
            const entry = cache.read(id);
            const limit = nowSeconds() + days * DAY_SECONDS;
            for (const [clientId, credentialId] of Object.entries(entry?.active ?? {})) {
              const expiresAt = entry?.credentials[credentialId]?.object.client_secret_expires_at;
              if (typeof expiresAt === 'number' && expiresAt !== 0 && expiresAt <= limit) {
                results.push(await rotate(context, clientId));
              }
            }
          } catch (error) {
            problems.push(
              toCdsError(error, { id, name: record.name }, 'rotating expiring secrets').userMessage,
            );
          }
        }
        if (problems.length > 0 && results.length === 0) {
          throw new CompanionError('internal', problems.join(' '), {
            server: 'CDS Companion',
            step: 'rotating expiring secrets',
          });
        }
        return results;
      },
    },
  };
};
