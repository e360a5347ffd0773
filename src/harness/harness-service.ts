import pkg from '../../package.json' with { type: 'json' };
import type { ServiceApi, ServiceHandlers } from '../main/service-api';
import type { Vault } from '../main/vault/vault';
import { type MethodName, methodNames } from '../shared/ipc/contract';
import { createEventHub, type EventHub } from './event-hub';

export interface HarnessServiceOptions {
  readonly dataDir: string;
  /** Only what app.info reports: which backend holds secrets and the warning to show. */
  readonly vault: Pick<Vault, 'backend' | 'persistent' | 'warning'>;
  readonly events?: EventHub;
}

/** What the harness answers for a contract method the Companion service would serve. */
export class ServiceNotConnectedError extends Error {
  readonly step: string;
  constructor(method: MethodName) {
    super(`This part of CDS Companion is not connected in the web harness yet (${method}).`);
    this.name = 'NotAvailable';
    this.step = method;
  }
}

/**
 * The service the web harness binds to until the Companion facade exists. This is the one seam to
 * replace: everything else in src/harness works with any ServiceApi. `app.info` is real data (the
 * package version, the data directory, the vault that was opened); every other method rejects with
 * a named error, so the renderer's error paths show it plainly instead of pretending.
 */
export function createHarnessService(
  options: HarnessServiceOptions,
): ServiceApi & { readonly events: EventHub } {
  const events = options.events ?? createEventHub();
  const implemented: Partial<Record<MethodName, (...args: never[]) => Promise<unknown>>> = {
    'app.info': async () => ({
      name: 'CDS Companion',
      version: pkg.version,
      dataDir: options.dataDir,
      vault: {
        backend: options.vault.backend,
        persistent: options.vault.persistent,
        warning: options.vault.warning,
      },
    }),
  };
  const handlers: Record<string, unknown> = {};
  for (const name of methodNames) {
    handlers[name] =
      implemented[name] ??
      (async () => {
        throw new ServiceNotConnectedError(name);
      });
  }
  return { handlers: handlers as ServiceHandlers, events };
}
