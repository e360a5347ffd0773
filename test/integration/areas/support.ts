import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Companion, createCompanion } from '../../../src/main/companion/companion';
import type { ServiceHandlers } from '../../../src/main/service-api';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import {
  CUSTOMER_DATA_SCOPE,
  FILES_SCOPE,
  GRANT_ADMIN_SCOPE,
  type RunningSandbox,
  type SandboxOptions,
  startSandbox,
} from '../../../src/sandbox/index';
import type { EventName, EventPayload } from '../../../src/shared/ipc/contract';

// A registered Companion against a fresh in-process sandbox, for the Messages, Grants, Files and
// sync tests: every call goes over real HTTP on 127.0.0.1.

export interface AreaWorld {
  readonly sandbox: RunningSandbox;
  readonly companion: Companion;
  readonly api: ServiceHandlers;
  readonly serverId: string;
  readonly adminClientId: string;
  readonly registrationId: string;
  readonly dataDir: string;
  /** Every event emitted, in order. */
  readonly events: Array<{ name: EventName; payload: unknown }>;
  close(): Promise<void>;
}

export const tempDir = (prefix = 'cds-areas-'): string => mkdtempSync(path.join(tmpdir(), prefix));

export function clientIdOf(world: AreaWorld, scope: string): string {
  const clients = world.companion.core.clients.read(world.serverId);
  const found = Object.values(clients?.clients ?? {}).find((entry) => entry.object.scope === scope);
  if (!found) throw new Error(`no Client Object with scope ${scope}`);
  return String(found.object.client_id);
}

export function eventsNamed<E extends EventName>(world: AreaWorld, name: E): EventPayload<E>[] {
  return world.events.filter((event) => event.name === name).map((event) => event.payload as EventPayload<E>);
}

export async function registeredWorld(
  options: SandboxOptions = {},
  scopes = [GRANT_ADMIN_SCOPE, FILES_SCOPE, CUSTOMER_DATA_SCOPE],
): Promise<AreaWorld> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const dataDir = tempDir();
  const companion = await createCompanion({
    dataDir,
    version: '0.0.0-test',
    vault: createMemoryVault('test vault'),
    http: { retry: { attempts: 1 } },
  });
  const events: AreaWorld['events'] = [];
  const names: EventName[] = [
    'messages.changed',
    'grants.changed',
    'files.changed',
    'clients.changed',
    'credentials.changed',
    'download.progress',
    'server.status',
    'sync.polled',
  ];
  for (const name of names)
    companion.api.events.on(name, (payload: unknown) => events.push({ name, payload }));
  const api = companion.api.handlers;
  const server = await api['servers.add']({ url: sandbox.metadataUrl, name: 'Area utility' });
  const result = await api['registration.submit'](server.id, {
    scopes,
    clientName: 'Area Tests Inc',
    values: { company_name: 'Area Tests Inc' },
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
