import { useState } from 'react';
import type { ServerSummary } from '../../../../shared/ipc/servers-contract';
import { Button } from '../../components/button';
import { DateTime, ServerTimeZoneProvider } from '../../components/date-time';
import { QueryView } from '../../components/query-view';
import { EnvironmentChip, UnreadBadge } from '../../components/server-badges';
import { ServerStatusChip } from '../../components/server-status-chip';
import { Tab, TabList, TabPanel, Tabs } from '../../components/tabs';
import { useServerWorkspaceActions } from '../../ipc/use-server-workspace-actions';
import { useServiceQuery } from '../../ipc/use-service-query';
import { useNavigationStore, useServersStore } from '../../stores/renderer-stores';
import { statusOf } from '../../stores/servers-store';
import { RemoveServerDialog } from './remove-server-dialog';
import { findServerSection, serverSections } from './server-sections';

/**
 * One Server's workspace: a bar with its state and actions (Sync, Remove), then its sections as
 * tabs (server-sections.ts). `servers.get` is loaded here once and handed to every section.
 */
export function ServerWorkspace({ server }: { readonly server: ServerSummary }) {
  const section = useNavigationStore((state) => findServerSection(state.section).id);
  const openSection = useNavigationStore((state) => state.openSection);
  const overview = useServiceQuery({
    key: `servers.get:${server.id}`,
    load: (cds) => cds.servers.get(server.id),
    watch: ['servers', 'clients'],
    serverId: server.id,
  });
  const sectionIds = serverSections.map((entry) => entry.id);
  const timeZone = overview.state.status === 'ready' ? overview.state.value.timezone : null;

  return (
    <ServerTimeZoneProvider timeZone={timeZone}>
      <div className="view server-workspace">
        <ServerBar server={server} />
        <QueryView
          query={overview.state}
          loadingLabel={`Loading ${server.name}`}
          errorTitle={`${server.name} could not be shown`}
          onRetry={overview.reload}
        >
          {(loaded) => (
            <Tabs selectedKey={section} onSelectionChange={(key) => openSection(String(key))}>
              <TabList aria-label={`${server.name} sections`}>
                {serverSections.map((entry) => (
                  <Tab key={entry.id} id={entry.id}>
                    {entry.label}
                  </Tab>
                ))}
              </TabList>
              {serverSections.map((entry) => (
                <TabPanel key={entry.id} id={entry.id}>
                  <entry.component
                    server={server}
                    overview={loaded}
                    reloadOverview={overview.reload}
                    availableSections={sectionIds}
                  />
                </TabPanel>
              ))}
            </Tabs>
          )}
        </QueryView>
      </div>
    </ServerTimeZoneProvider>
  );
}

function ServerBar({ server }: { readonly server: ServerSummary }) {
  const status = useServersStore((state) => statusOf(state, server));
  const { sync, remove } = useServerWorkspaceActions(server);
  const [syncing, setSyncing] = useState(false);
  const [isRemoveOpen, setRemoveOpen] = useState(false);

  const runSync = async () => {
    setSyncing(true);
    await sync();
    setSyncing(false);
  };

  return (
    <section className="server-bar" aria-label={`${server.name} status`}>
      <div className="server-bar__state">
        <ServerStatusChip status={status} />
        <EnvironmentChip server={server} />
        {server.demo ? <span className="server-bar__tag">Demo</span> : null}
        {server.unreadCount > 0 ? (
          <span className="server-bar__unread">
            <UnreadBadge count={server.unreadCount} />
            unread
          </span>
        ) : null}
        <span className="server-bar__sync">
          {server.lastSync ? (
            <>
              Last synced <DateTime value={server.lastSync} />
            </>
          ) : (
            'Not synced yet'
          )}
        </span>
      </div>
      {server.statusMessage || server.lastSyncError ? (
        <p className="server-bar__problem" role="status">
          {server.statusMessage ?? server.lastSyncError}
        </p>
      ) : null}
      <div className="server-bar__actions">
        <Button variant="secondary" size="sm" onPress={() => void runSync()} isPending={syncing}>
          Sync now
        </Button>
        <Button variant="danger" size="sm" onPress={() => setRemoveOpen(true)}>
          Remove…
        </Button>
      </div>
      <RemoveServerDialog
        server={server}
        isOpen={isRemoveOpen}
        onOpenChange={setRemoveOpen}
        onRemove={remove}
      />
    </section>
  );
}
