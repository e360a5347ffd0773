import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Companion,
  type CreateCompanionOptions,
  createCompanion,
} from '../../src/main/companion/companion';
import type { ServiceHandlers } from '../../src/main/service-api';
import { createMemoryVault } from '../../src/main/vault/memory-vault';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';

// A Companion registered at a fresh in-process sandbox, recording the events a test reads: every call
// goes over real HTTP on 127.0.0.1. The HTTP client makes one attempt per request, so an injected
// fault is seen at once.

export interface RegisteredWorld {
  readonly sandbox: RunningSandbox;
  readonly companion: Companion;
  readonly api: ServiceHandlers;
  readonly serverId: string;
  readonly adminClientId: string;
  /** The sandbox's registration id (its Client Admin client id). */
  readonly registrationId: string;
  readonly dataDir: string;
  /** Every recorded event emitted, in order. */
  readonly events: Array<{ name: EventName; payload: unknown }>;
  close(): Promise<void>;
}

export interface RegisteredWorldOptions {
  /** Names the Server (`<label> utility`) and the registered company (`<label> Tests Inc`). */
  readonly label: string;
  readonly scopes: readonly string[];
  /** The events `world.events` records. */
  readonly events: readonly EventName[];
  readonly sandbox?: SandboxOptions;
  /** Added to the Companion's options (timers, download folder...). */
  readonly companion?: Partial<CreateCompanionOptions>;
  readonly dataDirPrefix?: string;
}

export function eventsNamed<E extends EventName>(world: RegisteredWorld, name: E): EventPayload<E>[] {
  return world.events.filter((event) => event.name === name).map((event) => event.payload as EventPayload<E>);
}

export async function openRegisteredWorld(options: RegisteredWorldOptions): Promise<RegisteredWorld> {
  const sandbox = await startSandbox({ port: 0, ...options.sandbox });
  const dataDir = mkdtempSync(path.join(tmpdir(), options.dataDirPrefix ?? 'cds-registered-'));
  const companion = await createCompanion({
    dataDir,
    version: '0.0.0-test',
    vault: createMemoryVault('test vault'),
    http: { retry: { attempts: 1 } },
    ...options.companion,
  });
  const events: RegisteredWorld['events'] = [];
  for (const name of options.events)
    companion.api.events.on(name, (payload: unknown) => events.push({ name, payload }));
  const api = companion.api.handlers;
  const server = await api['servers.add']({ url: sandbox.metadataUrl, name: `${options.label} utility` });
  const company = `${options.label} Tests Inc`;
  const result = await api['registration.submit'](server.id, {
    scopes: [...options.scopes],
    clientName: company,
    values: { company_name: company },
  });
  return {
    sandbox,
    companion,
    api,
    serverId: server.id,
    adminClientId: result.adminClientId,
    registrationId: result.adminClientId,
    dataDir,
    events,
    close: async () => {
      await companion.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
