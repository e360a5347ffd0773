import { useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import { useServerActions } from '../ipc/use-server-actions';
import { useNavigationStore, useServersStore } from '../stores/renderer-stores';
import { AddServerDialog } from '../views/add-server-dialog';
import { ServersView } from '../views/servers-view';
import { SettingsView } from '../views/settings-view';
import { MainHeader } from './main-header';
import { Sidebar } from './sidebar';

const headings = {
  servers: { title: 'Servers', subtitle: 'Your connections to utilities and other CDS Servers' },
  settings: { title: 'Settings', subtitle: 'This installation and where it keeps your data' },
} as const;

/** The loaded app: sidebar, header and the current view. */
export function AppFrame({ info }: { readonly info: AppInfo }) {
  const view = useNavigationStore((state) => state.view);
  const navigate = useNavigationStore((state) => state.navigate);
  const servers = useServersStore((state) => state.servers);
  const [isAddServerOpen, setAddServerOpen] = useState(false);
  const openAddServer = () => setAddServerOpen(true);
  const { addServer, addDemoServer } = useServerActions();

  return (
    <div className="app-frame">
      <Sidebar servers={servers} view={view} onNavigate={navigate} onAddServer={openAddServer} />
      <main className="main-area" aria-labelledby="main-title">
        <MainHeader
          title={headings[view].title}
          subtitle={headings[view].subtitle}
          vault={info.vault}
          {...(view === 'settings' ? {} : { onOpenSettings: () => navigate('settings') })}
        />
        <div className="main-area__content">
          {view === 'servers' ? (
            <ServersView onAddServer={openAddServer} onTryDemo={addDemoServer} />
          ) : (
            <SettingsView info={info} />
          )}
        </div>
      </main>
      <AddServerDialog isOpen={isAddServerOpen} onOpenChange={setAddServerOpen} onSubmit={addServer} />
    </div>
  );
}
