import { useCallback } from 'react';
import type { ClientChanges, ClientUpdateResult } from '../../../../shared/ipc/clients-contract';
import { showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService, type ServiceOutcome } from '../../ipc/cds-client';

/**
 * `clients.update` with its confirmation: a 200 is a success toast naming what changed; a 202
 * (cds-wg1-02 §5.5) is "waiting for the Server's review", which the caller also shows in place.
 */
export function useClientUpdate(
  serverId: string,
  clientId: string,
): (changes: ClientChanges, done: string) => Promise<ServiceOutcome<ClientUpdateResult>> {
  const api = useCdsApi();
  const toasts = useToastQueue();
  return useCallback(
    async (changes, done) => {
      const outcome = await callService(api, (cds) => cds.clients.update(serverId, clientId, changes));
      if (outcome.ok) {
        showToast(
          toasts,
          outcome.value.accepted
            ? {
                tone: 'info',
                title: 'Sent for the Server’s review',
                description: `${done}: the Server will review ${outcome.value.pendingFields.join(', ') || 'the change'} first.`,
              }
            : { tone: 'success', title: done },
        );
      }
      return outcome;
    },
    [api, serverId, clientId, toasts],
  );
}
