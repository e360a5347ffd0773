import type { ServerSummary } from '../../../shared/ipc/servers-contract';
import { StatusChip, type StatusTone } from './status-chip';

type Environment = ServerSummary['environment'];

// cds-wg1-02 §5.2: a Client Object is `sandbox` (test data) or `production` (real customers).
const environmentPresentation: Readonly<Record<Environment, { tone: StatusTone; label: string }>> = {
  none: { tone: 'neutral', label: 'Not registered' },
  sandbox: { tone: 'info', label: 'Sandbox' },
  production: { tone: 'success', label: 'Production' },
  mixed: { tone: 'success', label: 'Sandbox + production' },
};

/** Where this organisation stands with the Server: not registered, sandbox, production or both. */
export function EnvironmentChip({
  server,
}: {
  readonly server: Pick<ServerSummary, 'registered' | 'environment'>;
}) {
  if (server.registered && server.environment === 'none') {
    return <StatusChip tone="info">Registered</StatusChip>;
  }
  const { tone, label } = environmentPresentation[server.environment];
  return <StatusChip tone={tone}>{label}</StatusChip>;
}

/** The unread Messages count as a small pill; nothing when there are none. */
export function UnreadBadge({ count }: { readonly count: number }) {
  if (count <= 0) return null;
  const label = `${count} unread message${count === 1 ? '' : 's'}`;
  return (
    <span className="unread-badge" role="img" aria-label={label} title={label}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
