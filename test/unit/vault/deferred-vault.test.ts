import { describe, expect, it } from 'vitest';
import { deferredVault } from '../../../src/main/vault/deferred-vault';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import { type Vault, VaultError } from '../../../src/main/vault/vault';

// The CLI agent's vault while a new file vault's key derives (docs/decisions/0002-cli-agent.md):
// usable at once, every operation waiting for the open, failing as it failed, then opening again.

const known = { backend: 'file', persistent: true, warning: null } as const;

describe('deferredVault', () => {
  it('answers what it is at once and runs each operation once the vault is open', async () => {
    let open: (vault: Vault) => void = () => undefined;
    let opens = 0;
    const vault = deferredVault(() => {
      opens += 1;
      return new Promise<Vault>((resolve) => {
        open = resolve;
      });
    }, known);
    expect({ backend: vault.backend, persistent: vault.persistent, warning: vault.warning }).toEqual(known);
    let settled = false;
    const setting = vault.set('server/a/secret', 'value').then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    open(createMemoryVault('test'));
    await setting;
    expect(await vault.get('server/a/secret')).toBe('value');
    await vault.set('server/a/other', 'x');
    await vault.delete('server/a/secret');
    expect(await vault.get('server/a/secret')).toBeNull();
    await vault.deleteByPrefix('server/a/');
    expect(await vault.get('server/a/other')).toBeNull();
    expect(opens).toBe(1);
  });

  it('fails the waiting operations as the open failed, and opens again for the next one', async () => {
    const failure = new VaultError('write_failed', 'Could not write the vault file (ENOSPC).');
    const inner = createMemoryVault('test');
    let opens = 0;
    const vault = deferredVault(async () => {
      opens += 1;
      if (opens === 1) throw failure;
      return inner;
    }, known);
    const waiting = [vault.get('k'), vault.set('k', 'v'), vault.delete('k'), vault.deleteByPrefix('k')];
    for (const operation of waiting) await expect(operation).rejects.toBe(failure);
    expect(opens).toBe(2);
    await vault.set('k', 'v');
    expect(await inner.get('k')).toBe('v');
    expect(opens).toBe(2);
  });
});
