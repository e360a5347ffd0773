import { useEffect, useState } from 'react';
import type { ClientView } from '../../../../shared/ipc/clients-contract';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ServerIcon } from '../../components/icons';
import { QueryView } from '../../components/query-view';
import { Table, TableBody, TableCell, TableColumn, TableHeader, TableRow } from '../../components/table';
import { useServiceQuery } from '../../ipc/use-service-query';
import { useNavigationStore } from '../../stores/renderer-stores';
import { ClientDetailView } from './client-detail';
import { ClientStatusChip } from './client-status-chip';
import type { ServerSectionProps } from './server-section-props';
import { useOpenMessage } from './use-open-message';

/**
 * Client Objects (cds-wg1-02 §5): the list the Server gave this registration, and the selected one's
 * details below it. A link from elsewhere ("Open the production Client Object") selects one by id.
 */
export function ClientsSection({ server, overview, availableSections }: ServerSectionProps) {
  const openSection = useNavigationStore((state) => state.openSection);
  const focus = useNavigationStore((state) => (state.section === 'clients' ? state.focus : null));
  const openMessage = useOpenMessage(availableSections);
  const [selected, setSelected] = useState<string | null>(focus);
  useEffect(() => {
    if (focus !== null) setSelected(focus);
  }, [focus]);
  const scopeName = (client: ClientView): string =>
    overview.scopes.find((scope) => scope.id === client.scope)?.name ?? client.scope;
  const clients = useServiceQuery({
    key: `clients.list:${server.id}`,
    load: (cds) => cds.clients.list(server.id),
    watch: ['clients'],
    serverId: server.id,
    enabled: overview.registration !== null,
  });

  if (overview.registration === null) {
    return (
      <EmptyState
        icon={<ServerIcon size={36} />}
        title="No Client Objects yet"
        description={`Client Objects are created when you register with ${server.name}.`}
        actions={
          <Button variant="primary" onPress={() => openSection('registration')}>
            Register
          </Button>
        }
      />
    );
  }

  return (
    <QueryView
      query={clients.state}
      loadingLabel="Loading Client Objects"
      errorTitle="Client Objects could not be loaded"
      onRetry={clients.reload}
    >
      {(list) => {
        const current = list.find((client) => client.clientId === selected) ?? null;
        return list.length === 0 ? (
          <EmptyState
            icon={<ServerIcon size={36} />}
            title="No Client Objects"
            description="The Server lists no Client Objects for this registration. Sync the Server to check again."
          />
        ) : (
          <div className="section-stack">
            <Table
              aria-label="Client Objects"
              selectionMode="single"
              selectionBehavior="replace"
              selectedKeys={current ? [current.clientId] : []}
              onSelectionChange={(keys) => {
                const [first] = keys === 'all' ? [] : [...keys];
                setSelected(first === undefined ? null : String(first));
              }}
            >
              <TableHeader>
                <TableColumn isRowHeader>Name</TableColumn>
                <TableColumn>Status</TableColumn>
                <TableColumn>Scope</TableColumn>
                <TableColumn>Client ID</TableColumn>
              </TableHeader>
              <TableBody items={list as ClientView[]}>
                {(client) => (
                  <TableRow id={client.clientId} textValue={client.name}>
                    <TableCell>{client.name}</TableCell>
                    <TableCell>
                      <ClientStatusChip status={client.status} />
                    </TableCell>
                    <TableCell>
                      <span className="server-cell">
                        <span>{scopeName(client)}</span>
                        <span className="server-cell__address mono">{client.scope}</span>
                      </span>
                    </TableCell>
                    <TableCell>
                      <span className="mono">{client.clientId}</span>
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
            {current ? (
              <ClientDetailView
                key={current.clientId}
                serverId={server.id}
                clientId={current.clientId}
                onOpenMessage={openMessage}
                onOpenClient={(clientId) => setSelected(clientId)}
              />
            ) : (
              <p className="muted section-hint">Choose a Client Object to see its details and change it.</p>
            )}
          </div>
        );
      }}
    </QueryView>
  );
}
