import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import { showFailureToast, showToast, useToastQueue } from '../components/toast-region';
import { useCdsApi } from '../ipc/cds-api-context';
import { callService } from '../ipc/cds-client';
import { useServerActions } from '../ipc/use-server-actions';
import { useServerList } from '../ipc/use-server-list';
import { openServer } from '../stores/open-server';
import {
  useAppCommandsStore,
  useNavigationStore,
  useRendererStores,
  useServersStore,
} from '../stores/renderer-stores';
import { selectedServer } from '../stores/servers-store';
import { AddServerDialog } from '../views/add-server-dialog';
import { ServerWorkspace } from '../views/server/server-workspace';
import { ServersView } from '../views/servers-view';
import { SettingsView } from '../views/settings-view';
import { MainHeader } from './main-header';
import { Sidebar } from './sidebar';

const headings = {
  servers: { title: 'Servers', subtitle: 'Your connections to utilities and other CDS Servers' },
  settings: { title: 'Settings', subtitle: 'This installation and where it keeps your data' },
} as const;

/** The loaded app: sidebar, header and the current view (the Servers list, a Server, Settings). */
export function AppFrame({ info }: { readonly info: AppInfo }) {
  useServerList();
  const stores = useRendererStores();
  const view = useNavigationStore((state) => state.view);
  const navigate = useNavigationStore((state) => state.navigate);
  const servers = useServersStore((state) => state.servers);
  const statusById = useServersStore((state) => state.statusById);
  const selectedServerId = useServersStore((state) => state.selectedServerId);
  const current = useServersStore(selectedServer);
  const [isAddServerOpen, setAddServerOpen] = useState(false);
  const openAddServer = () => setAddServerOpen(true);
  const { addServer, addDemoServer } = useServerActions();
  const api = useCdsApi();
  const toasts = useToastQueue();
  const pendingCommand = useAppCommandsStore((state) => state.pending);

  // Menu and tray commands (app.command) that need this frame: the add dialog, the demo, Sync all.
  useEffect(() => {
    if (pendingCommand === null) return;
    stores.appCommands.getState().done(pendingCommand.seq);
    if (pendingCommand.command === 'add-server') setAddServerOpen(true);
    else if (pendingCommand.command === 'try-demo') void addDemoServer();
    else {
      const syncAll = async (): Promise<void> => {
        const outcome = await callService(api, (cds) => cds.servers.syncAll());
        if (outcome.ok) showToast(toasts, { tone: 'success', title: 'Every Server is up to date' });
        else showFailureToast(toasts, 'Sync all did not finish', outcome.failure, () => void syncAll());
      };
      void syncAll();
    }
  }, [pendingCommand, stores, addDemoServer, api, toasts]);

  // A Server removed elsewhere (another window, the CLI) leaves its workspace for the list.
  const shown = view === 'server' && current === null ? 'servers' : view;
  const heading =
    shown === 'server' && current
      ? { title: current.name, subtitle: current.metadataUrl ?? current.issuer }
      : headings[shown === 'server' ? 'servers' : shown];

  return (
    <div className="app-frame">
      <Sidebar
        servers={servers}
        view={shown}
        statusById={statusById}
        selectedServerId={selectedServerId}
        onNavigate={navigate}
        onAddServer={openAddServer}
        onOpenServer={(serverId) => openServer(stores, serverId)}
      />
      <main className="main-area" aria-labelledby="main-title">
        <MainHeader
          title={heading.title}
          subtitle={heading.subtitle}
          vault={info.vault}
          {...(shown === 'settings' ? {} : { onOpenSettings: () => navigate('settings') })}
        />
        <div className="main-area__content">
          {shown === 'server' && current ? (
            <ServerWorkspace key={current.id} server={current} />
          ) : shown === 'settings' ? (
            <SettingsView info={info} />
          ) : (
            <ServersView
              onAddServer={openAddServer}
              onTryDemo={addDemoServer}
              onOpenServer={(serverId) => openServer(stores, serverId)}
            />
          )}
        </div>
      </main>
      <AddServerDialog isOpen={isAddServerOpen} onOpenChange={setAddServerOpen} onSubmit={addServer} />
    </div>
  );
}
