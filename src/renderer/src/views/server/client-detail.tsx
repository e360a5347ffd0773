import { useState } from 'react';
import type {
  ClientChanges,
  ClientDetail,
  ClientUpdateResult,
} from '../../../../shared/ipc/clients-contract';
import { Button } from '../../components/button';
import { DateTime } from '../../components/date-time';
import { ExternalLink } from '../../components/external-link';
import { Fact } from '../../components/fact';
import { QueryView } from '../../components/query-view';
import { useServiceQuery } from '../../ipc/use-service-query';
import { ClientEditDialog } from './client-edit-dialog';
import { ClientStatusChip } from './client-status-chip';
import { ProductionAccess } from './production-access';
import { RedirectUrisEditor } from './redirect-uris-editor';
import { ReviewPending } from './review-pending';
import { useClientUpdate } from './use-client-update';

/** One Client Object (cds-wg1-02 §5.1, §5.4): its details, redirect URIs, edits and production access. */
export function ClientDetailView({
  serverId,
  clientId,
  onOpenMessage,
  onOpenClient,
}: {
  readonly serverId: string;
  readonly clientId: string;
  readonly onOpenMessage: ((messageId: string) => void) | undefined;
  readonly onOpenClient: (clientId: string) => void;
}) {
  const detail = useServiceQuery({
    key: `clients.get:${serverId}:${clientId}`,
    load: (cds) => cds.clients.get(serverId, clientId),
    watch: ['clients'],
    serverId,
  });
  return (
    <QueryView
      query={detail.state}
      loadingLabel="Loading the Client Object"
      errorTitle="The Client Object could not be loaded"
      onRetry={detail.reload}
    >
      {(client) => (
        <ClientDetailBody
          serverId={serverId}
          client={client}
          reload={detail.reload}
          onOpenMessage={onOpenMessage}
          onOpenClient={onOpenClient}
        />
      )}
    </QueryView>
  );
}

function ClientDetailBody({
  serverId,
  client,
  reload,
  onOpenMessage,
  onOpenClient,
}: {
  readonly serverId: string;
  readonly client: ClientDetail;
  readonly reload: () => void;
  readonly onOpenMessage: ((messageId: string) => void) | undefined;
  readonly onOpenClient: (clientId: string) => void;
}) {
  const baseUpdate = useClientUpdate(serverId, client.clientId);
  const [review, setReview] = useState<ClientUpdateResult | null>(null);
  const [isEditOpen, setEditOpen] = useState(false);
  // Every change goes through here: a 202 is kept to show "waiting for review" in place (§5.5).
  const update = async (changes: ClientChanges, done: string) => {
    const outcome = await baseUpdate(changes, done);
    if (outcome.ok) {
      setReview(outcome.value.accepted ? outcome.value : null);
      reload();
    }
    return outcome;
  };
  const contacts = Array.isArray(client.object.contacts)
    ? client.object.contacts.filter((c) => typeof c === 'string')
    : [];
  const showRedirects = client.userAuthorization || client.redirectUris.length > 0;

  return (
    <section className="client-detail" aria-labelledby={`client-title-${client.clientId}`}>
      <header className="client-detail__header">
        <div>
          <h2 className="client-detail__title" id={`client-title-${client.clientId}`}>
            {client.name}
          </h2>
          <p className="client-detail__id mono">{client.clientId}</p>
        </div>
        <ClientStatusChip status={client.status} />
        <Button variant="secondary" size="sm" onPress={() => setEditOpen(true)}>
          Edit details
        </Button>
      </header>
      {review ? <ReviewPending update={review} onOpenMessage={onOpenMessage} /> : null}
      <dl className="facts">
        <Fact term="Scope" className="mono">
          {client.scope}
        </Fact>
        <Fact term="Used for">
          {client.admin
            ? 'Managing this registration (Client Objects, Messages, Credentials)'
            : client.userAuthorization
              ? 'Access customers authorize in their browser'
              : 'Access without customer authorization'}
        </Fact>
        <Fact term="Contacts">
          {contacts.length > 0 ? contacts.join(', ') : <span className="muted">None</span>}
        </Fact>
        <Fact term="Created">
          <DateTime value={client.created} />
        </Fact>
        <Fact term="Last changed">
          <DateTime value={client.modified} />
        </Fact>
        {client.metadata ? (
          <Fact term="Its Server metadata">
            <ExternalLink href={client.metadata.cdsMetadataUrl}>
              {client.metadata.cdsMetadataUrl}
            </ExternalLink>
            {client.metadata.samePublicMetadata ? (
              <span className="muted"> (the public metadata)</span>
            ) : null}
          </Fact>
        ) : client.metadataError ? (
          <Fact term="Its Server metadata" className="muted">
            Could not be read: {client.metadataError}
          </Fact>
        ) : null}
      </dl>
      {showRedirects ? <RedirectUrisEditor client={client} update={update} /> : null}
      {client.status === 'sandbox' && !client.admin ? (
        <ProductionAccess
          serverId={serverId}
          client={client}
          onOpenMessage={onOpenMessage}
          onOpenClient={onOpenClient}
        />
      ) : null}
      <ClientEditDialog client={client} isOpen={isEditOpen} onOpenChange={setEditOpen} update={update} />
    </section>
  );
}
