import type { Vault } from './vault';

/**
 * A vault that is still opening, usable at once: every operation waits for the open. An open that
 * fails fails the operations waiting for it, with its own error, and the next operation opens again
 * (a full disk may have been freed meanwhile). The CLI's background Companion creates a new file
 * vault this way, so a command that needs no secret (`servers add`) runs while scrypt derives the new
 * vault's key (docs/decisions/0002-cli-agent.md). Only for a vault whose opening cannot be refused
 * for a wrong passphrase: an existing vault file is opened, and its passphrase checked, before any
 * command runs.
 */
export function deferredVault(
  open: () => Promise<Vault>,
  known: Pick<Vault, 'backend' | 'persistent' | 'warning'>,
): Vault {
  const start = () => {
    const attempt = open();
    attempt.catch(() => undefined); // Reported to the operations that wait for it.
    return attempt;
  };
  let opening = start();
  const opened = async (): Promise<Vault> => {
    const attempt = opening;
    try {
      return await attempt;
    } catch (error) {
      if (opening === attempt) opening = start();
      throw error;
    }
  };
  return {
    backend: known.backend,
    persistent: known.persistent,
    warning: known.warning,
    get: async (key) => (await opened()).get(key),
    set: async (key, value) => (await opened()).set(key, value),
    delete: async (key) => (await opened()).delete(key),
    deleteByPrefix: async (prefix) => (await opened()).deleteByPrefix(prefix),
  };
}
