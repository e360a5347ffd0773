import { useCallback } from 'react';
import type { RemovalReport, ServerSummary, SyncReport } from '../../../shared/ipc/servers-contract';
import { showFailureToast, showToast, useToastQueue } from '../components/toast-region';
import { useRendererStores } from '../stores/renderer-stores';
import { useCdsApi } from './cds-api-context';
import { callService, type ServiceOutcome } from './cds-client';

export interface ServerWorkspaceActions {
  /** `servers.sync`: the outcome as a toast (what was refreshed, or what failed with a retry). */
  readonly sync: () => Promise<ServiceOutcome<SyncReport>>;
  /** `servers.remove`: drops the Server from the store and leaves the workspace; the dialog shows failures. */
  readonly remove: () => Promise<ServiceOutcome<RemovalReport>>;
}

const areaLabels: Readonly<Record<string, [string, string]>> = {
  clients: ['Client Object', 'Client Objects'],
  credentials: ['Credential', 'Credentials'],
  messages: ['Message', 'Messages'],
  grants: ['Grant', 'Grants'],
  files: ['file', 'files'],
};

/** "4 Client Objects, 5 Credentials" from a sync report's counts. */
export function describeSyncCounts(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts).map(([area, count]) => {
    const [one, many] = areaLabels[area] ?? [area, area];
    return `${count} ${count === 1 ? one : many}`;
  });
  return parts.length > 0 ? parts.join(', ') : 'nothing to refresh yet';
}

/** The Server workspace's header actions, with their toasts, for one Server. */
export function useServerWorkspaceActions(server: ServerSummary): ServerWorkspaceActions {
  const api = useCdsApi();
  const stores = useRendererStores();
  const toasts = useToastQueue();

  const sync = useCallback(async (): Promise<ServiceOutcome<SyncReport>> => {
    const outcome = await callService(api, (cds) => cds.servers.sync(server.id));
    if (!outcome.ok) {
      showFailureToast(toasts, `${server.name} could not be synced`, outcome.failure, () => void sync());
    } else if (!outcome.value.ok) {
      showToast(toasts, {
        tone: 'danger',
        title: `${server.name} synced with problems`,
        description: outcome.value.errors.join(' '),
        action: { label: 'Try again', onAction: () => void sync() },
      });
    } else {
      showToast(toasts, {
        tone: 'success',
        title: `${server.name} is up to date`,
        description: describeSyncCounts(outcome.value.counts),
      });
    }
    return outcome;
  }, [api, server.id, server.name, toasts]);

  const remove = useCallback(async (): Promise<ServiceOutcome<RemovalReport>> => {
    const outcome = await callService(api, (cds) => cds.servers.remove(server.id));
    if (outcome.ok) {
      stores.servers.getState().removeServer(server.id);
      stores.navigation.getState().navigate('servers');
      const report = outcome.value;
      const revoked =
        report.revoked > 0
          ? ` ${report.revoked} token${report.revoked === 1 ? ' was' : 's were'} revoked.`
          : '';
      showToast(toasts, {
        tone: report.revocationFailures.length > 0 ? 'danger' : 'success',
        title: `${report.name} removed`,
        description:
          report.revocationFailures.length > 0
            ? `Its secrets were deleted from this computer, but the Server did not confirm every revocation: ${report.revocationFailures.join(' ')}`
            : `Its secrets and saved data were deleted from this computer.${revoked}`,
      });
    }
    return outcome;
  }, [api, server.id, stores, toasts]);

  return { sync, remove };
}
