import { useState } from 'react';
import type { ServerSummary } from '../../../shared/ipc/servers-contract';
import { Button } from '../components/button';
import { EmptyState } from '../components/empty-state';
import { PlugIcon } from '../components/icons';
import { ServerStatusChip } from '../components/server-status-chip';
import { Table, TableBody, TableCell, TableColumn, TableHeader, TableRow } from '../components/table';
import { useServersStore } from '../stores/renderer-stores';

/**
 * The Servers place: the known Servers in a table, or, with none yet, a sentence on what adding one
 * gives a person and the two ways to start.
 */
export function ServersView({
  onAddServer,
  onTryDemo,
}: {
  readonly onAddServer: () => void;
  readonly onTryDemo: () => Promise<unknown>;
}) {
  const servers = useServersStore((state) => state.servers);
  const [demoPending, setDemoPending] = useState(false);
  const tryDemo = async () => {
    setDemoPending(true);
    await onTryDemo();
    setDemoPending(false);
  };

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
              <Button variant="secondary" onPress={() => void tryDemo()} isPending={demoPending}>
                Try the demo utility
              </Button>
            </>
          }
        />
      </div>
    );
  }
  return (
    <div className="view">
      <Table aria-label="Servers">
        <TableHeader>
          <TableColumn isRowHeader>Name</TableColumn>
          <TableColumn>Status</TableColumn>
          <TableColumn>Environment</TableColumn>
          <TableColumn>Address</TableColumn>
        </TableHeader>
        <TableBody items={servers as ServerSummary[]}>
          {(server) => (
            <TableRow id={server.id}>
              <TableCell>{server.name}</TableCell>
              <TableCell>
                <ServerStatusChip status={server.status} />
              </TableCell>
              <TableCell>{server.environment === 'none' ? 'Not registered' : server.environment}</TableCell>
              <TableCell>
                <span className="mono">{server.metadataUrl ?? server.issuer}</span>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
