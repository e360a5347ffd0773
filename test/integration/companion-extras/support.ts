import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Companion,
  type CreateCompanionOptions,
  createCompanion,
} from '../../../src/main/companion/companion';
import type { ServiceHandlers } from '../../../src/main/service-api';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import {
  CUSTOMER_DATA_SCOPE,
  GRANT_ADMIN_SCOPE,
  type RunningSandbox,
  startSandbox,
} from '../../../src/sandbox/index';
import type { EventName, EventPayload } from '../../../src/shared/ipc/contract';

// A Companion registered at a fresh in-process sandbox (real HTTP on 127.0.0.1), recording the
// events the desktop extras emit.

export interface ExtrasWorld {
  readonly sandbox: RunningSandbox;
  readonly companion: Companion;
  readonly api: ServiceHandlers;
  readonly serverId: string;
  readonly adminClientId: string;
  readonly dataDir: string;
  readonly events: Array<{ name: EventName; payload: unknown }>;
  close(): Promise<void>;
}

export const tempDir = (prefix = 'cds-extras-'): string => mkdtempSync(path.join(tmpdir(), prefix));

export function eventsNamed<E extends EventName>(world: ExtrasWorld, name: E): EventPayload<E>[] {
  return world.events.filter((event) => event.name === name).map((event) => event.payload as EventPayload<E>);
}

const recorded: EventName[] = [
  'messages.changed',
  'grants.changed',
  'messages.received',
  'grants.statusChanged',
  'messages.unreadCount',
  'activity.recorded',
  'settings.changed',
  'credentials.changed',
];

export async function extrasWorld(
  extra: Partial<CreateCompanionOptions> = {},
  scopes = [GRANT_ADMIN_SCOPE, CUSTOMER_DATA_SCOPE],
): Promise<ExtrasWorld> {
  const sandbox = await startSandbox({ port: 0 });
  const dataDir = tempDir();
  const companion = await createCompanion({
    dataDir,
    version: '0.0.0-test',
    vault: createMemoryVault('test vault'),
    http: { retry: { attempts: 1 } },
    ...extra,
  });
  const events: ExtrasWorld['events'] = [];
  for (const name of recorded)
    companion.api.events.on(name, (payload: unknown) => events.push({ name, payload }));
  const api = companion.api.handlers;
  const server = await api['servers.add']({ url: sandbox.metadataUrl, name: 'Extras utility' });
  const result = await api['registration.submit'](server.id, {
    scopes,
    clientName: 'Extras Tests Inc',
    values: { company_name: 'Extras Tests Inc' },
  });
  return {
    sandbox,
    companion,
    api,
    serverId: server.id,
    adminClientId: result.adminClientId,
    dataDir,
    events,
    close: async () => {
      await companion.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Lets queued event work (file reads behind derived events) finish. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));
