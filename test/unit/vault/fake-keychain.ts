import type { Keychain, KeychainEntry } from '../../../src/main/vault/os-keychain';

/** What the fake should do instead of succeeding, per operation. */
export interface KeychainFaults {
  set?: (account: string, value: string) => Error | null;
  get?: (account: string) => Error | null;
  delete?: (account: string) => Error | null;
  list?: () => Error | null;
  hangOnSet?: boolean;
}

/** An in-memory stand-in for the OS keychain: entries keyed by service and account. */
export class FakeKeychain implements Keychain {
  readonly entries = new Map<string, string>();
  faults: KeychainFaults = {};

  entry(service: string, account: string): KeychainEntry {
    const id = `${service}\u0000${account}`;
    return {
      getPassword: async () => {
        const fault = this.faults.get?.(account);
        if (fault) throw fault;
        return this.entries.get(id) ?? null;
      },
      setPassword: async (value) => {
        if (this.faults.hangOnSet) await new Promise(() => undefined);
        const fault = this.faults.set?.(account, value);
        if (fault) throw fault;
        this.entries.set(id, value);
      },
      deleteCredential: async () => {
        const fault = this.faults.delete?.(account);
        if (fault) throw fault;
        return this.entries.delete(id);
      },
    };
  }

  async accounts(service: string): Promise<string[]> {
    const fault = this.faults.list?.();
    if (fault) throw fault;
    return [...this.entries.keys()]
      .filter((id) => id.startsWith(`${service}\u0000`))
      .map((id) => id.slice(service.length + 1));
  }
}
