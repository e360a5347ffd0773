import type { ServerSummary } from '../../../shared/ipc/servers-contract';
import { Button } from '../components/button';
import { UnreadBadge } from '../components/server-badges';

const statusWords: Readonly<Record<string, string>> = {
  unknown: 'Not checked yet',
  reachable: 'Reachable',
  unreachable: 'Unreachable',
  error: 'Error',
};

const environmentWords: Readonly<Record<ServerSummary['environment'], string>> = {
  none: 'Not registered',
  sandbox: 'Sandbox',
  production: 'Production',
  mixed: 'Sandbox + production',
};

/** "Reachable · Sandbox": the second line of a Server in the sidebar. */
export function describeServerState(server: ServerSummary, status: string): string {
  const environment =
    server.registered && server.environment === 'none' ? 'Registered' : environmentWords[server.environment];
  return `${statusWords[status] ?? status} · ${environment}`;
}

/**
 * One Server in the sidebar: a button opening its workspace, with a status dot (shape and colour),
 * its name, its state in words and the unread badge. The accessible name says all of it.
 */
export function SidebarServer({
  server,
  status,
  isCurrent,
  onPress,
}: {
  readonly server: ServerSummary;
  readonly status: string;
  readonly isCurrent: boolean;
  readonly onPress: () => void;
}) {
  const state = describeServerState(server, status);
  const hasProblem = status === 'error' || status === 'unreachable' || server.lastSyncError !== null;
  return (
    <Button
      variant="quiet"
      className={isCurrent ? 'sidebar-server sidebar-server--current' : 'sidebar-server'}
      aria-current={isCurrent ? 'page' : undefined}
      onPress={onPress}
      data-server-id={server.id}
    >
      <span className={`sidebar__server-dot sidebar__server-dot--${status}`} aria-hidden="true" />
      <span className="sidebar-server__text">
        <span className="sidebar-server__name">{server.name}</span>
        <span
          className={
            hasProblem ? 'sidebar-server__state sidebar-server__state--problem' : 'sidebar-server__state'
          }
        >
          {state}
        </span>
      </span>
      <UnreadBadge count={server.unreadCount} />
    </Button>
  );
}
