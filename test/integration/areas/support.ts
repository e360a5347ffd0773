import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CUSTOMER_DATA_SCOPE,
  FILES_SCOPE,
  GRANT_ADMIN_SCOPE,
  type SandboxOptions,
} from '../../../src/sandbox/index';
import { openRegisteredWorld, type RegisteredWorld } from '../registered-world';

// A registered Companion against a fresh in-process sandbox, for the Messages, Grants, Files and
// sync tests: every call goes over real HTTP on 127.0.0.1.

export { eventsNamed } from '../registered-world';

export type AreaWorld = RegisteredWorld;

export const tempDir = (prefix = 'cds-areas-'): string => mkdtempSync(path.join(tmpdir(), prefix));

export function clientIdOf(world: AreaWorld, scope: string): string {
  const clients = world.companion.core.clients.read(world.serverId);
  const found = Object.values(clients?.clients ?? {}).find((entry) => entry.object.scope === scope);
  if (!found) throw new Error(`no Client Object with scope ${scope}`);
  return String(found.object.client_id);
}

export function registeredWorld(
  options: SandboxOptions = {},
  scopes = [GRANT_ADMIN_SCOPE, FILES_SCOPE, CUSTOMER_DATA_SCOPE],
): Promise<AreaWorld> {
  return openRegisteredWorld({
    label: 'Area',
    scopes,
    sandbox: options,
    dataDirPrefix: 'cds-areas-',
    events: [
      'messages.changed',
      'grants.changed',
      'files.changed',
      'clients.changed',
      'credentials.changed',
      'download.progress',
      'server.status',
      'sync.polled',
    ],
  });
}
