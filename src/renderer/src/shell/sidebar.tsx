import type { ReactNode } from 'react';
import type { ServerSummary } from '../../../shared/ipc/servers-contract';
import { Button } from '../components/button';
import { PlusIcon, ServerIcon, SettingsIcon } from '../components/icons';
import type { View } from '../stores/navigation-store';
import { SidebarServer } from './sidebar-server';

/**
 * The sidebar: the app's name, the Servers (with a quick "add"), and Settings at the foot.
 * Plain buttons in document order, so Tab walks it top to bottom; the current place carries
 * aria-current="page".
 */
export function Sidebar({
  view,
  onNavigate,
  onAddServer,
  onOpenServer,
  servers,
  statusById = {},
  selectedServerId = null,
}: {
  readonly servers: readonly ServerSummary[];
  readonly view: View;
  readonly onNavigate: (view: View) => void;
  readonly onAddServer: () => void;
  readonly onOpenServer: (serverId: string) => void;
  /** Newer statuses from `server.status` events, by Server id. */
  readonly statusById?: Readonly<Record<string, string>>;
  readonly selectedServerId?: string | null;
}) {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true">
          <ServerIcon size={18} />
        </span>
        <span className="sidebar__name">CDS Companion</span>
      </div>

      <div className="sidebar__section">
        <div className="sidebar__section-header">
          <NavButton
            isCurrent={view === 'servers'}
            onPress={() => onNavigate('servers')}
            icon={<ServerIcon size={18} />}
          >
            Servers
          </NavButton>
          <Button
            variant="quiet"
            size="sm"
            className="sidebar__add"
            aria-label="Add a Server"
            onPress={onAddServer}
          >
            <PlusIcon size={20} />
          </Button>
        </div>
        {servers.length === 0 ? (
          <p className="sidebar__empty">No Servers yet</p>
        ) : (
          <ul className="sidebar__servers" aria-label="Your Servers">
            {servers.map((server) => (
              <li key={server.id} className="sidebar__server">
                <SidebarServer
                  server={server}
                  status={statusById[server.id] ?? server.status}
                  isCurrent={view === 'server' && selectedServerId === server.id}
                  onPress={() => onOpenServer(server.id)}
                />
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="sidebar__footer">
        <NavButton
          isCurrent={view === 'settings'}
          onPress={() => onNavigate('settings')}
          icon={<SettingsIcon size={18} />}
        >
          Settings
        </NavButton>
      </div>
    </nav>
  );
}

function NavButton({
  isCurrent,
  onPress,
  icon,
  children,
}: {
  readonly isCurrent: boolean;
  readonly onPress: () => void;
  readonly icon: ReactNode;
  readonly children: string;
}) {
  return (
    <Button
      variant="quiet"
      className={isCurrent ? 'nav-item nav-item--current' : 'nav-item'}
      aria-current={isCurrent ? 'page' : undefined}
      onPress={onPress}
    >
      {icon}
      <span>{children}</span>
    </Button>
  );
}
