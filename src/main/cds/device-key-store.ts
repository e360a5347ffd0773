import { z } from 'zod';
import type { AreaStore } from '../companion/area-store';
import type { Vault } from '../vault/vault';
import { VaultError } from './errors';
import { generateDeviceKey, parseStoredDeviceKey, publicJwkOf } from './jose/device-keys';
import { type DevicePrivateJwk, type DevicePublicJwk, devicePublicJwkSchema } from './jose/jwk-schemas';
import type { Clock } from './oauth/token-manager';

// Device keys (cds-wg3-01 §7.4.6 "Additional JWK Encryption"): one P-256 key pair per Server
// connection, `use: "enc"`, kid = RFC 7638 thumbprint. The private JWK lives only in the vault under
// `server/<serverId>/device-key/<kid>` (so removing the Server deletes it with everything else);
// the public JWK, dates and which Grant was authorized with which key are not secret and sit in the
// `device-keys` area store. Replacing the key keeps the old private key until no Grant uses it:
// Servers keep encrypting a Grant's responses for the key it was authorized with.

export const deviceKeyVaultKey = (serverId: string, kid: string): string =>
  `server/${serverId}/device-key/${kid}`;

export const deviceKeyRecordSchema = z.object({
  publicJwk: devicePublicJwkSchema,
  createdAt: z.string(),
  /** When a newer key replaced it; null for the current key. */
  retiredAt: z.string().nullable(),
});
export type DeviceKeyRecord = z.infer<typeof deviceKeyRecordSchema>;

export const deviceKeyStateSchema = z.object({
  currentKid: z.string().nullable(),
  keys: z.record(z.string(), deviceKeyRecordSchema),
  /** Grant id → the kid its authorization carried. */
  grants: z.record(z.string(), z.object({ kid: z.string(), recordedAt: z.string() })),
});
export type DeviceKeyState = z.infer<typeof deviceKeyStateSchema>;

export const emptyDeviceKeyState = (): DeviceKeyState => ({ currentKid: null, keys: {}, grants: {} });

/** A key as people see it: the public half, its dates and the Grants using it. */
export interface DeviceKeyInfo {
  readonly kid: string;
  readonly publicJwk: DevicePublicJwk;
  readonly createdAt: string;
  readonly retiredAt: string | null;
  readonly current: boolean;
  readonly grantIds: readonly string[];
}

export interface DeviceKeyStore {
  /** The Server's current key, created on first use. */
  current(serverId: string): Promise<DeviceKeyInfo>;
  /** A new current key; the old one stays (retired) while Grants use it. */
  rotate(serverId: string): Promise<DeviceKeyInfo>;
  /** Every kept key, current first. */
  list(serverId: string): readonly DeviceKeyInfo[];
  /** The kid a Grant was authorized with, or null (not encrypted / unknown). */
  kidOfGrant(serverId: string, grantId: string): string | null;
  /** Remembers that `grantId` was authorized with `kid` (null: without a key) and prunes unused keys. */
  recordGrant(serverId: string, grantId: string, kid: string | null): Promise<void>;
  /** The private key for decryption; stays in the main process. */
  privateKey(serverId: string, kid: string): Promise<DevicePrivateJwk>;
  /** Deletes retired keys no Grant uses (vault first, then the record). */
  prune(serverId: string): Promise<void>;
}

export interface DeviceKeyStoreOptions {
  readonly vault: Pick<Vault, 'get' | 'set' | 'delete'>;
  readonly store: AreaStore<DeviceKeyState>;
  readonly clock: Clock;
  /** Names the Server in errors. */
  readonly serverName: (serverId: string) => string;
}

export function createDeviceKeyStore(options: DeviceKeyStoreOptions): DeviceKeyStore {
  const { vault, store, clock } = options;
  const now = () => new Date(clock.now()).toISOString();
  const ref = (serverId: string) => ({ id: serverId, name: options.serverName(serverId) });
  // One key creation at a time per Server, so two flows starting together share one key.
  const pending = new Map<string, Promise<DeviceKeyInfo>>();

  const infoOf = (state: DeviceKeyState, kid: string): DeviceKeyInfo | undefined => {
    const record = state.keys[kid];
    if (!record) return undefined;
    return {
      kid,
      publicJwk: record.publicJwk,
      createdAt: record.createdAt,
      retiredAt: record.retiredAt,
      current: state.currentKid === kid,
      grantIds: Object.entries(state.grants)
        .filter(([, use]) => use.kid === kid)
        .map(([grantId]) => grantId)
        .sort(),
    };
  };

  const vaultFailure = (serverId: string, step: string, error: unknown) => {
    const code = (error as { code?: unknown }).code;
    return new VaultError('the secret store failed', {
      server: ref(serverId),
      step,
      cause: error,
      ...(typeof code === 'string' ? { code } : {}),
    });
  };

  const createKey = async (serverId: string, step: string): Promise<DeviceKeyInfo> => {
    const key = await generateDeviceKey();
    // The private key is saved before the public key is recorded: a key is never advertised that
    // this device could not decrypt for.
    try {
      await vault.set(deviceKeyVaultKey(serverId, key.kid), JSON.stringify(key.privateJwk));
    } catch (error) {
      throw vaultFailure(serverId, step, error);
    }
    const at = now();
    await store.update(serverId, (draft) => {
      const previous = draft.currentKid;
      const old = previous === null ? undefined : draft.keys[previous];
      if (old) old.retiredAt = at;
      draft.keys[key.kid] = { publicJwk: key.publicJwk, createdAt: at, retiredAt: null };
      draft.currentKid = key.kid;
    });
    const info = infoOf(store.readOrEmpty(serverId), key.kid);
    if (!info) throw new Error('The new device key was not recorded.');
    return info;
  };

  const once = (serverId: string, make: () => Promise<DeviceKeyInfo>): Promise<DeviceKeyInfo> => {
    const running = pending.get(serverId);
    if (running) return running;
    const started = make().finally(() => pending.delete(serverId));
    pending.set(serverId, started);
    return started;
  };

  const prune = async (serverId: string): Promise<void> => {
    const state = store.read(serverId);
    if (!state) return;
    const used = new Set(Object.values(state.grants).map((use) => use.kid));
    const unused = Object.keys(state.keys).filter((kid) => kid !== state.currentKid && !used.has(kid));
    for (const kid of unused) {
      try {
        await vault.delete(deviceKeyVaultKey(serverId, kid));
      } catch (error) {
        throw vaultFailure(serverId, 'deleting a device key no Grant uses', error);
      }
    }
    if (unused.length > 0) {
      await store.update(serverId, (draft) => {
        for (const kid of unused) delete draft.keys[kid];
      });
    }
  };

  return {
    current: (serverId) => {
      const state = store.readOrEmpty(serverId);
      const existing = state.currentKid === null ? undefined : infoOf(state, state.currentKid);
      if (existing) return Promise.resolve(existing);
      return once(serverId, () => createKey(serverId, 'creating the device key'));
    },
    rotate: async (serverId) => {
      const info = await once(serverId, () => createKey(serverId, 'replacing the device key'));
      await prune(serverId);
      return info;
    },
    list: (serverId) => {
      const state = store.readOrEmpty(serverId);
      return Object.keys(state.keys)
        .map((kid) => infoOf(state, kid))
        .filter((info): info is DeviceKeyInfo => info !== undefined)
        .sort((a, b) => Number(b.current) - Number(a.current) || b.createdAt.localeCompare(a.createdAt));
    },
    kidOfGrant: (serverId, grantId) => store.read(serverId)?.grants[grantId]?.kid ?? null,
    recordGrant: async (serverId, grantId, kid) => {
      await store.update(serverId, (draft) => {
        if (kid === null) delete draft.grants[grantId];
        else draft.grants[grantId] = { kid, recordedAt: now() };
      });
      await prune(serverId);
    },
    privateKey: async (serverId, kid) => {
      const step = 'reading the device key';
      let stored: string | null;
      try {
        stored = await vault.get(deviceKeyVaultKey(serverId, kid));
      } catch (error) {
        throw vaultFailure(serverId, step, error);
      }
      if (stored === null) {
        throw new VaultError(
          'the private device key this Grant was authorized with is no longer on this device; authorize again',
          { server: ref(serverId), step, code: 'missing' },
        );
      }
      try {
        const privateJwk = parseStoredDeviceKey(stored);
        // Damage is caught here (public point recomputed from d), never as a puzzling decryption failure.
        publicJwkOf(privateJwk);
        if (privateJwk.kid !== kid) throw new Error('The stored device key has another key id.');
        return privateJwk;
      } catch (error) {
        throw new VaultError(`the stored device key is unusable: ${(error as Error).message}`, {
          server: ref(serverId),
          step,
          code: 'corrupt',
          secrets: [stored],
        });
      }
    },
    prune,
  };
}
