import { useCallback } from 'react';
import type { ServerSummary } from '../../../shared/ipc/servers-contract';
import { showFailureToast, showToast, useToastQueue } from '../components/toast-region';
import { openServer } from '../stores/open-server';
import { useRendererStores } from '../stores/renderer-stores';
import { useCdsApi } from './cds-api-context';
import { callService, type ServiceOutcome } from './cds-client';

export interface ServerActions {
  /** `servers.add`: the dialog shows a failure itself, so this only records a success. */
  readonly addServer: (metadataUrl: string) => Promise<ServiceOutcome<ServerSummary>>;
  /** `servers.addDemo`: a failure becomes a toast with a retry. */
  readonly addDemoServer: () => Promise<ServiceOutcome<ServerSummary>>;
}

/** Adding Servers: the call, the store update and the confirmation, in one place for every view. */
export function useServerActions(): ServerActions {
  const api = useCdsApi();
  const stores = useRendererStores();
  const toasts = useToastQueue();

  const recordAdded = useCallback(
    (server: ServerSummary) => {
      stores.servers.getState().upsertServer(server);
      // A new Server opens on its overview: what it offers and how to register.
      openServer(stores, server.id, 'overview');
      showToast(toasts, { tone: 'success', title: `${server.name} added` });
    },
    [stores, toasts],
  );

  const addServer = useCallback(
    async (metadataUrl: string) => {
      const outcome = await callService(api, (cds) => cds.servers.add({ url: metadataUrl }));
      if (outcome.ok) recordAdded(outcome.value);
      return outcome;
    },
    [api, recordAdded],
  );

  const addDemoServer = useCallback(async (): Promise<ServiceOutcome<ServerSummary>> => {
    const outcome = await callService(api, (cds) => cds.servers.addDemo({}));
    if (outcome.ok) recordAdded(outcome.value);
    else
      showFailureToast(
        toasts,
        'The demo utility could not start',
        outcome.failure,
        () => void addDemoServer(),
      );
    return outcome;
  }, [api, recordAdded, toasts]);

  return { addServer, addDemoServer };
}
