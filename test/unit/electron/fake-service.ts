import type { ServiceApi, ServiceHandlers } from '../../../src/main/service-api';
import type { AppInfo, EventName } from '../../../src/shared/ipc/contract';
import { methodNames } from '../../../src/shared/ipc/names';

/** A service double: records calls and lets a test emit events on any name. */
export function fakeService(result: unknown = sampleInfo()) {
  const calls: unknown[][] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const service: ServiceApi = {
    // Every contract method answers `result` and records its arguments; the tests call app.info.
    handlers: Object.fromEntries(
      methodNames.map((name) => [
        name,
        async (...args: unknown[]) => {
          calls.push(args);
          return result;
        },
      ]),
    ) as unknown as ServiceHandlers,
    events: {
      on: (event: EventName, listener: (payload: never) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener as (payload: unknown) => void);
        listeners.set(event, set);
        return () => set.delete(listener as (payload: unknown) => void);
      },
    },
  };
  const emit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const loose = {
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
      };
    },
  };
  return { service, calls, emit, loose, listenerCount: (event: string) => listeners.get(event)?.size ?? 0 };
}

export function sampleInfo(): AppInfo {
  return {
    name: 'CDS Companion',
    version: '0.1.0',
    dataDir: '/home/me/.config/cds-companion/data',
    vault: { backend: 'keychain', persistent: true, warning: null },
  };
}
