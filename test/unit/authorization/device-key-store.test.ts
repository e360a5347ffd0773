import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDeviceKeyStore,
  type DeviceKeyState,
  deviceKeyStateSchema,
  deviceKeyVaultKey,
  emptyDeviceKeyState,
} from '../../../src/main/cds/device-key-store';
import { thumbprint } from '../../../src/main/cds/jose/device-keys';
import { openAreaStore } from '../../../src/main/companion/area-store';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';

// The real area store on disk and an in-memory vault: private keys in the vault only, the public
// half and the Grant ↔ kid map in the JSON file.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cds-keys-'));
  dirs.push(dataDir);
  const store = await openAreaStore({
    dataDir,
    area: 'device-keys',
    schema: deviceKeyStateSchema,
    empty: emptyDeviceKeyState,
  });
  const vault = createMemoryVault('test');
  let now = Date.parse('2026-01-01T00:00:00Z');
  const keys = createDeviceKeyStore({
    vault,
    store,
    clock: { now: () => (now += 1000) },
    serverName: () => 'Test utility',
  });
  return { keys, vault, store, file: store.file };
}

describe('device key store', () => {
  it('creates one P-256 enc key per Server, kid = RFC 7638 thumbprint, private half only in the vault', async () => {
    const { keys, vault, file } = await setup();
    const [a, b] = await Promise.all([keys.current('s1'), keys.current('s1')]);
    expect(a.kid).toBe(b.kid);
    expect(a.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'enc', alg: 'ECDH-ES', kid: a.kid });
    expect(a.kid).toBe(await thumbprint(a.publicJwk));
    const stored = await vault.get(deviceKeyVaultKey('s1', a.kid));
    const privateJwk = JSON.parse(String(stored)) as { d: string };
    expect(privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).toContain(a.kid);
    expect(onDisk).not.toContain(privateJwk.d);
    expect(onDisk).not.toMatch(/"d"\s*:/);
    expect((await keys.current('s2')).kid).not.toBe(a.kid);
    expect((await keys.privateKey('s1', a.kid)).d).toBe(privateJwk.d);
  });

  it('rotation keeps an old key while a Grant uses it, and drops it once none does', async () => {
    const { keys, vault } = await setup();
    const first = await keys.current('s1');
    await keys.recordGrant('s1', 'g1', first.kid);
    const second = await keys.rotate('s1');
    expect(second.kid).not.toBe(first.kid);
    let listed = keys.list('s1');
    expect(listed.map((k) => k.kid)).toEqual([second.kid, first.kid]);
    expect(listed[1]?.retiredAt).not.toBeNull();
    expect(listed[1]?.grantIds).toEqual(['g1']);
    expect(keys.kidOfGrant('s1', 'g1')).toBe(first.kid);
    expect(await vault.get(deviceKeyVaultKey('s1', first.kid))).not.toBeNull();

    // g1 re-authorized with the new key: the old one has no user left.
    await keys.recordGrant('s1', 'g1', second.kid);
    listed = keys.list('s1');
    expect(listed.map((k) => k.kid)).toEqual([second.kid]);
    expect(await vault.get(deviceKeyVaultKey('s1', first.kid))).toBeNull();
    await expect(keys.privateKey('s1', first.kid)).rejects.toMatchObject({ kind: 'vault', code: 'missing' });
  });

  it('a rotation with no Grant on the old key deletes it at once', async () => {
    const { keys, vault } = await setup();
    const first = await keys.current('s1');
    await keys.rotate('s1');
    expect(await vault.get(deviceKeyVaultKey('s1', first.kid))).toBeNull();
    expect(keys.list('s1')).toHaveLength(1);
  });

  it('a damaged vault entry is a VaultError that does not echo it', async () => {
    const { keys, vault } = await setup();
    const key = await keys.current('s1');
    const stored = JSON.parse(String(await vault.get(deviceKeyVaultKey('s1', key.kid)))) as Record<
      string,
      string
    >;
    const damaged = JSON.stringify({ ...stored, d: stored.x });
    await vault.set(deviceKeyVaultKey('s1', key.kid), damaged);
    const error = (await keys.privateKey('s1', key.kid).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ kind: 'vault', code: 'corrupt' });
    expect(error.message).not.toContain(String(stored.x));
  });

  it('a vault that fails to save leaves no advertised key', async () => {
    const { store } = await setup();
    const failing = createDeviceKeyStore({
      vault: {
        get: async () => null,
        set: async () => {
          throw Object.assign(new Error('keychain locked'), { code: 'locked' });
        },
        delete: async () => undefined,
      },
      store,
      clock: { now: () => Date.now() },
      serverName: () => 'Test utility',
    });
    await expect(failing.current('s9')).rejects.toMatchObject({ kind: 'vault', code: 'locked' });
    const state: DeviceKeyState | undefined = store.read('s9');
    expect(state?.currentKid ?? null).toBeNull();
  });
});
