import { useCallback } from 'react';
import { showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';
import { isRotationRunning, rotationOf } from '../../stores/credential-rotations-store';
import { useRendererStores } from '../../stores/renderer-stores';

/**
 * Rotates one Client Object's secret (credentials.rotate: create → verify → save → expire old) and
 * records its progress and outcome in the rotations store, which the checklist reads.
 */
export function useRotateCredential(
  serverId: string,
  serverName: string,
): (clientId: string) => Promise<void> {
  const api = useCdsApi();
  const stores = useRendererStores();
  const toasts = useToastQueue();
  return useCallback(
    async (clientId: string) => {
      const rotations = stores.credentialRotations;
      if (isRotationRunning(rotationOf(rotations.getState(), serverId, clientId))) return;
      rotations.getState().start(serverId, clientId, Date.now());
      const outcome = await callService(api, (cds) => cds.credentials.rotate(serverId, clientId));
      if (!outcome.ok) {
        rotations.getState().fail(serverId, clientId, outcome.failure);
        return;
      }
      rotations.getState().finish(outcome.value);
      showToast(toasts, {
        tone: outcome.value.complete ? 'success' : 'info',
        title: outcome.value.complete ? 'Secret rotated' : 'New secret in use',
        description: outcome.value.complete
          ? `The Client Object ${clientId} now uses a new secret with ${serverName}.`
          : (outcome.value.warning ?? 'The old secret could not be expired yet.'),
      });
    },
    [api, serverId, serverName, stores, toasts],
  );
}
