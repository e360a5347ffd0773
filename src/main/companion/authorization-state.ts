import { z } from 'zod';
import {
  type AuthorizationRecord,
  type AuthorizationView,
  authorizationRecord,
} from '../../shared/ipc/authorization-contract';
import {
  createDeviceKeyStore,
  type DeviceKeyState,
  type DeviceKeyStore,
  deviceKeyStateSchema,
  emptyDeviceKeyState,
} from '../cds/device-key-store';
import type { AreaStore } from './area-store';
import type { CompanionCore } from './companion-core';

// The state the authorization, keys and data areas share, opened once per Companion: the device keys
// (public halves and which Grant uses which kid; private keys in the vault) and the authorizations
// made from this device (which Client Object, which path, how the data is reached). Non-secret only.

/** An authorization made from this device: the contract's record (authorization-contract.ts). */
export const authorizationRecordSchema = authorizationRecord;
export type { AuthorizationRecord };

export const authorizationCacheSchema = z.object({
  records: z.record(z.string(), authorizationRecordSchema),
});
export type AuthorizationCache = z.infer<typeof authorizationCacheSchema>;

export interface AuthorizationState {
  readonly authorizations: AreaStore<AuthorizationCache>;
  readonly deviceKeyCache: AreaStore<DeviceKeyState>;
  readonly deviceKeys: DeviceKeyStore;
}

const opened = new WeakMap<CompanionCore, Promise<AuthorizationState>>();

/** The shared state of one Companion (the first module to ask opens it). */
export function authorizationState(core: CompanionCore): Promise<AuthorizationState> {
  const existing = opened.get(core);
  if (existing) return existing;
  const opening = (async () => {
    const authorizations = await core.openDurableArea({
      area: 'authorizations',
      schema: authorizationCacheSchema,
      empty: () => ({ records: {} }),
    });
    const deviceKeyCache = await core.openDurableArea({
      area: 'device-keys',
      schema: deviceKeyStateSchema,
      empty: emptyDeviceKeyState,
    });
    const deviceKeys = createDeviceKeyStore({
      vault: core.vault,
      store: deviceKeyCache,
      clock: core.clock,
      serverName: (serverId) => core.state.read().servers[serverId]?.name ?? serverId,
    });
    return { authorizations, deviceKeyCache, deviceKeys };
  })();
  opened.set(core, opening);
  return opening;
}

/**
 * The authorizations whose refresh tokens sit in the vault, for `tokens.revokeAll(server,
 * { userGrants })` when a Server is removed (RFC 7009: revoke before deleting).
 */
export async function userGrantsOf(
  core: CompanionCore,
  serverId: string,
): Promise<{ readonly client: { readonly clientId: string }; readonly grantKey: string }[]> {
  const { authorizations } = await authorizationState(core);
  return Object.values(authorizations.readOrEmpty(serverId).records)
    .filter((entry) => entry.access === 'user-token')
    .map((entry) => ({ client: { clientId: entry.clientId }, grantKey: entry.grantId }));
}

export function authorizationViewOf(serverId: string, record: AuthorizationRecord): AuthorizationView {
  return {
    serverId,
    grantId: record.grantId,
    clientId: record.clientId,
    scopeId: record.scopeId,
    path: record.path,
    access: record.access,
    kid: record.kid,
    authorizedAt: record.authorizedAt,
    status: typeof record.grant.status === 'string' ? record.grant.status : 'unknown',
    grant: record.grant,
  };
}
