import type { CdsApi } from '../../../shared/ipc/bridge';
import type { ServersStore } from '../stores/servers-store';
import { callService } from './cds-client';

/** `servers.list` into the servers store: at start, on `servers.changed`, and on "Try again". */
export async function loadServers(api: CdsApi, servers: ServersStore): Promise<void> {
  servers.getState().startLoading();
  const outcome = await callService(api, (cds) => cds.servers.list());
  if (outcome.ok) servers.getState().receiveServers(outcome.value);
  else servers.getState().failLoading(outcome.failure);
}
