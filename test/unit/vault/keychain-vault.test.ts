import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYCHAIN_INDEX_FILE, openKeychainVault } from '../../../src/main/vault/keychain-vault';
import { VAULT_SERVICE } from '../../../src/main/vault/vault';
import { FakeKeychain } from './fake-keychain';
import { filesContainingSecret } from './scan-for-secret';
import { rejection } from './vault-rejection';

const SECRET = 'refresh-token-91b7c2d4e8';

let dataDir: string;
let keychain: FakeKeychain;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cds-keychain-vault-'));
  keychain = new FakeKeychain();
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const open = () => openKeychainVault({ dataDir, keychain });
const indexKeys = async (): Promise<string[]> =>
  JSON.parse(await readFile(path.join(dataDir, KEYCHAIN_INDEX_FILE), 'utf8')).data.keys;

describe('keychain vault (fake keychain)', () => {
  it('stores each key as its own entry under the cds-companion service, and indexes keys only', async () => {
    const vault = await open();
    expect(vault).toMatchObject({ backend: 'keychain', persistent: true, warning: null });
    await vault.set('server/s1/client/c1/secret', SECRET);
    expect(keychain.entries.get(`${VAULT_SERVICE}\u0000server/s1/client/c1/secret`)).toBe(SECRET);
    expect(await vault.get('server/s1/client/c1/secret')).toBe(SECRET);
    expect(await vault.get('server/s1/client/c1/missing')).toBeNull();
    expect(await indexKeys()).toEqual(['server/s1/client/c1/secret']);
    expect(await filesContainingSecret(dataDir, SECRET)).toEqual([]);
    await vault.delete('server/s1/client/c1/secret');
    expect(keychain.entries.size).toBe(0);
    expect(await indexKeys()).toEqual([]);
  });

  it('leaves no probe entry behind, even when the probe fails after writing', async () => {
    await open();
    expect(keychain.entries.size).toBe(0);
    keychain.faults.get = () => new Error("Couldn't access platform storage: locked");
    const error = await rejection(open());
    expect(error.code).toBe('locked');
    expect(keychain.entries.size).toBe(0);
  });

  it('deletes by prefix through the index and through the listing of entries the index lost', async () => {
    const vault = await open();
    await vault.set('server/s1/client/c1/secret', 'a');
    await vault.set('server/s1/client/c2/secret', 'b');
    await vault.set('server/s2/client/c3/secret', 'c');
    // An entry the index does not know (e.g. its index was kept aside as corrupt).
    keychain.entries.set(`${VAULT_SERVICE}\u0000server/s1/orphan`, 'd');
    await vault.deleteByPrefix('server/s1/');
    expect([...keychain.entries.keys()]).toEqual([`${VAULT_SERVICE}\u0000server/s2/client/c3/secret`]);
    expect(await indexKeys()).toEqual(['server/s2/client/c3/secret']);
  });

  it('deletes what it can and reports what it could not, keeping failed keys indexed', async () => {
    const vault = await open();
    await vault.set('server/s1/a', 'a');
    await vault.set('server/s1/b', 'b');
    keychain.faults.delete = (account) =>
      account === 'server/s1/b' ? new Error('Platform failure: gone') : null;
    const error = await rejection(vault.deleteByPrefix('server/s1/'));
    expect(error.message).toMatch(/Could not delete 1 of 2 keychain entries starting with server\/s1\//);
    expect(await vault.get('server/s1/a')).toBeNull();
    expect(await indexKeys()).toEqual(['server/s1/b']);
  });

  it('names the key and never the value when a write fails, even if the backend echoes it', async () => {
    const vault = await open();
    keychain.faults.set = (_, value) => new Error(`Platform failure: could not store ${value}`);
    const error = await rejection(vault.set('server/s1/client/c1/secret', SECRET));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('server/s1/client/c1/secret');
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('[redacted]');
  });

  it('maps keychain failures to typed codes', async () => {
    const vault = await open();
    keychain.faults.get = () =>
      new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed");
    expect((await rejection(vault.get('k'))).code).toBe('locked');
    keychain.faults.get = () => new Error('Platform failure: DBus error: Failed to connect to socket');
    expect((await rejection(vault.get('k'))).code).toBe('unavailable');
    keychain.faults.get = () => new Error('Ambiguous: more than one credential');
    expect((await rejection(vault.get('k'))).code).toBe('read_failed');
    keychain.faults.set = () => new Error('Attribute too long for platform');
    expect((await rejection(vault.set('k', 'v'))).code).toBe('write_failed');
  });

  it('reports a keychain that never answers the probe as unavailable', async () => {
    keychain.faults.hangOnSet = true;
    const error = await rejection(openKeychainVault({ dataDir, keychain, probeTimeoutMs: 50 }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/did not answer within 50 ms/);
  });

  it('rejects invalid keys as rejections, not throws', async () => {
    const vault = await open();
    const pending = vault.set('bad\u0000key', 'v');
    expect((await rejection(pending)).code).toBe('invalid_key');
    expect((await rejection(vault.deleteByPrefix(''))).code).toBe('invalid_key');
  });
});
