import { useState } from 'react';
import type { ClientDetail } from '../../../../shared/ipc/clients-contract';
import { Button } from '../../components/button';
import { ErrorState } from '../../components/error-state';
import { Spinner } from '../../components/spinner';
import { StatusChip, type StatusTone } from '../../components/status-chip';
import { showFailureToast, showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';
import { useServiceQuery } from '../../ipc/use-service-query';
import { humanizeCode } from './cds-wording';

// cds-wg1-02 §6.3: the production_request Message's status, as its newest request_update says.
const requestStatus: Readonly<Record<string, { tone: StatusTone; label: string }>> = {
  action_required: { tone: 'warning', label: 'The Server needs something from you' },
  pending: { tone: 'info', label: 'Waiting for the Server' },
  complete: { tone: 'success', label: 'Approved' },
  rejected: { tone: 'danger', label: 'Declined' },
  cancelled: { tone: 'neutral', label: 'Cancelled' },
};

const noRequestYet = /no production request was sent/i;

/**
 * Production access for a sandbox Client Object (cds-wg1-02 §6.2 `production_request`): ask for it,
 * then follow the request until the Server creates the production Client Object.
 */
export function ProductionAccess({
  serverId,
  client,
  onOpenMessage,
  onOpenClient,
}: {
  readonly serverId: string;
  readonly client: ClientDetail;
  readonly onOpenMessage: ((messageId: string) => void) | undefined;
  readonly onOpenClient: (clientId: string) => void;
}) {
  const api = useCdsApi();
  const toasts = useToastQueue();
  const [requesting, setRequesting] = useState(false);
  const status = useServiceQuery({
    key: `clients.productionStatus:${serverId}:${client.clientId}`,
    load: (cds) => cds.clients.productionStatus(serverId, client.clientId),
    watch: ['messages', 'clients'],
    serverId,
  });

  const request = async () => {
    setRequesting(true);
    const outcome = await callService(api, (cds) => cds.clients.requestProduction(serverId, client.clientId));
    setRequesting(false);
    if (outcome.ok) {
      showToast(toasts, {
        tone: 'success',
        title: 'Production access requested',
        description: `${client.name}: the Server will answer in the Message “${outcome.value.message.name}”.`,
      });
      status.reload();
    } else {
      showFailureToast(
        toasts,
        'Production access could not be requested',
        outcome.failure,
        () => void request(),
      );
    }
  };

  const state = status.state;
  const notRequested = state.status === 'failed' && noRequestYet.test(state.failure.message);

  return (
    <section className="panel" aria-labelledby={`production-${client.clientId}`}>
      <h3 className="panel__title" id={`production-${client.clientId}`}>
        Production access
      </h3>
      {state.status === 'loading' ? (
        <Spinner label="Checking for a production request" size="sm" />
      ) : notRequested ? (
        <>
          <p className="panel__intro">
            This Client Object works with the Server’s test systems. Ask the Server for a production Client
            Object to work with real customers; it answers with a Message.
          </p>
          <Button variant="primary" onPress={() => void request()} isPending={requesting}>
            Request production access
          </Button>
        </>
      ) : state.status === 'failed' ? (
        <ErrorState
          title="The production request could not be checked"
          failure={state.failure}
          onRetry={status.reload}
        />
      ) : (
        <div className="production-status">
          <p>
            <StatusChip tone={(requestStatus[state.value.status] ?? { tone: 'neutral' as const }).tone}>
              {requestStatus[state.value.status]?.label ?? humanizeCode(state.value.status)}
            </StatusChip>{' '}
            Requested in the Message “{state.value.message.name}”.
          </p>
          <div className="production-status__actions">
            {onOpenMessage ? (
              <Button
                variant="secondary"
                size="sm"
                onPress={() => onOpenMessage(state.value.message.messageId)}
              >
                See the Message
              </Button>
            ) : null}
            {state.value.productionClient ? (
              <Button
                variant="primary"
                size="sm"
                onPress={() => onOpenClient((state.value.productionClient as { clientId: string }).clientId)}
              >
                Open the production Client Object
              </Button>
            ) : (
              <Button variant="quiet" size="sm" onPress={status.reload} isPending={state.isRefreshing}>
                Check again
              </Button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
