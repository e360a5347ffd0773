import { useState } from 'react';
import type { ServerSummary } from '../../../shared/ipc/servers-contract';
import { Button } from '../components/button';
import { DateTime } from '../components/date-time';
import { EmptyState } from '../components/empty-state';
import { ErrorState } from '../components/error-state';
import { PlugIcon, PlusIcon } from '../components/icons';
import { EnvironmentChip, UnreadBadge } from '../components/server-badges';
import { ServerStatusChip } from '../components/server-status-chip';
import { Spinner } from '../components/spinner';
import { Table, TableBody, TableCell, TableColumn, TableHeader, TableRow } from '../components/table';
import { useCdsApi } from '../ipc/cds-api-context';
import { loadServers } from '../ipc/load-servers';
import { useRendererStores, useServersStore } from '../stores/renderer-stores';
import { statusOf } from '../stores/servers-store';

/**
 * The Servers place: the known Servers in a table (a row opens the Server), or, with none yet, a
 * sentence on what adding one gives a person and the two ways to start.
 */
export function ServersView({
  onAddServer,
  onTryDemo,
  onOpenServer,
}: {
  readonly onAddServer: () => void;
  readonly onTryDemo: () => Promise<unknown>;
  readonly onOpenServer: (serverId: string) => void;
}) {
  const api = useCdsApi();
  const stores = useRendererStores();
  const servers = useServersStore((state) => state.servers);
  const load = useServersStore((state) => state.load);
  const statusById = useServersStore((state) => state.statusById);
  const [demoPending, setDemoPending] = useState(false);
  const tryDemo = async () => {
    setDemoPending(true);
    await onTryDemo();
    setDemoPending(false);
  };
  const demoButton = (
    <Button variant="secondary" onPress={() => void tryDemo()} isPending={demoPending}>
      Try the demo utility
    </Button>
  );

  if (servers.length === 0 && load.phase === 'failed') {
    return (
      <div className="view">
        <ErrorState
          title="Your Servers could not be listed"
          failure={load.failure}
          onRetry={() => void loadServers(api, stores.servers)}
        />
      </div>
    );
  }
  if (servers.length === 0 && load.phase === 'loading') {
    return (
      <div className="view view--centered">
        <Spinner label="Loading your Servers" />
      </div>
    );
  }
  if (servers.length === 0) {
    return (
      <div className="view view--centered">
        <EmptyState
          icon={<PlugIcon size={40} />}
          title="No Servers yet"
          description="Add your utility's CDS Server to register this organisation, keep its credentials fresh, read the utility's messages and download the files it shares with you."
          actions={
            <>
              <Button variant="primary" onPress={onAddServer}>
                Add a Server
              </Button>
              {demoButton}
            </>
          }
        />
      </div>
    );
  }
  return (
    <div className="view">
      <div className="view__toolbar">
        <p className="view__intro">
          Choose a Server to see what it offers, register, and manage your Client Objects.
        </p>
        <div className="view__toolbar-actions">
          {demoButton}
          <Button variant="primary" onPress={onAddServer}>
            <PlusIcon size={18} />
            Add a Server
          </Button>
        </div>
      </div>
      <Table aria-label="Servers" onRowAction={(key) => onOpenServer(String(key))}>
        <TableHeader>
          <TableColumn isRowHeader>Name</TableColumn>
          <TableColumn>Status</TableColumn>
          <TableColumn>Registration</TableColumn>
          <TableColumn>Unread</TableColumn>
          <TableColumn>Last synced</TableColumn>
        </TableHeader>
        <TableBody items={servers as ServerSummary[]}>
          {(server) => (
            <TableRow id={server.id} textValue={server.name}>
              <TableCell>
                <span className="server-cell">
                  <span className="server-cell__name">{server.name}</span>
                  <span className="server-cell__address mono">{server.metadataUrl ?? server.issuer}</span>
                </span>
              </TableCell>
              <TableCell>
                <ServerStatusChip status={statusOf({ statusById }, server)} />
              </TableCell>
              <TableCell>
                <EnvironmentChip server={server} />
              </TableCell>
              <TableCell>
                {server.unreadCount > 0 ? (
                  <UnreadBadge count={server.unreadCount} />
                ) : (
                  <span className="muted">None</span>
                )}
              </TableCell>
              <TableCell>
                {server.lastSync ? (
                  <DateTime value={server.lastSync} />
                ) : (
                  <span className="muted">Never</span>
                )}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
